// Previewing a generation run: the preview is what the run then writes (the same planning code), for
// statements (with a clawback carried into a document and an account below its minimum) and invoices;
// it writes nothing and is for finance and admins only.

import type { ApiServer, Caller, Json } from "./helpers.ts";
import { ago, approved, caller, DAY, describe, expect, gql, ok, reverse, test } from "./helpers.ts";
import { payouts } from "./operations.ts";

const HOUR = 3_600_000;

const PREVIEW_FIELDS = `documents { accountId accountName currency total totalDecimal lineCount payoutTotal
    clawbackTotal clawbackCount lines { conversionId kind amount amountDecimal offerId offerName convertedAt } }
  carriedForward { accountId accountName currency amount amountDecimal minimum lineCount reason }`;

async function preview(api: ApiServer, who: Caller, field: string, periodEnd: Date): Promise<Json> {
  const success = `Query${field[0]?.toUpperCase()}${field.slice(1)}Success`;
  return (
    await gql(
      api,
      who,
      `query($periodEnd: DateTime!) { result: ${field}(periodEnd: $periodEnd) { __typename
        ... on DomainError { code message } ... on ${success} { data { ${PREVIEW_FIELDS} } } } }`,
      { periodEnd: periodEnd.toISOString() },
    )
  ).result;
}

/** Every document of a kind with its lines, as the database holds them, comparable with a preview. */
async function written(api: ApiServer, kind: "statements" | "invoices", ids: number[]) {
  const db = api.db;
  const rows =
    kind === "statements"
      ? (
          await db.payoutStatement.findMany({
            where: { id: { in: ids } },
            include: { lines: { orderBy: { id: "asc" } } },
            orderBy: { id: "asc" },
          })
        ).map((s) => ({ ...s, ownerId: s.publisherId }))
      : (
          await db.advertiserInvoice.findMany({
            where: { id: { in: ids } },
            include: { lines: { orderBy: { id: "asc" } } },
            orderBy: { id: "asc" },
          })
        ).map((i) => ({ ...i, ownerId: i.advertiserId }));
  return rows.map((document) => ({
    accountId: String(document.ownerId),
    currency: document.currency,
    total: document.total.toString(),
    lines: document.lines.map((l) => ({
      conversionId: l.conversionId,
      kind: l.kind,
      amount: l.amount.toString(),
    })),
  }));
}

const comparable = (documents: Json[]) =>
  documents.map((d: Json) => ({
    accountId: d.accountId,
    currency: d.currency,
    total: d.total,
    lines: d.lines.map((l: Json) => ({ conversionId: l.conversionId, kind: l.kind, amount: l.amount })),
  }));

async function documentCounts(api: ApiServer) {
  return [
    await api.db.payoutStatement.count(),
    await api.db.payoutStatementLine.count(),
    await api.db.advertiserInvoice.count(),
    await api.db.invoiceLine.count(),
    await api.db.auditLog.count(),
  ];
}

