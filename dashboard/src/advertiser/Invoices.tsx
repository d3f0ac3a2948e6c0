// An advertiser's invoices from the network.
import { useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { MyDocuments } from "../ui/MyDocuments.tsx";
import { QueryState } from "../ui/states.tsx";

const InvoicesQuery = graphql(`
  query MyInvoices {
    advertiserInvoices(first: 100) {
      __typename
      ... on QueryAdvertiserInvoicesSuccess {
        data { edges { node { id status currency total lineCount periodEnd paidAt payments { reference } } } }
      }
      ... on DomainError { message }
    }
  }
`);

export function AdvertiserInvoices() {
  const [result, refetch] = useQuery({ query: InvoicesQuery });
  return (
    <section>
      <h1>Invoices</h1>
      <QueryState {...result} retry={() => refetch({ requestPolicy: "network-only" })}>
        {(data) => <MyDocuments answer={data.advertiserInvoices} noun="invoices" path="/invoices" />}
      </QueryState>
    </section>
  );
}
