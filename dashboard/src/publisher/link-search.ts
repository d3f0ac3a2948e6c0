// What a publisher's link pickers search: the API's `myLinks(filter: { search })` (part of the link's
// name or code, or of its offer's name; only the publisher's own links), so a link past the first page
// is found too.
import { graphql } from "../graphql.ts";
import { type PickerOption, useGraphqlSearch } from "../ui/SearchPicker.tsx";

/** How many matches a picker lists; typing more narrows them. */
const MATCHES = 20;

const LinkSearch = graphql(`
  query LinkSearch($search: String, $first: Int!) {
    myLinks(first: $first, filter: { search: $search }) { edges { node { id name code offer { name } } } }
  }
`);

/** A link as a picker lists it: its name (or its code when unnamed), then its offer. */
export function linkOption(link: {
  id: string;
  name: string;
  code: string;
  offer: { name: string };
}): PickerOption {
  return { id: link.id, label: link.name || link.code, detail: link.offer.name };
}

export function useLinkSearch(): (text: string) => Promise<PickerOption[]> {
  return useGraphqlSearch(
    LinkSearch,
    (text) => ({ search: text || null, first: MATCHES }),
    (data) => data.myLinks.edges.map((edge) => linkOption(edge.node)),
  );
}
