// Finance's payout statements queue (also the admin's): the typed operations behind DocumentQueue.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { outcomeOf } from "../ui/result.ts";
import { DocumentQueue, type DocumentStatus, type QueueDocument } from "./DocumentQueue.tsx";

const StatementsQuery = graphql(`
  query FinanceStatements($filter: PayoutStatementFilter) {
    payoutStatements(first: 100, filter: $filter) {
      __typename
      ... on QueryPayoutStatementsSuccess {
        data {
          edges {
            node {
              id status currency total lineCount periodEnd paidAt generatedById
              publisher { name }
              payments { reference }
            }
          }
        }
      }
      ... on DomainError { message }
    }
  }
`);

const ApproveMutation = graphql(`
  mutation ApproveStatement($id: ID!) {
    approveStatement(id: $id) {
      __typename
      ... on MutationApproveStatementSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const MarkPaidMutation = graphql(`
  mutation MarkStatementPaid($id: ID!, $paidAt: DateTime!, $reference: String!) {
    markStatementPaid(id: $id, paidAt: $paidAt, reference: $reference) {
      __typename
      ... on MutationMarkStatementPaidSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const VoidMutation = graphql(`
  mutation VoidStatement($id: ID!, $reason: String!) {
    voidStatement(id: $id, reason: $reason) {
      __typename
      ... on MutationVoidStatementSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

export function FinanceStatements() {
  const [status, setStatus] = useState<DocumentStatus | "">("DRAFT");
  const [result, refetch] = useQuery({
    query: StatementsQuery,
    variables: { filter: status ? { status } : {} },
  });
  const [, approve] = useMutation(ApproveMutation);
  const [, markPaid] = useMutation(MarkPaidMutation);
  const [, voidStatement] = useMutation(VoidMutation);

  const answer = result.data?.payoutStatements;
  const documents: QueueDocument[] | { refused: string } | undefined = !answer
    ? undefined
    : answer.__typename === "DomainError"
      ? { refused: answer.message }
      : answer.data.edges.map(({ node }) => ({ ...node, ownerName: node.publisher.name }));

  return (
    <DocumentQueue
      kind="statements"
      noun="statement"
      title="Payout statements"
      ownerLabel="Publisher"
      status={status}
      onStatus={setStatus}
      fetching={result.fetching}
      error={result.error}
      documents={documents}
      refetch={() => refetch({ requestPolicy: "network-only" })}
      actions={{
        approve: async (id) => outcomeOf(await approve({ id }), "approveStatement"),
        markPaid: async (id, reference) =>
          outcomeOf(await markPaid({ id, reference, paidAt: new Date().toISOString() }), "markStatementPaid"),
        void: async (id, reason) => outcomeOf(await voidStatement({ id, reason }), "voidStatement"),
      }}
    />
  );
}
