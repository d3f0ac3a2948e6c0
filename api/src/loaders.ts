// Per-request batching: each loader turns the N lookups a list of offers makes (metrics, the viewer's
// application and custom payouts) into one grouped query per list.
import type { CustomPayout, Db, OfferApplication } from "@leadrail/db";
import DataLoader from "dataloader";
import type { Viewer } from "./context.ts";

/** Days counted by the marketplace numbers: today (UTC) and the 29 before it. */
export const METRICS_DAYS = 30;

export interface OfferMetrics {
  clicks: bigint;
  uniqueClicks: bigint;
  approvedConversions: bigint;
  /** Approved payout over the window, minor units of the offer's currency. */
  payout: bigint;
}

export function metricsSince(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (METRICS_DAYS - 1)));
}

export interface Loaders {
  offerMetrics: DataLoader<number, OfferMetrics>;
  /** The viewer's (publisher's) application to each offer, or null. */
  myApplication: DataLoader<number, OfferApplication | null>;
  /** The viewer's (publisher's) custom payouts on each offer. */
  myCustomPayouts: DataLoader<number, CustomPayout[]>;
}

const zero: OfferMetrics = { clicks: 0n, uniqueClicks: 0n, approvedConversions: 0n, payout: 0n };

export function createLoaders(db: Db, viewer: Viewer | null): Loaders {
  const publisherId = viewer?.publisherId ?? null;
  return {
    offerMetrics: new DataLoader(async (offerIds) => {
      const rows = await db.dailyStat.groupBy({
        by: ["offerId"],
        where: { offerId: { in: [...offerIds] }, day: { gte: metricsSince() } },
        _sum: { clicks: true, uniqueClicks: true, approvedConversions: true, payout: true },
      });
      const byOffer = new Map(
        rows.map((row) => [
          row.offerId,
          {
            clicks: row._sum.clicks ?? 0n,
            uniqueClicks: row._sum.uniqueClicks ?? 0n,
            approvedConversions: row._sum.approvedConversions ?? 0n,
            payout: row._sum.payout ?? 0n,
          },
        ]),
      );
      return offerIds.map((id) => byOffer.get(id) ?? zero);
    }),
    myApplication: new DataLoader(async (offerIds) => {
      if (publisherId === null) return offerIds.map(() => null);
      const rows = await db.offerApplication.findMany({
        where: { publisherId, offerId: { in: [...offerIds] } },
      });
      const byOffer = new Map(rows.map((row) => [row.offerId, row]));
      return offerIds.map((id) => byOffer.get(id) ?? null);
    }),
    myCustomPayouts: new DataLoader(async (offerIds) => {
      if (publisherId === null) return offerIds.map(() => []);
      const rows = await db.customPayout.findMany({
        where: { publisherId, offerId: { in: [...offerIds] } },
        orderBy: [{ country: { sort: "asc", nulls: "first" } }],
      });
      return offerIds.map((id) => rows.filter((row) => row.offerId === id));
    }),
  };
}
