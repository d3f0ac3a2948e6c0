// An advertiser's invoices from the network.
import { useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { MyDocuments } from "../ui/MyDocuments.tsx";
import { connectionOf, useMoreRows } from "../ui/more-rows.ts";
import { QueryState } from "../ui/states.tsx";

const InvoicesQuery = graphql(`
  query MyInvoices($after: String) {
    advertiserInvoices(first: 100, after: $after) {
      __typename
      ... on QueryAdvertiserInvoicesSuccess {
        data {
          pageInfo { hasNextPage endCursor }
          edges { node { id status currency total lineCount periodEnd paidAt payments { reference } } }
        }
      }
      ... on DomainError { message }
    }
  }
`);

export function AdvertiserInvoices() {
  const [result, refetch] = useQuery({ query: InvoicesQuery });
  const more = useMoreRows({
    first: connectionOf(result.data?.advertiserInvoices),
    query: InvoicesQuery,
    variables: (after) => ({ after }),
    pick: (data) => connectionOf(data.advertiserInvoices),
  });
  return (
    <section>
      <h1>Invoices</h1>
      <QueryState {...result} retry={() => refetch({ requestPolicy: "network-only" })}>
        {(data) => (
          <MyDocuments answer={data.advertiserInvoices} more={more} noun="invoices" path="/invoices" />
        )}
      </QueryState>
    </section>
  );
}
