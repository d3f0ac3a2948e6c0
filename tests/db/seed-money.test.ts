// The demo seed stamps payout and revenue with the platform's own rule (stampMoney), so every seeded
// conversion holds what the tracker would have stamped for the same click, terms and sale.
import { type CustomPayoutTerms, stampMoney } from "@leadrail/db";
import { seedDemo } from "@leadrail/db/seed";
import { describe, expect, test } from "../src/fixtures.ts";

describe("demo seed money", { timeout: 120_000 }, () => {
  test("every seeded conversion's payout and revenue is what stampMoney computes", async ({ db }) => {
    await seedDemo(db, { now: new Date("2026-03-11T07:00:00Z") });
    const [conversions, offers, customPayouts] = await Promise.all([
      db.conversion.findMany({
        select: {
          id: true,
          offerId: true,
          publisherId: true,
          country: true,
          saleAmount: true,
          payout: true,
          revenue: true,
        },
      }),
      db.offer.findMany(),
      db.customPayout.findMany(),
    ]);
    const offerById = new Map(offers.map((offer) => [offer.id, offer]));
    const mismatches: string[] = [];
    let roundedShares = 0;
    for (const conversion of conversions) {
      const offer = offerById.get(conversion.offerId);
      if (!offer) throw new Error(`conversion ${conversion.id} has no offer`);
      const custom: CustomPayoutTerms[] = customPayouts.filter(
        (row) => row.offerId === offer.id && row.publisherId === conversion.publisherId,
      );
      const stamp = stampMoney(offer, custom, conversion.country, conversion.saleAmount);
      const expected = stamp.ok ? `${stamp.payout}/${stamp.revenue}` : stamp.reason;
      const stored = `${conversion.payout}/${conversion.revenue}`;
      if (stored !== expected) mismatches.push(`${conversion.id}: stored ${stored}, rule ${expected}`);
      // Shares that do not divide evenly: the cases where truncation and half-even rounding differ.
      if (
        offer.payoutModel === "REVSHARE" &&
        ((conversion.saleAmount ?? 0n) * BigInt(offer.payoutShareBps ?? 0)) % 10_000n !== 0n
      )
        roundedShares++;
    }
    expect(conversions.length).toBeGreaterThan(100);
    expect(roundedShares).toBeGreaterThan(0);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
