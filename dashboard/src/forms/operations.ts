import { graphql } from "../graphql.ts";

export const LeadFormPageQuery = graphql(`
  query LeadFormPage($id: ID!) {
    offer(id: $id) {
      id name status landingUrl landingMode
      leadForm {
        id key title intro consentText consentVersion submitLabel thankYouTitle thankYouText
        minFillSeconds rateLimitPerHour hostedUrl widgetScriptUrl embedSnippet updatedAt
        fields { name label type required options placeholder maxLength }
        faq { question keywords answer }
      }
      leadMagnet {
        id kind title description url fileName fileType fileSize lowStockThreshold linkTtlHours active
        pool { total claimed left threshold low }
      }
    }
  }
`);

export const SaveLeadFormMutation = graphql(`
  mutation SaveLeadForm($offerId: ID!, $input: LeadFormInput!) {
    saveLeadForm(offerId: $offerId, input: $input) {
      __typename
      ... on MutationSaveLeadFormSuccess { data { id consentVersion } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const SetOfferLandingMutation = graphql(`
  mutation SetOfferLanding($offerId: ID!, $mode: LandingMode!) {
    setOfferLanding(offerId: $offerId, mode: $mode) {
      __typename
      ... on MutationSetOfferLandingSuccess { data { id landingMode } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const SaveLeadMagnetMutation = graphql(`
  mutation SaveLeadMagnet($offerId: ID!, $input: LeadMagnetInput!) {
    saveLeadMagnet(offerId: $offerId, input: $input) {
      __typename
      ... on MutationSaveLeadMagnetSuccess { data { id } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const AddRewardCodesMutation = graphql(`
  mutation AddRewardCodes($magnetId: ID!, $codes: [String!]!) {
    addRewardCodes(magnetId: $magnetId, codes: $codes) {
      __typename
      ... on MutationAddRewardCodesSuccess { data { added skipped magnet { id pool { total claimed left threshold low } } } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const RemoveUnclaimedCodesMutation = graphql(`
  mutation RemoveUnclaimedRewardCodes($magnetId: ID!) {
    removeUnclaimedRewardCodes(magnetId: $magnetId) {
      __typename
      ... on MutationRemoveUnclaimedRewardCodesSuccess { data { removed magnet { id pool { total claimed left threshold low } } } }
      ... on DomainError { message }
    }
  }
`);
