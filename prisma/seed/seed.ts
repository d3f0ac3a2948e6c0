// The deterministic demo seed: `seedDemo` fills an empty database with a month of a small lead
// marketplace (see world.ts for the cast). Importing this module does nothing; seed/main.ts is the CLI.
//
// Determinism: every random choice comes from seeded Faker instances and every timestamp is relative to
// `now`, so the same `now` gives byte-identical rows (ids included), which the tests rely on.
// Everything is planned in memory first and written in one transaction: a failed seed leaves an empty
// database that the next run fills, instead of a half world that makes `isDatabaseEmpty` say no forever.
import { hashPassword } from "../src/credentials.ts";
import type { Prisma, PrismaClient } from "../src/index.ts";
import { paidToOf } from "../src/paid-to.ts";
import { insertRows } from "./bulk.ts";
import { writeCapture } from "./capture.ts";
import { writeDelivery } from "./delivery.ts";
import { DEMO_PASSWORD, type DemoLogin, type DemoUser, demoLogins, demoUsers } from "./logins.ts";
import { type Money, type PlannedDocument, planMoney } from "./money.ts";
import { type Postbacks, planPostbacks } from "./postbacks.ts";
import { HOUR, SEEDS, seededFaker } from "./randomness.ts";
import { rollUpDailyStats, rollUpHourlyClicks } from "./rollup.ts";
import { planTraffic, type Traffic } from "./traffic.ts";
import { planWorld, type World } from "./world.ts";

export type { DemoRole } from "./logins.ts";
export { DEMO_PASSWORD, type DemoLogin, demoLogins };

export interface SeedOptions {
  /** The demo's "now": traffic ends here and everything else is dated relative to it. */
  now?: Date;
}

export interface DemoPlan {
  now: Date;
  world: World;
  traffic: Traffic;
  postbacks: Postbacks;
  money: Money;
  audit: Prisma.AuditLogCreateManyInput[];
}

type Db = PrismaClient | Prisma.TransactionClient;

/** The current time rounded down to the hour: reruns within the hour produce the same world. */
export function defaultNow(): Date {
  return new Date(Math.floor(Date.now() / HOUR) * HOUR);
}

/** Empty means no advertisers and no users: the state right after migrations. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  // One after the other: inside a transaction both would share one connection.
  const advertiser = await db.advertiser.findFirst({ select: { id: true } });
  const user = await db.user.findFirst({ select: { id: true } });
  return advertiser === null && user === null;
}

/**
 * Every row of the demo world, in memory, without touching a database (tests can count on it).
 * `passwordHash` is stored as every demo user's password_hash; seedDemo passes a real argon2 hash.
 */
export function planDemo(now: Date, users: DemoUser[] = demoUsers(), passwordHash = ""): DemoPlan {
  const world = planWorld(seededFaker(SEEDS.world), now, users, passwordHash);
  const traffic = planTraffic(seededFaker(SEEDS.traffic), world);
  const postbacks = planPostbacks(seededFaker(SEEDS.postbacks), world, traffic);
  const money = planMoney(seededFaker(SEEDS.money), world, traffic);

  const entries: Money["audit"] = [...money.audit];
  for (const offer of world.offers) {
    if (!offer.pausedAt) continue;
    entries.push({
      actorUserId: offer.advertiser.userId,
      actorLabel: "seed",
      action: "offer.paused",
      entityType: "Offer",
      entityId: String(offer.id),
      before: { status: "ACTIVE" },
      after: { status: "PAUSED" },
      createdAt: offer.pausedAt,
    });
  }
  const audit = entries
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((entry, i) => ({ id: BigInt(i + 1), ...entry }));
  return { now, world, traffic, postbacks, money, audit };
}

// Rows were written with explicit ids; move the sequences past them so the app's inserts do not collide.
const SERIAL_TABLES = [
  "advertisers",
  "publishers",
  "users",
  "api_keys",
  "offers",
  "offer_caps",
  "custom_payouts",
  "offer_applications",
  "tracking_links",
  "inbound_postbacks",
  "publisher_postbacks",
  "postback_deliveries",
  "payout_statements",
  "payout_statement_lines",
  "advertiser_invoices",
  "invoice_lines",
  "payments",
  "audit_log",
];

/**
 * Lines may only be added while a document is a DRAFT (a trigger), and the total must equal the lines
 * at commit (a deferred trigger), so each document is inserted as a draft with its final total and
 * lines, then walked through its status changes the way finance would.
 */
