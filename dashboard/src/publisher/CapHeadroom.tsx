// How much room an offer's caps leave this publisher, read live from the tracker's counters
// (`capPacing`: only the caps that apply to it). Past a cap the tracker sends clicks to the fallback
// URL, so a publisher wants to see "3 of 50 left today" before buying traffic.
import { useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { formatMoney, formatNumber } from "../ui/format.ts";

const CapPacingQuery = graphql(`
  query CapHeadroom($offerId: ID!) {
    capPacing(offerId: $offerId) {
      capId scope period metric limit used remaining
      limitMoney { amount currency }
      usedMoney { amount currency }
    }
  }
`);

const PERIOD_WORDS: Record<string, string> = {
  DAILY: "today (UTC)",
  MONTHLY: "this month",
  TOTAL: "in total",
};

interface Reading {
  period: string;
  metric: string;
  scope: string;
  limit: string;
  remaining: string;
  limitMoney?: { amount: string; currency: string } | null;
}

/** "12 of 50 conversions left today (UTC)" / "$120.00 of $500.00 budget left this month". */
export function describeHeadroom(reading: Reading): string {
  const period = PERIOD_WORDS[reading.period] ?? reading.period.toLowerCase();
  const whose = reading.scope === "OFFER" ? " (all publishers)" : "";
  if (reading.metric === "BUDGET" && reading.limitMoney) {
    const { currency } = reading.limitMoney;
    return `${formatMoney(reading.remaining, currency)} of ${formatMoney(reading.limit, currency)} budget left ${period}${whose}`;
  }
  return `${formatNumber(reading.remaining)} of ${formatNumber(reading.limit)} conversions left ${period}${whose}`;
}

export function CapHeadroom({ offerId }: { offerId: string }) {
  const [result] = useQuery({ query: CapPacingQuery, variables: { offerId } });
  // No caps, or not readable for this publisher (not applied yet): nothing to say.
  const readings = result.data?.capPacing ?? [];
  if (result.fetching && !result.data) return <p className="muted">Checking caps…</p>;
  if (readings.length === 0) return null;
  return (
    <ul className="cap-headroom" aria-label="Cap headroom">
      {readings.map((reading) => (
        <li key={`${reading.capId}`} className={reading.remaining === "0" ? "cap-full" : undefined}>
          Cap: {describeHeadroom(reading)}
        </li>
      ))}
    </ul>
  );
}
