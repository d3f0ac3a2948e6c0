// Generating payout statements through the API: what is payable, per publisher and currency, with the
// hold period, minimum payout carry-forward, idempotency and concurrent runs.
import { Prisma } from "@leadrail/db";
import { ago, approved, caller, DAY, describe, expect, expectInvariants, reverse, test } from "./helpers.ts";
import { documentsOf, payouts } from "./operations.ts";

const HOUR = 3_600_000;

describe("generatePayoutStatements", () => {
  test("one DRAFT statement per publisher and currency, totals equal to an independent SQL sum", async ({
    db,
    factories,
    api,
  }) => {
    const finance = await caller(db, factories, "FINANCE");
    const advertiser = await factories.createAdvertiser();
    const [alpha, beta] = [await factories.createPublisher(), await factories.createPublisher()];
    const usd = await factories.createOffer(advertiser, { defaultPayout: 1250n, holdDays: 7 });
    const eur = await factories.createOffer(advertiser, { currency: "EUR", defaultPayout: 999n });
    const periodEnd = ago(HOUR);

    const paid = [
      await approved(factories, usd, alpha, { convertedAt: ago(20 * DAY), approvedAt: ago(10 * DAY) }),
      await approved(factories, usd, alpha, { convertedAt: ago(9 * DAY) }, { payout: 1n }),
      await approved(factories, eur, alpha, { convertedAt: ago(2 * DAY) }),
      await approved(factories, usd, beta, { convertedAt: ago(30 * DAY) }, { payout: 9007199254740993n }),
      await approved(factories, eur, beta, { convertedAt: ago(3 * DAY) }, { payout: 0n }),
      await approved(factories, eur, beta, { convertedAt: ago(3 * DAY) }, { payout: 5n }),
    ];
    // Not payable: hold not over, pending, rejected, reversed before payment, no publisher, after the period.
    await approved(factories, usd, alpha, { convertedAt: ago(3 * DAY), approvedAt: ago(DAY) });
    await approved(factories, usd, beta, { convertedAt: ago(DAY) }, { status: "PENDING", approvedAt: null });
    await approved(factories, eur, beta, { convertedAt: ago(DAY) }, { status: "REJECTED", approvedAt: null });
    await reverse(db, await approved(factories, eur, alpha, { convertedAt: ago(5 * DAY) }));
    await approved(factories, eur, null, { convertedAt: ago(5 * DAY) });
    await approved(factories, eur, alpha, { convertedAt: new Date(periodEnd.getTime() + 1) });

    const result = await payouts.generate(api, finance, periodEnd);
    expect(result.code).toBeUndefined();
    const statements = documentsOf(result, [alpha.id, beta.id], "publisher");

    // The independent computation: straight from conversions, no statement tables involved.
    const expected = await db.$queryRaw<
      { publisher_id: number; currency: string; total: string; n: bigint }[]
    >`
      SELECT c.publisher_id, c.currency, sum(c.payout)::text AS total, count(*) AS n
      FROM conversions c, offers o
      WHERE o.id = c.offer_id AND c.publisher_id IN (${Prisma.join([alpha.id, beta.id])})
        AND c.status = 'APPROVED' AND c.converted_at <= ${periodEnd}
        AND c.approved_at <= ${periodEnd}::timestamptz - o.hold_days * interval '1 day'
      GROUP BY 1, 2 ORDER BY 1, 2`;
    expect(expected).toHaveLength(4);
    expect(
      statements.map((s) => ({
        publisher_id: Number(s.publisher.id),
        currency: s.currency,
        total: s.total,
        n: BigInt(s.lineCount),
      })),
    ).toEqual(expected);
    expect(statements.find((s) => s.currency === "USD" && Number(s.publisher.id) === beta.id)?.total).toBe(
      "9007199254740993",
    );
    expect(
      statements.find((s) => s.currency === "USD" && Number(s.publisher.id) === beta.id)?.totalDecimal,
    ).toBe("90071992547409.93");

    const lineIds = statements.flatMap((s) =>
      s.lines.edges.map((e: { node: { conversionId: string } }) => e.node.conversionId),
    );
    expect(lineIds.sort()).toEqual(paid.map((c) => c.id).sort());
    for (const statement of statements) {
      expect(statement).toMatchObject({
        status: "DRAFT",
        generatedById: String(finance.user.id),
        approvedById: null,
      });
      expect(new Date(statement.periodEnd).getTime()).toBe(periodEnd.getTime());
    }

    const audit = await db.auditLog.findMany({
      where: { action: "statement.generated", entityId: { in: statements.map((s) => String(s.id)) } },
    });
    expect(audit).toHaveLength(statements.length);
    expect(audit.every((row) => row.actorUserId === finance.user.id && row.before === null)).toBe(true);
    await expectInvariants(db);
  });

  test("the hold period counts from approval: on a 7-day hold, yesterday's approval waits", async ({
    db,
    factories,
    api,
  }) => {
    const finance = await caller(db, factories, "FINANCE");
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(await factories.createAdvertiser(), { holdDays: 7 });
    const periodEnd = ago(HOUR);
    const atBoundary = await approved(factories, offer, publisher, {
      convertedAt: ago(30 * DAY),
      approvedAt: new Date(periodEnd.getTime() - 7 * DAY),
    });
    // Converted long ago but approved a millisecond too late for this period.
    await approved(factories, offer, publisher, {
      convertedAt: ago(30 * DAY),
      approvedAt: new Date(periodEnd.getTime() - 7 * DAY + 1),
    });
    await approved(factories, offer, publisher, { convertedAt: ago(2 * DAY), approvedAt: ago(DAY) });

    const [statement] = documentsOf(
      await payouts.generate(api, finance, periodEnd),
      [publisher.id],
      "publisher",
    );
    expect(statement.lines.edges.map((e: { node: { conversionId: string } }) => e.node.conversionId)).toEqual(
      [atBoundary.id],
    );
    await expectInvariants(db);
  });

  test("below the minimum payout nothing is created; the next period pays everything at once", async ({
    db,
    factories,
    api,
  }) => {
    const finance = await caller(db, factories, "FINANCE");
    const publisher = await factories.createPublisher({ minimumPayout: 5000n, payoutCurrency: "USD" });
    const advertiser = await factories.createAdvertiser();
    const usd = await factories.createOffer(advertiser, { defaultPayout: 1500n });
    const eur = await factories.createOffer(advertiser, { currency: "EUR", defaultPayout: 100n });
    const first = [
      await approved(factories, usd, publisher, { convertedAt: ago(5 * DAY) }),
      await approved(factories, usd, publisher, { convertedAt: ago(4 * DAY) }),
    ];
    const euro = await approved(factories, eur, publisher, { convertedAt: ago(4 * DAY) });

    const run1 = await payouts.generate(api, finance, ago(3 * DAY));
    // EUR is not the payout currency: no minimum there, so 1.00 EUR is paid.
    expect(documentsOf(run1, [publisher.id], "publisher").map((s) => [s.currency, s.total])).toEqual([
      ["EUR", "100"],
    ]);
    expect(
      run1.data.carriedForward.filter((c: { accountId: string }) => c.accountId === String(publisher.id)),
    ).toEqual([
      {
        accountId: String(publisher.id),
        currency: "USD",
        amount: "3000",
        amountDecimal: "30.00",
        minimum: "5000",
        lineCount: 2,
        reason: "below_minimum",
      },
    ]);
    expect(
      await db.payoutStatementLine.count({ where: { conversionId: { in: first.map((c) => c.id) } } }),
    ).toBe(0);

    const more = [
      await approved(factories, usd, publisher, { convertedAt: ago(2 * DAY) }),
      await approved(factories, usd, publisher, { convertedAt: ago(DAY) }),
    ];
    const run2 = await payouts.generate(api, finance, ago(HOUR));
    const [statement, ...others] = documentsOf(run2, [publisher.id], "publisher");
    expect(others).toEqual([]);
    expect(statement).toMatchObject({ currency: "USD", total: "6000", totalDecimal: "60.00", lineCount: 4 });
    expect(
      statement.lines.edges.map((e: { node: { conversionId: string } }) => e.node.conversionId).sort(),
    ).toEqual([...first, ...more].map((c) => c.id).sort());
    expect(await db.payoutStatementLine.count({ where: { conversionId: euro.id } })).toBe(1);
    await expectInvariants(db);
  });

  test("running it twice creates nothing new", async ({ db, factories, api }) => {
    const finance = await caller(db, factories, "FINANCE");
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(await factories.createAdvertiser());
    await approved(factories, offer, publisher, { convertedAt: ago(2 * DAY) });
    const periodEnd = ago(HOUR);

    const first = await payouts.generate(api, finance, periodEnd);
    expect(documentsOf(first, [publisher.id], "publisher")).toHaveLength(1);
    const before = await db.payoutStatement.count();
    const second = await payouts.generate(api, finance, periodEnd);
    expect(second.data.statements).toEqual([]);
    expect(await db.payoutStatement.count()).toBe(before);
    await expectInvariants(db);
  });

  test("five concurrent runs give the same result as one", async ({ db, factories, api }) => {
    const finance = await caller(db, factories, "FINANCE");
    const advertiser = await factories.createAdvertiser();
    const publishers = [
      await factories.createPublisher(),
      await factories.createPublisher(),
      await factories.createPublisher(),
    ];
    const offer = await factories.createOffer(advertiser);
    const conversions = [];
    for (const publisher of publishers) {
      for (let i = 0; i < 4; i++)
        conversions.push(await approved(factories, offer, publisher, { convertedAt: ago(DAY) }));
    }
    const periodEnd = ago(HOUR);
    const ids = publishers.map((p) => p.id);

    const results = await Promise.all(
      Array.from({ length: 5 }, () => payouts.generate(api, finance, periodEnd)),
    );
    expect(results.map((r) => r.code)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    // Exactly one run found the work; the others, queued on the lock, found it done.
    const counts = results.map((r) => documentsOf(r, ids, "publisher").length).sort();
    expect(counts).toEqual([0, 0, 0, 0, 3]);

    const statements = await db.payoutStatement.findMany({
      where: { publisherId: { in: ids } },
      include: { lines: true },
    });
    expect(statements).toHaveLength(3);
    expect(statements.map((s) => s.total)).toEqual([6000n, 6000n, 6000n]);
    expect(statements.flatMap((s) => s.lines.map((l) => l.conversionId)).sort()).toEqual(
      conversions.map((c) => c.id).sort(),
    );
    await expectInvariants(db);
  });

  test("a period that has not ended is refused and creates nothing", async ({ db, factories, api }) => {
    const finance = await caller(db, factories, "FINANCE");
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(await factories.createAdvertiser());
    await approved(factories, offer, publisher, { convertedAt: ago(2 * DAY) });

    const result = await payouts.generate(api, finance, new Date(Date.now() + 30 * DAY));
    expect(result).toMatchObject({ __typename: "DomainError", code: "invalid_input" });
    expect(result.message).toMatch(/future/);
    expect(await db.payoutStatement.count({ where: { publisherId: publisher.id } })).toBe(0);
  });
});
