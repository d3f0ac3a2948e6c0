import { graphql } from "../graphql.ts";

export const OfferQuery = graphql(`
  query Offer($id: ID!) {
    offer(id: $id) {
      id name vertical description status visibility currency payoutModel payoutShareBps revenueShareBps
      countries devices confirmationMode holdDays returnWindowDays attributionWindowHours landingUrl fallbackUrl
      landingMode qualityPolicy minSecondsToConvert duplicateWindowDays contactLimit contactPeriodHours
      postbackInstructions { postbackUrl pixelUrl }
      payout { amount }
      revenue { amount }
      caps { id scope period metric limit publisher { id name } }
      leadForm { id consentVersion }
      advertiser { name }
      customPayouts(first: 100) {
        edges { node { id country payoutShareBps payout { amount currency } publisher { id name } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

/** The custom payouts past the offer's first page (the editor's Load more). */
export const MoreCustomPayoutsQuery = graphql(`
  query MoreCustomPayouts($id: ID!, $after: String!) {
    offer(id: $id) {
      id
      customPayouts(first: 100, after: $after) {
        edges { node { id country payoutShareBps payout { amount currency } publisher { id name } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

export const CreateOfferMutation = graphql(`
  mutation CreateOffer($input: CreateOfferInput!) {
    createOffer(input: $input) {
      __typename
      ... on MutationCreateOfferSuccess { data { id } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const UpdateOfferMutation = graphql(`
  mutation UpdateOffer($id: ID!, $input: UpdateOfferInput!) {
    updateOffer(id: $id, input: $input) {
      __typename
      ... on MutationUpdateOfferSuccess { data { id } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const SetQualityRulesMutation = graphql(`
  mutation SetOfferQualityRules($offerId: ID!, $input: QualityRulesInput!) {
    setOfferQualityRules(offerId: $offerId, input: $input) {
      __typename
      ... on MutationSetOfferQualityRulesSuccess { data { id } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const SetCustomPayoutMutation = graphql(`
  mutation SetCustomPayout($input: SetCustomPayoutInput!) {
    setCustomPayout(input: $input) {
      __typename
      ... on MutationSetCustomPayoutSuccess { data { id } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const RemoveCustomPayoutMutation = graphql(`
  mutation RemoveCustomPayout($id: ID!) {
    removeCustomPayout(id: $id) {
      __typename
      ... on MutationRemoveCustomPayoutSuccess { data }
      ... on DomainError { message }
    }
  }
`);

export const SetOfferStatusMutation = graphql(`
  mutation SetOfferStatus($id: ID!, $status: OfferStatus!) {
    setOfferStatus(id: $id, status: $status) {
      __typename
      ... on MutationSetOfferStatusSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);
