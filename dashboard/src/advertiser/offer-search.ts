// What an advertiser's offer pickers search: the API's `offers(filter: { search })` (part of the name,
// only the advertiser's own offers), so an offer past the first page is found too.
import { graphql } from "../graphql.ts";
import { formatEnum } from "../ui/format.ts";
import { type PickerOption, useGraphqlSearch } from "../ui/SearchPicker.tsx";

/** How many matches a picker lists; typing more narrows them. */
const MATCHES = 20;

const OfferSearch = graphql(`
  query OfferSearch($search: String, $first: Int!) {
    offers(first: $first, filter: { search: $search }) { edges { node { id name status } } }
  }
`);

/** An offer as a picker lists it: its name, then its status (two offers may share a name). */
export function offerOption(offer: { id: string; name: string; status: string }): PickerOption {
  return {
    id: offer.id,
    label: offer.name,
    detail: `${formatEnum(offer.status).toLowerCase()} · #${offer.id}`,
  };
}

export function useOfferSearch(): (text: string) => Promise<PickerOption[]> {
  return useGraphqlSearch(
    OfferSearch,
    (text) => ({ search: text || null, first: MATCHES }),
    (data) => data.offers.edges.map((edge) => offerOption(edge.node)),
  );
}
