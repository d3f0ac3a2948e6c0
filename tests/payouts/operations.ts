// GraphQL documents and small wrappers for the payouts API, as a client would send them.
import { type ApiServer, type Caller, gql, type Json } from "./helpers.ts";

const DOMAIN_ERROR = "... on DomainError { code message }";

const STATEMENT_FIELDS = `id publisher { id name } currency periodEnd status total totalDecimal generatedById
  approvedById approvedAt paidAt voidedAt lineCount
  lines(first: 100) { totalCount edges { node { id kind amount amountDecimal conversionId offerId offerName } } }
  payments { id amount amountDecimal currency reference paidAt recordedById }`;

const INVOICE_FIELDS = STATEMENT_FIELDS.replace("publisher { id name }", "advertiser { id name }");

const CARRIED = "carriedForward { accountId currency amount amountDecimal minimum lineCount reason }";

/** A union result: either `{ data }` (success) or `{ code, message }` (DomainError). */
export type Result = { data?: Json; code?: string; message?: string };

function mutation(name: string, args: string, params: string, fields: string) {
  return `mutation(${params}) { result: ${name}(${args}) { __typename ${DOMAIN_ERROR}
    ... on Mutation${name[0]?.toUpperCase()}${name.slice(1)}Success { data { ${fields} } } } }`;
}

async function run(api: ApiServer, who: Caller | null, query: string, variables: Record<string, unknown>) {
  return (await gql(api, who, query, variables)).result as Result;
}

export const payouts = {
  generate: (api: ApiServer, who: Caller | null, periodEnd: Date) =>
    run(
      api,
      who,
      mutation(
        "generatePayoutStatements",
        "periodEnd: $periodEnd",
        "$periodEnd: DateTime!",
        `statements { ${STATEMENT_FIELDS} } ${CARRIED}`,
      ),
      { periodEnd: periodEnd.toISOString() },
    ),
  approve: (api: ApiServer, who: Caller | null, id: string | number) =>
    run(api, who, mutation("approveStatement", "id: $id", "$id: ID!", STATEMENT_FIELDS), { id: String(id) }),
  pay: (api: ApiServer, who: Caller | null, id: string | number, reference: string, paidAt: Date) =>
    run(
      api,
      who,
      mutation(
        "markStatementPaid",
        "id: $id, reference: $reference, paidAt: $paidAt",
        "$id: ID!, $reference: String!, $paidAt: DateTime!",
        STATEMENT_FIELDS,
      ),
      { id: String(id), reference, paidAt: paidAt.toISOString() },
    ),
  void: (api: ApiServer, who: Caller | null, id: string | number, reason: string) =>
    run(
      api,
      who,
      mutation("voidStatement", "id: $id, reason: $reason", "$id: ID!, $reason: String!", STATEMENT_FIELDS),
      { id: String(id), reason },
    ),
  get: async (api: ApiServer, who: Caller | null, id: string | number): Promise<Result> =>
    (
      await gql(
        api,
        who,
        `query($id: ID!) { result: payoutStatement(id: $id) { __typename ${DOMAIN_ERROR}
          ... on QueryPayoutStatementSuccess { data { ${STATEMENT_FIELDS} } } } }`,
        { id: String(id) },
      )
    ).result,
  list: async (api: ApiServer, who: Caller | null, filter: Record<string, unknown> = {}): Promise<Result> =>
    (
      await gql(
        api,
        who,
        `query($filter: PayoutStatementFilter) { result: payoutStatements(filter: $filter, first: 100) {
          __typename ${DOMAIN_ERROR}
          ... on QueryPayoutStatementsSuccess { data { edges { node { id status total currency publisher { id } } } } } } }`,
        { filter },
      )
    ).result,
  totals: async (api: ApiServer, who: Caller | null, status: string): Promise<Json[]> =>
    (
      await gql(
        api,
        who,
        `query($s: DocumentStatus!) { payoutTotals(status: $s) { currency amount amountDecimal count } }`,
        {
          s: status,
        },
      )
    ).payoutTotals,
};

export const invoices = {
  generate: (api: ApiServer, who: Caller | null, periodEnd: Date) =>
    run(
      api,
      who,
      mutation(
        "generateAdvertiserInvoices",
        "periodEnd: $periodEnd",
        "$periodEnd: DateTime!",
        `invoices { ${INVOICE_FIELDS} } ${CARRIED}`,
      ),
      { periodEnd: periodEnd.toISOString() },
    ),
  approve: (api: ApiServer, who: Caller | null, id: string | number) =>
    run(api, who, mutation("approveInvoice", "id: $id", "$id: ID!", INVOICE_FIELDS), { id: String(id) }),
  pay: (api: ApiServer, who: Caller | null, id: string | number, reference: string, paidAt: Date) =>
    run(
      api,
      who,
      mutation(
        "markInvoicePaid",
        "id: $id, reference: $reference, paidAt: $paidAt",
        "$id: ID!, $reference: String!, $paidAt: DateTime!",
        INVOICE_FIELDS,
      ),
      { id: String(id), reference, paidAt: paidAt.toISOString() },
    ),
  void: (api: ApiServer, who: Caller | null, id: string | number, reason: string) =>
    run(
      api,
      who,
      mutation("voidInvoice", "id: $id, reason: $reason", "$id: ID!, $reason: String!", INVOICE_FIELDS),
      { id: String(id), reason },
    ),
  get: async (api: ApiServer, who: Caller | null, id: string | number): Promise<Result> =>
    (
      await gql(
        api,
        who,
        `query($id: ID!) { result: advertiserInvoice(id: $id) { __typename ${DOMAIN_ERROR}
          ... on QueryAdvertiserInvoiceSuccess { data { ${INVOICE_FIELDS} } } } }`,
        { id: String(id) },
      )
    ).result,
  list: async (api: ApiServer, who: Caller | null, filter: Record<string, unknown> = {}): Promise<Result> =>
    (
      await gql(
        api,
        who,
        `query($filter: AdvertiserInvoiceFilter) { result: advertiserInvoices(filter: $filter, first: 100) {
          __typename ${DOMAIN_ERROR}
          ... on QueryAdvertiserInvoicesSuccess { data { edges { node { id status total currency advertiser { id } } } } } } }`,
        { filter },
      )
    ).result,
  totals: async (api: ApiServer, who: Caller | null, status: string): Promise<Json[]> =>
    (
      await gql(
        api,
        who,
        `query($s: DocumentStatus!) { invoiceTotals(status: $s) { currency amount amountDecimal count } }`,
        {
          s: status,
        },
      )
    ).invoiceTotals,
};

/** Statements or invoices of `ownerIds` among a generation result's documents. */
export function documentsOf(result: Result, ownerIds: number[], owner: "publisher" | "advertiser"): Json[] {
  const documents: Json[] = result.data?.statements ?? result.data?.invoices ?? [];
  return documents.filter((d) => ownerIds.includes(Number(d[owner].id)));
}