describe("generation preview", () => {
  test("statements: the preview is exactly what generation then writes, and writes nothing itself", async ({
    db,
    factories,
    api,
  }) => {
    const finance = await caller(db, factories, "FINANCE");
    const second = await caller(db, factories, "FINANCE");
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser, { defaultPayout: 1500n });
    const [paidBack, small] = [
      await factories.createPublisher(),
      await factories.createPublisher({ minimumPayout: 5000n, payoutCurrency: "USD" }),
    ];
    await factories.createPayoutDetails(paidBack);
    // A paid statement whose conversion is then reversed: the next run claws it back.
    const reversed = await approved(factories, offer, paidBack, { convertedAt: ago(10 * DAY) });
    const first = ok(await payouts.generate(api, finance, ago(9 * DAY)));
    const statement = first.statements.find((s: Json) => s.publisher.id === String(paidBack.id));
    ok(await payouts.approve(api, second, statement.id));
    ok(await payouts.pay(api, second, statement.id, "WIRE-1", ago(8 * DAY)));
    await reverse(db, reversed, ago(3 * DAY));
    const fresh = [
      await approved(factories, offer, paidBack, { convertedAt: ago(2 * DAY) }, { payout: 4000n }),
      await approved(factories, offer, small, { convertedAt: ago(2 * DAY) }, { payout: 100n }),
    ];
    const periodEnd = ago(HOUR);

    const before = await documentCounts(api);
    const shown = ok(await preview(api, finance, "payoutStatementPreview", periodEnd));
    expect(await documentCounts(api)).toEqual(before);

    const mine = shown.documents.find((d: Json) => d.accountId === String(paidBack.id));
    expect(mine).toMatchObject({
      accountName: paidBack.name,
      currency: "USD",
      total: "2500",
      totalDecimal: "25.00",
      lineCount: 2,
      payoutTotal: "4000",
      clawbackTotal: "-1500",
      clawbackCount: 1,
    });
    expect(mine.lines.map((l: Json) => [l.conversionId, l.kind, l.amount, l.offerName])).toEqual([
      [fresh[0]?.id, "PAYOUT", "4000", offer.name],
      [reversed.id, "CLAWBACK", "-1500", offer.name],
    ]);
    expect(shown.carriedForward.filter((c: Json) => c.accountId === String(small.id))).toEqual([
      {
        accountId: String(small.id),
        accountName: small.name,
        currency: "USD",
        amount: "100",
        amountDecimal: "1.00",
        minimum: "5000",
        lineCount: 1,
        reason: "below_minimum",
      },
    ]);

    const generated = ok(await payouts.generate(api, finance, periodEnd));
    const ids = generated.statements.map((s: Json) => Number(s.id));
    expect(await written(api, "statements", ids)).toEqual(comparable(shown.documents));
    expect(generated.carriedForward).toEqual(
      shown.carriedForward.map(({ accountName: _name, ...carried }: Json) => carried),
    );
    // Nothing is left to preview for the same period.
    const again = ok(await preview(api, finance, "payoutStatementPreview", periodEnd));
    expect(again.documents).toEqual([]);
  });

  test("invoices: the preview is exactly what generation then writes", async ({ db, factories, api }) => {
    const finance = await caller(db, factories, "FINANCE");
    const advertisers = [await factories.createAdvertiser(), await factories.createAdvertiser()];
    for (const [i, advertiser] of advertisers.entries()) {
      const offer = await factories.createOffer(advertiser, { currency: i === 0 ? "USD" : "EUR" });
      await approved(factories, offer, await factories.createPublisher(), { convertedAt: ago(2 * DAY) });
      await approved(factories, offer, null, { convertedAt: ago(3 * DAY) });
    }
    const periodEnd = ago(HOUR);
    const shown = ok(await preview(api, finance, "advertiserInvoicePreview", periodEnd));
    expect(
      shown.documents.filter((d: Json) => advertisers.some((a) => String(a.id) === d.accountId)),
    ).toHaveLength(2);
    const generated = (
      await gql(
        api,
        finance,
        `mutation($p: DateTime!) { r: generateAdvertiserInvoices(periodEnd: $p) {
          ... on MutationGenerateAdvertiserInvoicesSuccess { data { invoices { id } } } } }`,
        { p: periodEnd.toISOString() },
      )
    ).r.data;
    const ids = generated.invoices.map((i: Json) => Number(i.id));
    expect(await written(api, "invoices", ids)).toEqual(comparable(shown.documents));
  });

  test("only finance and admins may preview; a future period end is refused", async ({
    db,
    factories,
    api,
  }) => {
    const publisher = await factories.createPublisher();
    const outsider = await caller(db, factories, "PUBLISHER", publisher);
    const refused = await preview(api, outsider, "payoutStatementPreview", ago(HOUR));
    expect(refused).toMatchObject({ __typename: "DomainError", code: "forbidden" });
    const admin = await caller(db, factories, "ADMIN");
    const future = await preview(api, admin, "advertiserInvoicePreview", ago(-2 * DAY));
    expect(future).toMatchObject({ __typename: "DomainError", code: "invalid_input" });
  });
});
