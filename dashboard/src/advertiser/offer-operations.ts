import { graphql } from "../graphql.ts";

export const OfferQuery = graphql(`
  query Offer($id: ID!) {
    offer(id: $id) {
      id name vertical description status visibility currency payoutModel payoutShareBps revenueShareBps
      countries devices confirmationMode holdDays returnWindowDays attributionWindowHours landingUrl fallbackUrl
      postbackInstructions { postbackUrl pixelUrl }
      payout { amount }
      revenue { amount }
      caps { id scope period metric limit }
      leadFormFields { name label type required }
      advertiser { name }
    }
  }
`);

export const CreateOfferMutation = graphql(`
  mutation CreateOffer($input: CreateOfferInput!) {
    createOffer(input: $input) {
      __typename
      ... on MutationCreateOfferSuccess { data { id } }
      ... on DomainError { message }
    }
  }
`);

export const UpdateOfferMutation = graphql(`
  mutation UpdateOffer($id: ID!, $input: UpdateOfferInput!) {
    updateOffer(id: $id, input: $input) {
      __typename
      ... on MutationUpdateOfferSuccess { data { id } }
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
