// GraphQL documents shared by the API tests.

/** Selects the union of a mutation result: the DomainError or the success payload's `data { ...fields }`. */
export function mutation(name: string, args: string, call: string, fields: string): string {
  const success = `Mutation${name[0]?.toUpperCase()}${name.slice(1)}Success`;
  return `mutation${args ? `(${args})` : ""} {
    ${name}${call ? `(${call})` : ""} {
      __typename
      ... on DomainError { code message }
      ... on ${success} { data ${fields} }
    }
  }`;
}

export const OFFER_FIELDS = `{
  id name vertical description status visibility currency payoutModel
  payout { amount currency formatted } revenue { amount currency formatted }
  payoutShareBps revenueShareBps countries devices confirmationMode holdDays returnWindowDays
  attributionWindowHours leadFormFields { name label type required } consentText landingUrl fallbackUrl
  caps { scope period metric limit budget { amount formatted } publisher { id } }
  advertiser { id name }
}`;

export const CREATE_OFFER = mutation(
  "createOffer",
  "$input: CreateOfferInput!",
  "input: $input",
  OFFER_FIELDS,
);
export const UPDATE_OFFER = mutation(
  "updateOffer",
  "$id: ID!, $input: UpdateOfferInput!",
  "id: $id, input: $input",
  OFFER_FIELDS,
);
export const SET_OFFER_STATUS = mutation(
  "setOfferStatus",
  "$id: ID!, $status: OfferStatus!",
  "id: $id, status: $status",
  "{ id status }",
);
export const APPLY = mutation(
  "applyToOffer",
  "$offerId: ID!, $message: String",
  "offerId: $offerId, message: $message",
  "{ id status message offer { id name } }",
);
export const DECIDE = mutation(
  "decideApplication",
  "$id: ID!, $decision: ApplicationDecision!, $reason: String",
  "id: $id, decision: $decision, reason: $reason",
  "{ id status decisionReason }",
);
export const CREATE_LINK = mutation(
  "createTrackingLink",
  "$offerId: ID!, $name: String, $defaultSubs: ClickParamsInput",
  "offerId: $offerId, name: $name, defaultSubs: $defaultSubs",
  `{ id code name url trackingUrl(subs: { sub2: "campaign 7", source: "tiktok" }) defaultSubs { sub1 } offer { id name } }`,
);

export const MARKETPLACE = `query($filter: MarketplaceFilter, $sort: MarketplaceSort, $first: Int, $after: String) {
  marketplace(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id name vertical status visibility currency payoutModel countries
      payout { amount formatted } epc { amount formatted } conversionRate clicks30d
      advertiser { name }
      myApplication { status }
    } }
  }
}`;

/** A complete, valid offer input; tests override single terms. */
export function offerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `Home insurance quotes ${Math.random().toString(36).slice(2, 8)}`,
    vertical: "insurance",
    description: "Quotes for homeowners",
    landingUrl: "https://advertiser.example/quote?cid={click_id}&pub={publisher_id}&s1={sub1}",
    fallbackUrl: "https://advertiser.example/",
    visibility: "APPROVAL_REQUIRED",
    currency: "USD",
    payoutModel: "CPL",
    payout: "1500",
    revenue: "2000",
    countries: ["US", "CA"],
    devices: ["MOBILE", "DESKTOP"],
    confirmationMode: "MANUAL",
    holdDays: 7,
    returnWindowDays: 14,
    attributionWindowHours: 168,
    leadFormFields: [
      { name: "name", label: "Full name", type: "text", required: true },
      { name: "email", label: "E-mail", type: "email", required: true },
      { name: "phone", label: "Phone", type: "phone", required: false },
    ],
    consentText: "I agree to be contacted about home insurance by phone and e-mail.",
    caps: [
      { scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: "100" },
      { scope: "PER_PUBLISHER", period: "MONTHLY", metric: "BUDGET", limit: "50000" },
    ],
    ...overrides,
  };
}
