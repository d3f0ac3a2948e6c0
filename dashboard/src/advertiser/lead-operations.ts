import { graphql } from "../graphql.ts";

export const LeadsQuery = graphql(`
  query Leads($filter: LeadFilter, $first: Int, $after: String, $orderBy: LeadOrder, $temperatureAt: DateTime) {
    leads(first: $first, after: $after, filter: $filter, orderBy: $orderBy, temperatureAt: $temperatureAt) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id status statusReason convertedAt leadName leadEmail leadPhone country deviceType transactionId goal
          offer { id name }
          publisher { id name }
          revenue { amount currency }
          qualitySignals { code detail }
          temperature temperatureReasons nextContactAt decidedAt returnableUntil
        }
      }
    }
  }
`);

export const LeadQuery = graphql(`
  query Lead($id: ID!) {
    lead(id: $id) {
      id status statusReason convertedAt leadName leadEmail leadPhone leadFields consentText consentAt erasedAt
      country deviceType transactionId goal source clickId clickAt decidedAt approvedAt returnedAt returnReason
      returnableUntil
      offer { id name returnWindowDays }
      publisher { id name }
      revenue { amount currency }
      saleAmount { amount currency }
      subs { sub1 sub2 sub3 sub4 sub5 sub6 sub7 sub8 sub9 sub10 source }
      qualitySignals { code detail }
      temperature temperatureReasons
      history { at action status reason }
      consentVersion captureChannel rewardKind rewardCode rewardGivenAt poolEmpty
      conversation { from text at }
    }
  }
`);

export const ConfirmMutation = graphql(`
  mutation ConfirmLeads($ids: [ID!]!) {
    confirmLeads(ids: $ids) {
      __typename
      ... on MutationConfirmLeadsSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

export const RejectMutation = graphql(`
  mutation RejectLeads($ids: [ID!]!, $reason: String!) {
    rejectLeads(ids: $ids, reason: $reason) {
      __typename
      ... on MutationRejectLeadsSuccess { data { id status } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const ReturnMutation = graphql(`
  mutation ReturnLead($id: ID!, $reason: String!) {
    returnLead(id: $id, reason: $reason) {
      __typename
      ... on MutationReturnLeadSuccess { data { id status } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

export const OverturnMutation = graphql(`
  mutation OverturnLeadRejection($id: ID!) {
    overturnLeadRejection(id: $id) {
      __typename
      ... on MutationOverturnLeadRejectionSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);
