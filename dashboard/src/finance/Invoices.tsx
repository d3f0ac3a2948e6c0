// Finance's advertiser invoices queue (also the admin's): the typed operations behind DocumentQueue.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { outcomeOf } from "../ui/result.ts";
import { DocumentQueue, type DocumentStatus, type QueueDocument } from "./DocumentQueue.tsx";

const InvoicesQuery = graphql(`
  query FinanceInvoices($filter: AdvertiserInvoiceFilter) {
    advertiserInvoices(first: 100, filter: $filter) {
      __typename
      ... on QueryAdvertiserInvoicesSuccess {
        data {
          edges {
            node {
              id status currency total lineCount periodEnd paidAt generatedById
              advertiser { name }
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
  mutation ApproveInvoice($id: ID!) {
    approveInvoice(id: $id) {
      __typename
      ... on MutationApproveInvoiceSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const MarkPaidMutation = graphql(`
  mutation MarkInvoicePaid($id: ID!, $paidAt: DateTime!, $reference: String!) {
    markInvoicePaid(id: $id, paidAt: $paidAt, reference: $reference) {
      __typename
      ... on MutationMarkInvoicePaidSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const VoidMutation = graphql(`
  mutation VoidInvoice($id: ID!, $reason: String!) {
    voidInvoice(id: $id, reason: $reason) {
      __typename
      ... on MutationVoidInvoiceSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

export function FinanceInvoices() {
  const [status, setStatus] = useState<DocumentStatus | "">("DRAFT");
  const [result, refetch] = useQuery({
    query: InvoicesQuery,
    variables: { filter: status ? { status } : {} },
  });
  const [, approve] = useMutation(ApproveMutation);
  const [, markPaid] = useMutation(MarkPaidMutation);
  const [, voidInvoice] = useMutation(VoidMutation);

  const answer = result.data?.advertiserInvoices;
  const documents: QueueDocument[] | { refused: string } | undefined = !answer
    ? undefined
    : answer.__typename === "DomainError"
      ? { refused: answer.message }
      : answer.data.edges.map(({ node }) => ({ ...node, ownerName: node.advertiser.name }));

  return (
    <DocumentQueue
      kind="invoices"
      noun="invoice"
      title="Advertiser invoices"
      ownerLabel="Advertiser"
      status={status}
      onStatus={setStatus}
      fetching={result.fetching}
      error={result.error}
      documents={documents}
      refetch={() => refetch({ requestPolicy: "network-only" })}
      actions={{
        approve: async (id) => outcomeOf(await approve({ id }), "approveInvoice"),
        markPaid: async (id, reference) =>
          outcomeOf(await markPaid({ id, reference, paidAt: new Date().toISOString() }), "markInvoicePaid"),
        void: async (id, reason) => outcomeOf(await voidInvoice({ id, reason }), "voidInvoice"),
      }}
    />
  );
}
