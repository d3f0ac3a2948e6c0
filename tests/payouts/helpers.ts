// Payouts test kit: the real API on an ephemeral port (createApi(...).handle behind node:http), users
// with API keys, a small world of offers and conversions, and the money invariants checked by SQL.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Advertiser,
  type Conversion,
  createDb,
  type Db,
  generateApiKey,
  type Offer,
  type Prisma,
  type Publisher,
  type Role,
  type User,
} from "@leadrail/db";
import { createApi } from "../../api/src/server.ts";
import type { Factories } from "../src/factories.ts";
import { test as base, expect } from "../src/fixtures.ts";

export { describe, expect } from "../src/fixtures.ts";

type Logger = Parameters<typeof createApi>[0]["logger"];
const quiet = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;

export interface ApiServer {
  url: string;
  /** The API's own client (a separate pool from the test's `db`, as in production). */
  db: Db;
}

export const test = base.extend(
  "api",
  { scope: "file" },
  async ({ databaseUrl, redis, redisPrefix }, { onCleanup }) => {
    const db = createDb(databaseUrl, { max: 10 });
    const server = createServer(createApi({ db, redis, redisPrefix, logger: quiet }).handle);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    onCleanup(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.$disconnect();
    });
    return { url: `http://127.0.0.1:${port}`, db } satisfies ApiServer;
  },
);

export interface Caller {
  user: User;
  /** Bearer API key. */
  key: string;
}

/** A user of `role` with a fresh API key (as `generateApiKey` mints them). */
export async function caller(
  db: Db,
  factories: Factories,
  role: Role,
  account?: Advertiser | Publisher | null,
): Promise<Caller> {
  const user = await factories.createUser(role, account);
  const { key, prefix, keyHash } = generateApiKey();
  await db.apiKey.create({ data: { userId: user.id, name: "test", prefix, keyHash } });
  return { user, key };
}

// biome-ignore lint/suspicious/noExplicitAny: GraphQL responses are checked by shape in each test
export type Json = any;

/** POST /graphql; fails the test on transport or GraphQL-level errors unless `allowErrors`. */
export async function gql(
  api: ApiServer,
  who: Caller | null,
  query: string,
  variables: Record<string, unknown> = {},
  options: { allowErrors?: boolean } = {},
): Promise<Json> {
  const response = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(who ? { authorization: `Bearer ${who.key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Json; errors?: { message: string }[] };
  if (!options.allowErrors) {
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  }
  return options.allowErrors ? body : body.data;
}

/** The data of a union result, failing with the DomainError when there is one. */
export function ok<T = Json>(result: Json): T {
  expect(result?.code, `${result?.code}: ${result?.message}`).toBeUndefined();
  return result.data as T;
}

export const DAY = 86_400_000;
export const ago = (ms: number, from = new Date()) => new Date(from.getTime() - ms);

/** An approved conversion whose clock (converted, approved) is set explicitly. */
export function approved(
  factories: Factories,
  offer: Offer,
  publisher: Publisher | null,
  at: { convertedAt: Date; approvedAt?: Date },
  overrides: Partial<Prisma.ConversionUncheckedCreateInput> = {},
): Promise<Conversion> {
  return factories.createConversion(offer, publisher, {
    status: "APPROVED",
    convertedAt: at.convertedAt,
    approvedAt: at.approvedAt ?? at.convertedAt,
    decidedAt: at.approvedAt ?? at.convertedAt,
    ...overrides,
  });
}

/** Reverses a conversion now (as the conversions API will). */
export function reverse(db: Db, conversion: Conversion, at = new Date()): Promise<Conversion> {
  return db.conversion.update({
    where: { id: conversion.id },
    data: { status: "REVERSED", reversedAt: at, decidedAt: at },
  });
}

/**
 * What the database must hold after any scenario, checked with plain SQL:
 * - no conversion has two live PAYOUT (or two live CLAWBACK) lines, statements or invoices;
 * - every statement and invoice total equals the sum of its lines;
 * - a CLAWBACK line negates a live PAYOUT line of the same conversion, for the same owner;
 * - every paid document has exactly one payment of its total, in its currency.
 * Money columns are bigint, so "exact integers" holds by type; the sums are compared as numeric.
 */
export async function expectInvariants(db: Db): Promise<void> {
  const duplicates = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (
      SELECT conversion_id, kind FROM payout_statement_lines WHERE NOT voided GROUP BY 1, 2 HAVING count(*) > 1
      UNION ALL
      SELECT conversion_id, kind FROM invoice_lines WHERE NOT voided GROUP BY 1, 2 HAVING count(*) > 1) d`;
  expect(duplicates[0]?.n).toBe(0n);

  const badTotals = await db.$queryRaw<{ id: number; total: string; sum: string }[]>`
    SELECT s.id, s.total::text, coalesce(sum(l.amount), 0)::text AS sum
    FROM payout_statements s LEFT JOIN payout_statement_lines l ON l.statement_id = s.id
    GROUP BY s.id HAVING s.total::numeric <> coalesce(sum(l.amount::numeric), 0)
    UNION ALL
    SELECT i.id, i.total::text, coalesce(sum(l.amount), 0)::text
    FROM advertiser_invoices i LEFT JOIN invoice_lines l ON l.invoice_id = i.id
    GROUP BY i.id HAVING i.total::numeric <> coalesce(sum(l.amount::numeric), 0)`;
  expect(badTotals).toEqual([]);

  const strayClawbacks = await db.$queryRaw<{ id: bigint }[]>`
    SELECT k.id FROM payout_statement_lines k
    WHERE k.kind = 'CLAWBACK' AND NOT k.voided AND NOT EXISTS (
      SELECT 1 FROM payout_statement_lines p JOIN payout_statements s ON s.id = p.statement_id
      JOIN payout_statements ks ON ks.id = k.statement_id
      WHERE p.conversion_id = k.conversion_id AND p.kind = 'PAYOUT' AND NOT p.voided
        AND p.amount = -k.amount AND s.publisher_id = ks.publisher_id)
    UNION ALL
    SELECT k.id FROM invoice_lines k
    WHERE k.kind = 'CLAWBACK' AND NOT k.voided AND NOT EXISTS (
      SELECT 1 FROM invoice_lines p JOIN advertiser_invoices i ON i.id = p.invoice_id
      JOIN advertiser_invoices ki ON ki.id = k.invoice_id
      WHERE p.conversion_id = k.conversion_id AND p.kind = 'PAYOUT' AND NOT p.voided
        AND p.amount = -k.amount AND i.advertiser_id = ki.advertiser_id)`;
  expect(strayClawbacks).toEqual([]);

  const badPayments = await db.$queryRaw<{ id: number }[]>`
    SELECT s.id FROM payout_statements s
    WHERE s.status = 'PAID' AND (SELECT count(*) FROM payments p
      WHERE p.statement_id = s.id AND p.amount = s.total AND p.currency = s.currency) <> 1
    UNION ALL
    SELECT i.id FROM advertiser_invoices i
    WHERE i.status = 'PAID' AND (SELECT count(*) FROM payments p
      WHERE p.invoice_id = i.id AND p.amount = i.total AND p.currency = i.currency) <> 1`;
  expect(badPayments).toEqual([]);
}
