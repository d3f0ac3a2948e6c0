// Who sees and who changes what: finance and admins everything; a publisher its own statements and an
// advertiser its own invoices, read-only; someone else's document looks like it does not exist.
import type { Db } from "@leadrail/db";
import type { Factories } from "../src/factories.ts";
import {
  type ApiServer,
  ago,
  approved,
  type Caller,
  caller,
  DAY,
  describe,
  expect,
  gql,
  type Json,
  test,
} from "./helpers.ts";
import { documentsOf, invoices, payouts } from "./operations.ts";

const HOUR = 3_600_000;

async function world(db: Db, factories: Factories, api: ApiServer) {
  const finance = await caller(db, factories, "FINANCE");
  const [pubA, pubB] = [await factories.createPublisher(), await factories.createPublisher()];
  for (const publisher of [pubA, pubB]) await factories.createPayoutDetails(publisher);
  const [advX, advY] = [await factories.createAdvertiser(), await factories.createAdvertiser()];
  const [offerX, offerY] = [await factories.createOffer(advX), await factories.createOffer(advY)];
  await approved(factories, offerX, pubA, { convertedAt: ago(DAY) });
  await approved(factories, offerY, pubB, { convertedAt: ago(DAY) });
  const statements = documentsOf(
    await payouts.generate(api, finance, ago(HOUR)),
    [pubA.id, pubB.id],
    "publisher",
  );
  const invoiceDocs = documentsOf(
    await invoices.generate(api, finance, ago(HOUR)),
    [advX.id, advY.id],
    "advertiser",
  );
  const byOwner = (docs: Json[], owner: "publisher" | "advertiser", id: number) =>
    docs.find((d) => Number(d[owner].id) === id).id as string;
  return {
    finance,
    publisherA: await caller(db, factories, "PUBLISHER", pubA),
    advertiserX: await caller(db, factories, "ADVERTISER", advX),
    statementA: byOwner(statements, "publisher", pubA.id),
    statementB: byOwner(statements, "publisher", pubB.id),
    invoiceX: byOwner(invoiceDocs, "advertiser", advX.id),
    invoiceY: byOwner(invoiceDocs, "advertiser", advY.id),
    pubA,
    pubB,
    advX,
  };
}

async function everything(db: Db) {
  return {
    statements: await db.payoutStatement.findMany({ orderBy: { id: "asc" } }),
    invoices: await db.advertiserInvoice.findMany({ orderBy: { id: "asc" } }),
    statementLines: await db.payoutStatementLine.count(),
    invoiceLines: await db.invoiceLine.count(),
    payments: await db.payment.count(),
    audit: await db.auditLog.count(),
  };
}

