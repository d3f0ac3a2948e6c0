// Which money each role sees in `stats` and `report`, and only over its own rows: a publisher its
// payout (never revenue or margin), an advertiser its cost, i.e. revenue (never the publishers'
// payout, EPC or margin), admin and finance everything. `stats` used to show advertisers the payout.
import { callerFor, type Data, describe, expect, test } from "./harness.ts";

const STATS = `query($d: String!) { stats(from: $d, to: $d) {
  currency approvedConversions payout { amount } revenue { amount } } }`;

const REPORT = `query($d: String!) { report(from: $d, to: $d, timeZone: "UTC", groupBy: [OFFER]) { rows {
  offerId currency approvedConversions payout { amount } revenue { amount } profit { amount } marginBps epc { amount }
} } }`;

type Role = "ADMIN" | "FINANCE" | "ADVERTISER" | "PUBLISHER";

/** What each role must see, written out here rather than read from the rule under test. */
const SEES: Record<Role, { payout: boolean; revenue: boolean; margin: boolean }> = {
  ADMIN: { payout: true, revenue: true, margin: true },
  FINANCE: { payout: true, revenue: true, margin: true },
  ADVERTISER: { payout: false, revenue: true, margin: false },
  PUBLISHER: { payout: true, revenue: false, margin: false },
};

describe("money by role in stats and report", () => {
  test("each role sees its own rows and only the money it receives or pays", async ({
    api,
    db,
    factories,
  }) => {
    const day = new Date().toISOString().slice(0, 10);
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    // Someone else's traffic, which neither the advertiser nor the publisher may see.
    const otherAdvertiser = await factories.createAdvertiser();
    const otherPublisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, { defaultPayout: 1500n, defaultRevenue: 2000n });
    const otherOffer = await factories.createOffer(otherAdvertiser, {
      defaultPayout: 700n,
      defaultRevenue: 1000n,
    });
    for (const [o, p] of [
      [offer, publisher],
      [offer, publisher],
      [otherOffer, otherPublisher],
    ] as const) {
      await factories.createConversion(o, p, { approvedAt: new Date() });
    }
    // daily_stats as the tracker and the lead decisions keep it for those conversions.
    await db.dailyStat.createMany({
      data: [
        {
          day: new Date(`${day}T00:00:00Z`),
          offerId: offer.id,
          publisherId: publisher.id,
          clicks: 40n,
          conversions: 2n,
          approvedConversions: 2n,
          payout: 3000n,
          revenue: 4000n,
        },
        {
          day: new Date(`${day}T00:00:00Z`),
          offerId: otherOffer.id,
          publisherId: otherPublisher.id,
          clicks: 10n,
          conversions: 1n,
          approvedConversions: 1n,
          payout: 700n,
          revenue: 1000n,
        },
      ],
    });

    const callers: Record<Role, string> = {
      ADMIN: (await callerFor(db, "ADMIN")).key,
      FINANCE: (await callerFor(db, "FINANCE")).key,
      ADVERTISER: (await callerFor(db, "ADVERTISER", advertiser)).key,
      PUBLISHER: (await callerFor(db, "PUBLISHER", publisher)).key,
    };

    for (const role of Object.keys(SEES) as Role[]) {
      const see = SEES[role];
      const network = role === "ADMIN" || role === "FINANCE";
      const stats = await api.call(STATS, { d: day }, callers[role]);
      expect(stats.errors, `${role} stats`).toBeUndefined();
      const statsRows = stats.data?.stats as Data[];
      // One USD row for the day: the network sums both offers, the others see only their own.
      expect(statsRows, `${role} stats`).toEqual([
        {
          currency: "USD",
          approvedConversions: network ? "3" : "2",
          payout: see.payout ? { amount: network ? "3700" : "3000" } : null,
          revenue: see.revenue ? { amount: network ? "5000" : "4000" } : null,
        },
      ]);

      const report = await api.call(REPORT, { d: day }, callers[role]);
      expect(report.errors, `${role} report`).toBeUndefined();
      const rows = ((report.data?.report.rows ?? []) as Data[]).filter((row) =>
        [String(offer.id), String(otherOffer.id)].includes(row.offerId),
      );
      expect(rows.map((row) => row.offerId).sort(), `${role} report`).toEqual(
        network ? [String(offer.id), String(otherOffer.id)].sort() : [String(offer.id)],
      );
      const own = rows.find((row) => row.offerId === String(offer.id)) as Data;
      expect(own, `${role} report`).toMatchObject({
        approvedConversions: "2",
        payout: see.payout ? { amount: "3000" } : null,
        revenue: see.revenue ? { amount: "4000" } : null,
        profit: see.margin ? { amount: "1000" } : null,
        marginBps: see.margin ? 2500 : null,
      });
      if (!see.payout) expect(own.epc, `${role} report`).toBeNull();
    }
  });
});
