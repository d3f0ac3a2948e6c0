// What the offer editor's publisher pickers (a PUBLISHER cap, a custom payout) search: the offer's
// approved publishers, by part of the name, through the API's `applications(filter: { offerId, search })`
// — so an offer with any number of publishers can name each of them, not only a first page's.
import { useCallback } from "react";
import { graphql } from "../graphql.ts";
import { type PickerOption, useGraphqlSearch } from "../ui/SearchPicker.tsx";

/** How many matches a picker lists; typing more narrows them. */
const MATCHES = 20;

const OfferPublisherSearch = graphql(`
  query OfferPublisherSearch($offerId: ID!, $search: String, $first: Int!) {
    applications(first: $first, filter: { offerId: $offerId, status: APPROVED, search: $search }) {
      edges { node { id blockedAt publisher { id name } } }
    }
  }
`);

/** The search for an offer's pickers; an offer not yet saved has no publishers to find. */
export function useOfferPublisherSearch(
  offerId: string | undefined,
): (text: string) => Promise<PickerOption[]> {
  const search = useGraphqlSearch(
    OfferPublisherSearch,
    (text) => ({ offerId: offerId ?? "", search: text || null, first: MATCHES }),
    (data) =>
      data.applications.edges.map(({ node }) => ({
        id: node.publisher.id,
        label: node.publisher.name,
        detail: node.blockedAt ? "blocked" : undefined,
      })),
  );
  return useCallback((text: string) => (offerId ? search(text) : Promise.resolve([])), [offerId, search]);
}