async function writeDocument(
  tx: Prisma.TransactionClient,
  doc: PlannedDocument,
  payoutDetails: readonly Prisma.PublisherPayoutDetailsCreateManyInput[],
): Promise<void> {
  const head = {
    id: doc.id,
    currency: doc.currency,
    periodEnd: doc.periodEnd,
    status: "DRAFT" as const,
    total: doc.total,
    generatedById: doc.generatedById,
    createdAt: doc.generatedAt,
  };
  const approve = { status: "APPROVED" as const, approvedById: doc.approvedById, approvedAt: doc.approvedAt };
  const pay = { status: "PAID" as const, paidAt: doc.paidAt };
  if (doc.type === "statement") {
    await tx.payoutStatement.create({ data: { ...head, publisherId: doc.accountId } });
    await tx.payoutStatementLine.createMany({ data: doc.lines.map((l) => ({ ...l, statementId: doc.id })) });
    if (doc.status !== "DRAFT") await tx.payoutStatement.update({ where: { id: doc.id }, data: approve });
    if (doc.status === "PAID") {
      // As the API does it: a statement is paid into the publisher's details, and keeps a copy of them.
      const details = payoutDetails.find((d) => d.publisherId === doc.accountId);
      if (!details)
        throw new Error(`seed: statement ${doc.id} is paid but its publisher has no payout details`);
      const paidTo = paidToOf({
        method: details.method,
        accountHolder: details.accountHolder ?? null,
        iban: details.iban ?? null,
        bic: details.bic ?? null,
        paypalEmail: details.paypalEmail ?? null,
        updatedAt: new Date(details.updatedAt ?? doc.generatedAt),
      });
      await tx.payoutStatement.update({ where: { id: doc.id }, data: { ...pay, paidTo } });
    }
  } else {
    await tx.advertiserInvoice.create({ data: { ...head, advertiserId: doc.accountId } });
    await tx.invoiceLine.createMany({ data: doc.lines.map((l) => ({ ...l, invoiceId: doc.id })) });
    if (doc.status !== "DRAFT") await tx.advertiserInvoice.update({ where: { id: doc.id }, data: approve });
    if (doc.status === "PAID") await tx.advertiserInvoice.update({ where: { id: doc.id }, data: pay });
  }
}

async function writePlan(tx: Prisma.TransactionClient, plan: DemoPlan): Promise<void> {
  const { rows } = plan.world;
  await tx.advertiser.createMany({ data: rows.advertisers });
  await tx.publisher.createMany({ data: rows.publishers });
  await tx.user.createMany({ data: rows.users });
  await tx.publisherPayoutDetails.createMany({ data: rows.payoutDetails });
  await tx.apiKey.createMany({ data: rows.apiKeys });
  await tx.offer.createMany({ data: rows.offers });
  await tx.leadForm.createMany({ data: rows.leadForms });
  await tx.offerCap.createMany({ data: rows.caps });
  await tx.customPayout.createMany({ data: rows.customPayouts });
  await tx.offerApplication.createMany({ data: rows.applications });
  await tx.trackingLink.createMany({ data: rows.links });

  await insertRows(tx, "clicks", plan.traffic.clicks);
  await insertRows(
    tx,
    "conversions",
    plan.traffic.conversions.map((c) => c.row),
  );
  await insertRows(tx, "inbound_postbacks", plan.postbacks.inbound);
  await tx.publisherPostback.createMany({ data: plan.postbacks.publisherPostbacks });
  await insertRows(tx, "postback_deliveries", plan.postbacks.deliveries);

  for (const doc of [...plan.money.statements, ...plan.money.invoices]) {
    await writeDocument(tx, doc, rows.payoutDetails);
  }
  await tx.payment.createMany({ data: plan.money.payments });
  await tx.auditLog.createMany({ data: plan.audit });

  await writeCapture(tx, plan.world);
  await writeDelivery(tx, plan.world);

  await rollUpDailyStats(tx);
  await rollUpHourlyClicks(tx);
  for (const table of SERIAL_TABLES) {
    await tx.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), max(id)) FROM "${table}" HAVING max(id) IS NOT NULL`,
    );
  }
}

/**
 * Fills an empty database with the demo world and returns the demo logins. Throws, writing nothing,
 * when the database already has advertisers or users: demo rows must never mix with real ones.
 */
export async function seedDemo(db: PrismaClient, options: SeedOptions = {}): Promise<DemoLogin[]> {
  const now = options.now ?? defaultNow();
  const users = demoUsers();
  // One argon2 hash shared by every demo user: they all have the same password, and argon2 is slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const plan = planDemo(now, users, passwordHash);

  await db.$transaction(
    async (tx) => {
      // Two seeders started together (parallel test workers) must not both find the database empty.
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('leadrail:seed'))");
      if (!(await isDatabaseEmpty(tx)))
        throw new Error("seedDemo: the database is not empty; refusing to seed");
      await writePlan(tx, plan);
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  return demoLogins();
}