describe("reading", () => {
  test("a publisher sees its own statements only, and no invoices", async ({ db, factories, api }) => {
    const w = await world(db, factories, api);
    const listed = await payouts.list(api, w.publisherA);
    const owners = new Set(listed.data.edges.map((e: Json) => Number(e.node.publisher.id)));
    expect([...owners]).toEqual([w.pubA.id]);
    expect(listed.data.edges.map((e: Json) => e.node.id)).toContain(w.statementA);

    expect((await payouts.get(api, w.publisherA, w.statementA)).data.lines.totalCount).toBe(1);
    expect(await payouts.get(api, w.publisherA, w.statementB)).toMatchObject({ code: "not_found" });
    // Filtering for someone else's statements finds nothing rather than failing.
    expect((await payouts.list(api, w.publisherA, { publisherId: String(w.pubB.id) })).data.edges).toEqual(
      [],
    );

    expect((await invoices.list(api, w.publisherA)).data.edges).toEqual([]);
    expect(await invoices.get(api, w.publisherA, w.invoiceX)).toMatchObject({ code: "not_found" });
    expect(await invoices.totals(api, w.publisherA, "DRAFT")).toEqual([]);

    const own = await db.payoutStatement.aggregate({
      where: { publisherId: w.pubA.id, status: "DRAFT" },
      _sum: { total: true },
      _count: true,
    });
    expect(await payouts.totals(api, w.publisherA, "DRAFT")).toEqual([
      { currency: "USD", amount: String(own._sum.total), amountDecimal: "15.00", count: own._count },
    ]);
  });

  test("an advertiser sees its own invoices only, and no statements", async ({ db, factories, api }) => {
    const w = await world(db, factories, api);
    const listed = await invoices.list(api, w.advertiserX);
    expect([...new Set(listed.data.edges.map((e: Json) => Number(e.node.advertiser.id)))]).toEqual([
      w.advX.id,
    ]);
    expect((await invoices.get(api, w.advertiserX, w.invoiceX)).data.total).toBe("2000");
    expect(await invoices.get(api, w.advertiserX, w.invoiceY)).toMatchObject({ code: "not_found" });
    expect((await payouts.list(api, w.advertiserX)).data.edges).toEqual([]);
    expect(await payouts.get(api, w.advertiserX, w.statementA)).toMatchObject({ code: "not_found" });
    expect(await payouts.totals(api, w.advertiserX, "DRAFT")).toEqual([]);
  });

  test("finance sees every statement and invoice", async ({ db, factories, api }) => {
    const w = await world(db, factories, api);
    const statements = (await payouts.list(api, w.finance)).data.edges.map((e: Json) => e.node.id);
    expect(statements).toEqual(expect.arrayContaining([w.statementA, w.statementB]));
    const all = (await invoices.list(api, w.finance)).data.edges.map((e: Json) => e.node.id);
    expect(all).toEqual(expect.arrayContaining([w.invoiceX, w.invoiceY]));
  });

  test("finance pages through statements newest first, each once", async ({ db, factories, api }) => {
    const w = await world(db, factories, api);
    const page = (after: string | null) =>
      gql(
        api,
        w.finance,
        `query($after: String) { payoutStatements(first: 1, after: $after) {
          ... on QueryPayoutStatementsSuccess { data { pageInfo { hasNextPage endCursor } edges { node { id } } } } } }`,
        { after },
      );
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const { data }: { data: Json } = (await page(after)).payoutStatements;
      seen.push(...data.edges.map((e: Json) => Number(e.node.id)));
      if (!data.pageInfo.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
    const all = (await db.payoutStatement.findMany({ select: { id: true }, orderBy: { id: "desc" } })).map(
      (s) => s.id,
    );
    expect(seen).toEqual(all);
  });

  test("without credentials the lists are refused", async ({ db, factories, api }) => {
    await world(db, factories, api);
    const body = await gql(
      api,
      null,
      "{ payoutStatements { __typename ... on DomainError { code } } }",
      {},
      { allowErrors: true },
    );
    // The refusal is the typed union member (errors plugin wraps scope-auth), not a masked error.
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ payoutStatements: { __typename: "DomainError", code: "unauthenticated" } });
  });
});

describe("changing: publishers, advertisers and anonymous callers can do nothing", () => {
  type Who = "publisher" | "advertiser" | "anonymous";
  const actions: { name: string; run: (api: ApiServer, who: Caller | null, w: Json) => Promise<Json> }[] = [
    { name: "generatePayoutStatements", run: (api, who) => payouts.generate(api, who, ago(HOUR)) },
    { name: "approveStatement (own)", run: (api, who, w) => payouts.approve(api, who, w.statementA) },
    {
      name: "markStatementPaid (own)",
      run: (api, who, w) => payouts.pay(api, who, w.statementA, "X", ago(HOUR)),
    },
    { name: "voidStatement (own)", run: (api, who, w) => payouts.void(api, who, w.statementA, "x") },
    { name: "generateAdvertiserInvoices", run: (api, who) => invoices.generate(api, who, ago(HOUR)) },
    { name: "approveInvoice (own)", run: (api, who, w) => invoices.approve(api, who, w.invoiceX) },
    {
      name: "markInvoicePaid (own)",
      run: (api, who, w) => invoices.pay(api, who, w.invoiceX, "X", ago(HOUR)),
    },
    { name: "voidInvoice (own)", run: (api, who, w) => invoices.void(api, who, w.invoiceX, "x") },
  ];
  const table = actions.flatMap((action) =>
    (["publisher", "advertiser", "anonymous"] as Who[]).map((who) => ({
      ...action,
      who,
      code: who === "anonymous" ? "unauthenticated" : "forbidden",
    })),
  );

  test.for(table)("$who: $name → $code", async ({ who, run, code }, { db, factories, api }) => {
    const w = await world(db, factories, api);
    const callers: Record<Who, Caller | null> = {
      publisher: w.publisherA,
      advertiser: w.advertiserX,
      anonymous: null,
    };
    const before = await everything(db);
    expect(await run(api, callers[who], w)).toMatchObject({ __typename: "DomainError", code });
    expect(await everything(db)).toEqual(before);
  });
});
