// GET /exports/statements.csv and /exports/invoices.csv: content, filters, CSV-injection safety, and
// who may download them.
import { parseCsv } from "./csv-parse.ts";
import {
  type ApiServer,
  ago,
  approved,
  type Caller,
  caller,
  DAY,
  describe,
  expect,
  test,
} from "./helpers.ts";
import { documentsOf, invoices, payouts } from "./operations.ts";

const HOUR = 3_600_000;

function download(api: ApiServer, who: Caller | null, path: string) {
  return fetch(`${api.url}${path}`, { headers: who ? { authorization: `Bearer ${who.key}` } : {} });
}

describe("CSV export", () => {
  test("statements.csv lists statements with exact totals, payment references and safe cells", async ({
    db,
    factories,
    api,
  }) => {
    const maker = await caller(db, factories, "FINANCE");
    const checker = await caller(db, factories, "FINANCE");
    // A publisher whose name is a formula: a spreadsheet must not run it.
    const evil = await factories.createPublisher({ name: '=HYPERLINK("http://evil.example","x")' });
    const plain = await factories.createPublisher();
    await factories.createPayoutDetails(evil);
    const offer = await factories.createOffer(await factories.createAdvertiser(), { defaultPayout: 123456n });
    await approved(factories, offer, evil, { convertedAt: ago(DAY) });
    await approved(factories, offer, plain, { convertedAt: ago(DAY) }, { payout: 5n });
    const generated = documentsOf(
      await payouts.generate(api, maker, ago(HOUR)),
      [evil.id, plain.id],
      "publisher",
    );
    const paidOne = generated.find((s) => Number(s.publisher.id) === evil.id);
    await payouts.approve(api, checker, paidOne.id);
    const paidAt = ago(HOUR);
    await payouts.pay(api, maker, paidOne.id, "@WIRE,42", paidAt);

    const response = await download(api, maker, "/exports/statements.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain('filename="statements.csv"');
    const text = await response.text();
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "statement_id",
      "publisher_id",
      "publisher",
      "currency",
      "total",
      "total_minor",
      "status",
      "period_end",
      "approved_at",
      "paid_at",
      "payment_reference",
    ]);
    const byId = new Map(rows.map((row) => [row[0], row]));
    const evilRow = byId.get(String(paidOne.id));
    expect(evilRow).toEqual([
      String(paidOne.id),
      String(evil.id),
      `'=HYPERLINK("http://evil.example","x")`,
      "USD",
      "1234.56",
      "123456",
      "PAID",
      expect.any(String),
      expect.any(String),
      paidAt.toISOString(),
      "'@WIRE,42",
    ]);
    const plainRow = byId.get(String(generated.find((s) => Number(s.publisher.id) === plain.id).id));
    expect(plainRow?.slice(3, 7)).toEqual(["USD", "0.05", "5", "DRAFT"]);
    expect(plainRow?.slice(8)).toEqual(["", "", ""]);
    // Every statement in the database is there once, in id order.
    const ids = (await db.payoutStatement.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map(
      (s) => String(s.id),
    );
    expect(rows.map((row) => row[0])).toEqual(ids);

    const paidOnly = parseCsv(
      await (await download(api, maker, "/exports/statements.csv?status=PAID")).text(),
    ).slice(1);
    expect(paidOnly.map((row) => row[6])).toEqual(paidOnly.map(() => "PAID"));
    expect(paidOnly.map((row) => row[0])).toContain(String(paidOne.id));
  });

  test("a large export streams every statement once, in id order, across pages", async ({
    db,
    factories,
    api,
  }) => {
    const finance = await caller(db, factories, "FINANCE");
    const publisher = await factories.createPublisher();
    // Empty drafts (total 0 = sum of no lines) are enough to cross the 500-row page several times.
    await db.$executeRaw`
      INSERT INTO payout_statements (publisher_id, currency, period_end, total)
      SELECT ${publisher.id}, 'USD', now() - interval '1 day', 0 FROM generate_series(1, 1234)`;
    const rows = parseCsv(
      await (await download(api, finance, "/exports/statements.csv?status=DRAFT")).text(),
    ).slice(1);
    const ids = (
      await db.payoutStatement.findMany({
        where: { status: "DRAFT" },
        select: { id: true },
        orderBy: { id: "asc" },
      })
    ).map((s) => String(s.id));
    expect(ids.length).toBeGreaterThan(1234);
    expect(rows.map((row) => row[0])).toEqual(ids);
  });

  test("invoices.csv lists invoices", async ({ db, factories, api }) => {
    const finance = await caller(db, factories, "ADMIN");
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser, { currency: "EUR", defaultRevenue: 2500n });
    await approved(factories, offer, null, { convertedAt: ago(DAY) });
    const [invoice] = documentsOf(
      await invoices.generate(api, finance, ago(HOUR)),
      [advertiser.id],
      "advertiser",
    );
    const [header, ...rows] = parseCsv(
      await (await download(api, finance, "/exports/invoices.csv?currency=EUR")).text(),
    );
    expect(header?.slice(0, 3)).toEqual(["invoice_id", "advertiser_id", "advertiser"]);
    expect(rows.find((row) => row[0] === String(invoice.id))?.slice(1, 7)).toEqual([
      String(advertiser.id),
      advertiser.name,
      "EUR",
      "25.00",
      "2500",
      "DRAFT",
    ]);
    expect(rows.every((row) => row[3] === "EUR")).toBe(true);
  });

  test.for([
    { who: "publisher", path: "/exports/statements.csv", status: 403 },
    { who: "advertiser", path: "/exports/invoices.csv", status: 403 },
    { who: "anonymous", path: "/exports/statements.csv", status: 401 },
    { who: "finance", path: "/exports/statements.csv?status=PENDING", status: 400 },
    { who: "finance", path: "/exports/invoices.csv?currency=usd", status: 400 },
  ] as const)("$who GET $path → $status", async ({ who, path, status }, { db, factories, api }) => {
    const callers = {
      publisher: () => factories.createPublisher().then((p) => caller(db, factories, "PUBLISHER", p)),
      advertiser: () => factories.createAdvertiser().then((a) => caller(db, factories, "ADVERTISER", a)),
      finance: () => caller(db, factories, "FINANCE"),
      anonymous: async () => null,
    };
    const response = await download(api, await callers[who](), path);
    expect(response.status).toBe(status);
    expect(await response.text()).not.toContain("statement_id");
  });
});
