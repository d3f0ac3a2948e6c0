// Admins see the terms the offer editor sets per offer across every offer: all custom payouts (who is
// paid what, where) and each offer's lead-quality rules, with a link to the offer's editor to change
// them. Both lists load past their first 100 rows.
import { QUALITY_POLICY_WORDS } from "@leadrail/db/offer-terms";
import { Link } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDate, formatEnum, formatMoney, formatNumber, formatPercent } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";

const PayoutsQuery = graphql(`
  query AdminCustomPayouts {
    customPayouts(first: 100) {
      pageInfo { hasNextPage endCursor }
      edges { node { id country createdAt payout { amount currency } payoutShareBps offer { id name } publisher { id name } } }
    }
  }
`);

const MorePayoutsQuery = graphql(`
  query AdminCustomPayoutsMore($after: String!) {
    customPayouts(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id country createdAt payout { amount currency } payoutShareBps offer { id name } publisher { id name } } }
    }
  }
`);

interface PayoutRow {
  id: string;
  country: string | null;
  createdAt: string;
  payout: { amount: string; currency: string } | null;
  payoutShareBps: number | null;
  offer: { id: string; name: string };
  publisher: { id: string; name: string };
}

const editLink = (offer: { id: string; name: string }) => (
  <Link to={`/offers/${offer.id}`}>
    Edit offer<span className="visually-hidden"> {offer.name}</span>
  </Link>
);

const PAYOUT_COLUMNS: Column<PayoutRow>[] = [
  { id: "offer", header: "Offer", sortValue: (r) => r.offer.name, cell: (r) => r.offer.name },
  { id: "publisher", header: "Publisher", sortValue: (r) => r.publisher.name, cell: (r) => r.publisher.name },
  {
    id: "country",
    header: "Country",
    sortValue: (r) => r.country,
    cell: (r) => r.country ?? "Every country",
  },
  {
    id: "payout",
    header: "Pays",
    numeric: true,
    sortValue: (r) => (r.payout ? BigInt(r.payout.amount) : (r.payoutShareBps ?? 0)),
    cell: (r) =>
      r.payout
        ? formatMoney(r.payout.amount, r.payout.currency)
        : r.payoutShareBps !== null
          ? `${formatPercent(r.payoutShareBps / 10_000)} of the sale`
          : "—",
  },
  { id: "created", header: "Set", sortValue: (r) => r.createdAt, cell: (r) => formatDate(r.createdAt) },
  { id: "edit", header: "Change", cell: (r) => editLink(r.offer) },
];

export function AdminCustomPayouts() {
  const [result, refetch] = useQuery({ query: PayoutsQuery });
  const rows = useMoreRows({
    first: result.data?.customPayouts,
    query: MorePayoutsQuery,
    variables: (after) => ({ after }),
    pick: (data) => data.customPayouts,
  });
  return (
    <section>
      <h1>Custom payouts</h1>
      <p className="muted">
        Every publisher paid differently from an offer's default, on every offer. Change one in its offer's
        editor.
      </p>
      <DataTable<PayoutRow>
        label="Custom payouts"
        rows={rows.rows}
        rowKey={(r) => r.id}
        rowData={(r) => ({ "data-custom-payout-id": r.id })}
        fetching={result.fetching || rows.loading}
        error={result.error ?? rows.error ?? undefined}
        retry={() => refetch({ requestPolicy: "network-only" })}
        hasMore={rows.hasMore}
        onLoadMore={rows.loadMore}
        empty="No custom payouts: every publisher earns each offer's default payout."
        initialSort={{ id: "offer" }}
        columns={PAYOUT_COLUMNS}
      />
    </section>
  );
}

const RulesQuery = graphql(`
  query AdminQualityRules {
    offers(first: 100) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name status advertiser { id name } qualityPolicy minSecondsToConvert duplicateWindowDays contactLimit contactPeriodHours } }
    }
  }
`);

const MoreRulesQuery = graphql(`
  query AdminQualityRulesMore($after: String!) {
    offers(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name status advertiser { id name } qualityPolicy minSecondsToConvert duplicateWindowDays contactLimit contactPeriodHours } }
    }
  }
`);

interface RuleRow {
  id: string;
  name: string;
  status: string;
  advertiser: { id: string; name: string };
  qualityPolicy: string;
  minSecondsToConvert: number;
  duplicateWindowDays: number;
  contactLimit: number;
  contactPeriodHours: number;
}

const policyWords = (policy: string) => {
  const words = (QUALITY_POLICY_WORDS as Record<string, string>)[policy];
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : formatEnum(policy);
};

const RULE_COLUMNS: Column<RuleRow>[] = [
  { id: "offer", header: "Offer", sortValue: (r) => r.name, cell: (r) => r.name },
  {
    id: "advertiser",
    header: "Advertiser",
    sortValue: (r) => r.advertiser.name,
    cell: (r) => r.advertiser.name,
  },
  { id: "status", header: "Status", sortValue: (r) => r.status, cell: (r) => formatEnum(r.status) },
  {
    id: "policy",
    header: "On a quality signal",
    sortValue: (r) => r.qualityPolicy,
    cell: (r) => policyWords(r.qualityPolicy),
  },
  {
    id: "fast",
    header: "Too fast under",
    numeric: true,
    sortValue: (r) => r.minSecondsToConvert,
    cell: (r) => (r.minSecondsToConvert > 0 ? `${formatNumber(r.minSecondsToConvert)} s` : "Off"),
  },
  {
    id: "duplicates",
    header: "Duplicate window",
    numeric: true,
    sortValue: (r) => r.duplicateWindowDays,
    cell: (r) => (r.duplicateWindowDays > 0 ? `${formatNumber(r.duplicateWindowDays)} days` : "Off"),
  },
  {
    id: "contact",
    header: "Contact cadence",
    sortValue: (r) => r.contactLimit,
    cell: (r) => `${formatNumber(r.contactLimit)} per ${formatNumber(r.contactPeriodHours)} h`,
  },
  { id: "edit", header: "Change", cell: (r) => editLink(r) },
];

export function AdminQualityRules() {
  const [result, refetch] = useQuery({ query: RulesQuery });
  const rows = useMoreRows({
    first: result.data?.offers,
    query: MoreRulesQuery,
    variables: (after) => ({ after }),
    pick: (data) => data.offers,
  });
  return (
    <section>
      <h1>Quality rules</h1>
      <p className="muted">
        Each offer's lead-quality policy and thresholds side by side, to spot an offer that lets doubtful
        leads through. Change them in the offer's editor.
      </p>
      <DataTable<RuleRow>
        label="Quality rules"
        rows={rows.rows}
        rowKey={(r) => r.id}
        rowData={(r) => ({ "data-offer-id": r.id })}
        fetching={result.fetching || rows.loading}
        error={result.error ?? rows.error ?? undefined}
        retry={() => refetch({ requestPolicy: "network-only" })}
        hasMore={rows.hasMore}
        onLoadMore={rows.loadMore}
        empty="No offers yet."
        initialSort={{ id: "offer" }}
        columns={RULE_COLUMNS}
      />
    </section>
  );
}
