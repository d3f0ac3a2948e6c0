// What the admin's account and user pickers search: the API's own `filter: { search }` on advertisers,
// publishers and users (part of a name, or of a user's e-mail), so any row is found, not only the
// first page's.
import type { Role } from "@leadrail/db/account-input";
import { graphql } from "../graphql.ts";
import { type PickerOption, useGraphqlSearch } from "../ui/SearchPicker.tsx";

/** How many matches a picker lists; typing more narrows them. */
const MATCHES = 20;

const AdvertiserSearch = graphql(`
  query AdvertiserSearch($search: String, $first: Int!) {
    advertisers(first: $first, filter: { search: $search }) { edges { node { id name status } } }
  }
`);

const PublisherSearch = graphql(`
  query PublisherSearch($search: String, $first: Int!) {
    publishers(first: $first, filter: { search: $search }) { edges { node { id name status } } }
  }
`);

const UserSearch = graphql(`
  query UserSearch($search: String, $first: Int!) {
    users(first: $first, filter: { search: $search }) { edges { node { id email name disabledAt } } }
  }
`);

export function accountLabel(role: Role): string {
  return role === "ADVERTISER" ? "Advertiser account" : "Publisher account";
}

function accountOption(node: { id: string; name: string; status: string }): PickerOption {
  return { id: node.id, label: node.name, detail: node.status === "SUSPENDED" ? "suspended" : undefined };
}

const variables = (text: string) => ({ search: text || null, first: MATCHES });

/** The search of the account picker for a role (advertisers for ADVERTISER, else publishers). */
export function useAccountSearch(role: Role): (text: string) => Promise<PickerOption[]> {
  const advertisers = useGraphqlSearch(AdvertiserSearch, variables, (data) =>
    data.advertisers.edges.map((edge) => accountOption(edge.node)),
  );
  const publishers = useGraphqlSearch(PublisherSearch, variables, (data) =>
    data.publishers.edges.map((edge) => accountOption(edge.node)),
  );
  return role === "ADVERTISER" ? advertisers : publishers;
}

/** The users an API key can be made for: found by e-mail or name; disabled users are left out. */
export function useActiveUserSearch(): (text: string) => Promise<PickerOption[]> {
  return useGraphqlSearch(UserSearch, variables, (data) =>
    data.users.edges
      .filter((edge) => !edge.node.disabledAt)
      .map((edge) => ({ id: edge.node.id, label: edge.node.email, detail: edge.node.name })),
  );
}
