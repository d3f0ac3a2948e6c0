// Finance's advertiser invoices queue (also the admin's): the typed operations behind DocumentQueueScreen.
import { graphql } from "../graphql.ts";
import { DocumentQueueScreen } from "./DocumentQueueScreen.tsx";

export const invoiceOperations = {
  list: graphql(`
    query FinanceInvoices($filter: AdvertiserInvoiceFilter, $after: String) {
      documents: advertiserInvoices(first: 100, after: $after, filter: $filter) {
        __typename
        ... on QueryAdvertiserInvoicesSuccess {
          data {
            pageInfo { hasNextPage endCursor }
            edges {
              node {
                id status currency total lineCount periodEnd paidAt generatedById
                owner: advertiser { name }
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
    mutation ApproveInvoice($id: ID!) {
      result: approveInvoice(id: $id) {
        __typename
        ... on MutationApproveInvoiceSuccess { data { id status } }
        ... on DomainError { message }
      }
    }
  `),
  markPaid: graphql(`
    mutation MarkInvoicePaid($id: ID!, $paidAt: DateTime!, $reference: String!) {
      result: markInvoicePaid(id: $id, paidAt: $paidAt, reference: $reference) {
        __typename
        ... on MutationMarkInvoicePaidSuccess { data { id status } }
        ... on DomainError { message fields { path message } }
      }
    }
  `),
  void: graphql(`
    mutation VoidInvoice($id: ID!, $reason: String!) {
      result: voidInvoice(id: $id, reason: $reason) {
        __typename
        ... on MutationVoidInvoiceSuccess { data { id status } }
        ... on DomainError { message fields { path message } }
      }
    }
  `),
};

export function FinanceInvoices() {
  return (
    <DocumentQueueScreen
      kind="invoices"
      noun="invoice"
      title="Advertiser invoices"
      ownerLabel="Advertiser"
      operations={invoiceOperations}
    />
  );
}
