// The GraphQL documents of the delivery screen and of the lead page's deliveries.
import { graphql, type ResultOf } from "../graphql.ts";

export const DeliveryScreenQuery = graphql(`
  query DeliveryScreen($offerId: ID!) {
    offer(id: $offerId) { id name status }
    leadDestinations(offerId: $offerId) {
      id name kind active trigger url format recipients signed createdAt
      fieldMapping { from to }
      staticFields { name value }
      refusalRule { httpStatuses bodyContains jsonPath equals reason reasonPath }
    }
  }
`);

export const AttemptFields = graphql(`
  fragment DeliveryAttemptFields on LeadDeliveryAttempt @_unmask {
    id createdAt test attempt outcome refusalReason responseStatus responseBody error durationMs
    conversionId deliveryId replayOf requestUrl requestHeaders requestBody
    destination { id name kind }
  }
`);

export const AttemptLogQuery = graphql(
  `
  query DeliveryAttempts($destinationId: ID, $conversionId: ID, $after: String) {
    leadDeliveryAttempts(first: 25, after: $after, destinationId: $destinationId, conversionId: $conversionId) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...DeliveryAttemptFields } }
    }
  }
`,
  [AttemptFields],
);

export type Attempt = ResultOf<typeof AttemptFields>;
export type Destination = NonNullable<ResultOf<typeof DeliveryScreenQuery>["leadDestinations"]>[number];

export const CreateDestinationMutation = graphql(`
  mutation CreateLeadDestination($offerId: ID!, $input: LeadDestinationInput!) {
    createLeadDestination(offerId: $offerId, input: $input) {
      __typename
      ... on MutationCreateLeadDestinationSuccess { data { secret destination { id name } } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const UpdateDestinationMutation = graphql(`
  mutation UpdateLeadDestination($id: ID!, $input: LeadDestinationInput!) {
    updateLeadDestination(id: $id, input: $input) {
      __typename
      ... on MutationUpdateLeadDestinationSuccess { data { secret destination { id name } } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const SetActiveMutation = graphql(`
  mutation SetLeadDestinationActive($id: ID!, $active: Boolean!) {
    setLeadDestinationActive(id: $id, active: $active) {
      __typename
      ... on MutationSetLeadDestinationActiveSuccess { data { id active } }
      ... on DomainError { message }
    }
  }
`);

export const DeleteDestinationMutation = graphql(`
  mutation DeleteLeadDestination($id: ID!) {
    deleteLeadDestination(id: $id) {
      __typename
      ... on MutationDeleteLeadDestinationSuccess { data }
      ... on DomainError { message }
    }
  }
`);

export const RotateSecretMutation = graphql(`
  mutation RotateLeadDestinationSecret($id: ID!) {
    rotateLeadDestinationSecret(id: $id) {
      __typename
      ... on MutationRotateLeadDestinationSecretSuccess { data { secret } }
      ... on DomainError { message }
    }
  }
`);

export const SendTestLeadMutation = graphql(`
  mutation SendTestLead($destinationId: ID!) {
    sendTestLead(destinationId: $destinationId) {
      __typename
      ... on MutationSendTestLeadSuccess { data }
      ... on DomainError { message }
    }
  }
`);

export const ReplayMutation = graphql(`
  mutation ReplayLeadDelivery($attemptId: ID, $conversionId: ID, $destinationId: ID) {
    replayLeadDelivery(attemptId: $attemptId, conversionId: $conversionId, destinationId: $destinationId) {
      __typename
      ... on MutationReplayLeadDeliverySuccess { data }
      ... on DomainError { message }
    }
  }
`);
