// Advertiser invoices mirror statements on the revenue side: per advertiser and currency, no hold
// period, no minimum, the same life cycle, and credits (CLAWBACK lines) for reversals after invoicing.
import { Prisma } from "@leadrail/db";
import {
  ago,
  approved,
  caller,
  DAY,
  describe,
  expect,
  expectInvariants,
  type Json,
  reverse,
  test,
} from "./helpers.ts";
import { documentsOf, invoices } from "./operations.ts";

const HOUR = 3_600_000;

describe("generateAdvertiserInvoices", () => {
  test("one DRAFT invoice per advertiser and currency, totals equal to an independent SQL sum of revenue", async ({
    db,
    factories,
    api,
  }) => {
    const finance = await caller(db, factories, "FINANCE");
    const [acme, zeta] = [await factories.createAdvertiser(), await factories.createAdvertiser()];
    const publisher = await factories.createPublisher({ minimumPayout: 1_000_000n });
    const acmeUsd = await factories.createOffer(acme, { defaultRevenue: 2000n, holdDays: 30 });
    const acmeEur = await factories.createOffer(acme, { currency: "EUR", defaultRevenue: 1n });
    const zetaUsd = await factories.createOffer(zeta, { defaultRevenue: 333n });
    const periodEnd = ago(HOUR);

    const billed = [
      // No hold on invoices: approved yesterday on a 30-day hold is billed.
      await approved(factories, acmeUsd, publisher, { convertedAt: ago(2 * DAY), approvedAt: ago(DAY) }),
      await approved(factories, acmeUsd, publisher, { convertedAt: ago(40 * DAY) }),
      await approved(factories, acmeEur, publisher, { convertedAt: ago(DAY) }),
      // No publisher (no minimum either): the advertiser approved it, so it is billed.
      await approved(factories, zetaUsd, null, { convertedAt: ago(DAY) }),
      await approved(factories, zetaUsd, publisher, { convertedAt: ago(DAY) }),
    ];
    await approved(
      factories,
      zetaUsd,
      publisher,
      { convertedAt: ago(DAY) },
      { status: "PENDING", approvedAt: null },
    );
    await reverse(db, await approved(factories, zetaUsd, publisher, { convertedAt: ago(DAY) }));
    await approved(factories, zetaUsd, publisher, {
      convertedAt: ago(2 * DAY),
      approvedAt: new Date(periodEnd.getTime() + 1),
    });

    const result = await invoices.generate(api, finance, periodEnd);
    const mine = documentsOf(result, [acme.id, zeta.id], "advertiser");

    const expected = await db.$queryRaw<
      { advertiser_id: number; currency: string; total: string; n: bigint }[]
    >`
      SELECT o.advertiser_id, c.currency, sum(c.revenue)::text AS total, count(*) AS n
      FROM conversions c, offers o
      WHERE o.id = c.offer_id AND o.advertiser_id IN (${Prisma.join([acme.id, zeta.id])})
        AND c.status = 'APPROVED' AND c.converted_at <= ${periodEnd} AND c.approved_at <= ${periodEnd}
      GROUP BY 1, 2 ORDER BY 1, 2`;
    expect(expected).toHaveLength(3);
    expect(
      mine.map((i) => ({
        advertiser_id: Number(i.advertiser.id),
        currency: i.currency,
        total: i.total,
        n: BigInt(i.lineCount),
      })),
    ).toEqual(expected);
    expect(mine.flatMap((i) => i.lines.edges.map((e: Json) => e.node.conversionId)).sort()).toEqual(
      billed.map((c) => c.id).sort(),
    );
    expect(mine.find((i) => i.currency === "EUR")).toMatchObject({
      total: "1",
      totalDecimal: "0.01",
      status: "DRAFT",
    });

    // Idempotent.
    expect((await invoices.generate(api, finance, periodEnd)).data.invoices).toEqual([]);
    await expectInvariants(db);
  });

  test("life cycle: two-person approve, pay, void releases, reversal after invoicing is credited once", async ({
    db,
    factories,
    api,
  }) => {
    const maker = await caller(db, factories, "FINANCE");
    const checker = await caller(db, factories, "FINANCE");
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, { defaultRevenue: 2000n });
    const [a, b] = [
      await approved(factories, offer, publisher, { convertedAt: ago(2 * DAY) }),
      await approved(factories, offer, publisher, { convertedAt: ago(2 * DAY) }),
    ];

    const [draft] = documentsOf(
      await invoices.generate(api, maker, ago(HOUR)),
      [advertiser.id],
      "advertiser",
    );
    expect((await invoices.void(api, maker, draft.id, "wrong period")).data.status).toBe("VOID");
    const [invoice] = documentsOf(
      await invoices.generate(api, maker, ago(HOUR)),
      [advertiser.id],
      "advertiser",
    );
    expect(invoice.lines.edges.map((e: Json) => e.node.conversionId).sort()).toEqual([a.id, b.id].sort());

    const refused = await invoices.approve(api, maker, invoice.id);
    expect(refused).toMatchObject({ code: "forbidden" });
    expect(refused.message).toMatch(/two-person/);
    expect((await invoices.approve(api, checker, invoice.id)).data.status).toBe("APPROVED");
    expect((await invoices.pay(api, maker, invoice.id, "", ago(HOUR))).code).toBe("invalid_input");
    const paid = await invoices.pay(api, maker, invoice.id, "BANK-IN-7", ago(HOUR));
    expect(paid.data).toMatchObject({ status: "PAID", total: "4000" });
    expect(paid.data.payments.map((p: Json) => [p.amount, p.currency, p.reference])).toEqual([
      ["4000", "USD", "BANK-IN-7"],
    ]);
    expect((await invoices.void(api, checker, invoice.id, "late")).code).toBe("conflict");

    await reverse(db, a);
    const later = await approved(factories, offer, publisher, { convertedAt: ago(HOUR) }, { revenue: 5000n });
    const [next] = documentsOf(
      await invoices.generate(api, maker, new Date()),
      [advertiser.id],
      "advertiser",
    );
    expect(next.lines.edges.map((e: Json) => [e.node.kind, e.node.conversionId, e.node.amount])).toEqual([
      ["PAYOUT", later.id, "5000"],
      ["CLAWBACK", a.id, "-2000"],
    ]);
    expect(next.total).toBe("3000");
    expect(
      documentsOf(await invoices.generate(api, maker, new Date()), [advertiser.id], "advertiser"),
    ).toEqual([]);

    const trail = await db.auditLog.findMany({
      where: { entityType: "AdvertiserInvoice", entityId: invoice.id },
      orderBy: { id: "asc" },
    });
    expect(trail.map((row) => row.action)).toEqual(["invoice.generated", "invoice.approved", "invoice.paid"]);
    expect(trail[2]?.before).toMatchObject({ status: "APPROVED" });
    expect(trail[2]?.after).toMatchObject({ status: "PAID", reference: "BANK-IN-7" });
    await expectInvariants(db);
  });

  test("invoice totals by currency", async ({ db, factories, api }) => {
    const finance = await caller(db, factories, "FINANCE");
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser, { currency: "JPY", defaultRevenue: 1500n });
    await approved(factories, offer, null, { convertedAt: ago(DAY) });
    await approved(factories, offer, null, { convertedAt: ago(DAY) });
    await invoices.generate(api, finance, ago(HOUR));
    const jpy = (await invoices.totals(api, finance, "DRAFT")).find((row) => row.currency === "JPY");
    const sql = await db.advertiserInvoice.aggregate({
      where: { status: "DRAFT", currency: "JPY" },
      _sum: { total: true },
      _count: true,
    });
    expect(jpy).toEqual({
      currency: "JPY",
      amount: String(sql._sum.total),
      amountDecimal: String(sql._sum.total),
      count: sql._count,
    });
  });
});
