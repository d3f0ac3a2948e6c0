// Finance's payout statements queue (also the admin's): the typed operations behind DocumentQueueScreen.
import { graphql } from "../graphql.ts";
import { DocumentQueueScreen } from "./DocumentQueueScreen.tsx";

export const statementOperations = {
  list: graphql(`
    query FinanceStatements($filter: PayoutStatementFilter, $after: String) {
      documents: payoutStatements(first: 100, after: $after, filter: $filter) {
        __typename
        ... on QueryPayoutStatementsSuccess {
          data {
            pageInfo { hasNextPage endCursor }
            edges {
              node {
                id status currency total lineCount periodEnd paidAt generatedById
                owner: publisher { name }
                payments { reference }
              }
            }
          }
        }
        ... on DomainError { message }
      }
    }
  `),
  approve: graphql(`
    mutation ApproveStatement($id: ID!) {
      result: approveStatement(id: $id) {
        __typename
        ... on MutationApproveStatementSuccess { data { id status } }
        ... on DomainError { message }
      }
    }
  `),
  markPaid: graphql(`
    mutation MarkStatementPaid($id: ID!, $paidAt: DateTime!, $reference: String!) {
      result: markStatementPaid(id: $id, paidAt: $paidAt, reference: $reference) {
        __typename
        ... on MutationMarkStatementPaidSuccess { data { id status } }
        ... on DomainError { message fields { path message } }
      }
    }
  `),
  void: graphql(`
    mutation VoidStatement($id: ID!, $reason: String!) {
      result: voidStatement(id: $id, reason: $reason) {
        __typename
        ... on MutationVoidStatementSuccess { data { id status } }
        ... on DomainError { message fields { path message } }
      }
    }
  `),
};

export function FinanceStatements() {
  return (
    <DocumentQueueScreen
      kind="statements"
      noun="statement"
      title="Payout statements"
      ownerLabel="Publisher"
      operations={statementOperations}
    />
  );
}
