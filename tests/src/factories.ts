// Small factories: each call makes one row with values no other call in any file will repeat (a per-file
// random tag plus a counter), so test files share nothing and never need to truncate tables. Every
// factory takes the client first (the fixture `factories` binds it) and overrides last.
import {
  type Advertiser,
  type AdvertiserInvoice,
  type Click,
  type Conversion,
  type Db,
  type InvoiceLine,
  mintId,
  type Offer,
  type PayoutStatement,
  type PayoutStatementLine,
  type Prisma,
  type Publisher,
  type Role,
  type TrackingLink,
  type User,
} from "@leadrail/db";
import { randomToken } from "./test-env.ts";

/** A client or an interactive transaction: factories work inside `db.$transaction(async (tx) => ...)`. */
export type DbClient = Db | Prisma.TransactionClient;

const fileTag = randomToken(6);
let counter = 0;

/** `label-<file tag>-<n>`: unique across parallel files and reruns against a shared database. */
export function unique(label: string): string {
  counter += 1;
  return `${label}-${fileTag}-${counter}`;
}

export function createAdvertiser(
  db: DbClient,
  overrides: Partial<Prisma.AdvertiserUncheckedCreateInput> = {},
): Promise<Advertiser> {
  return db.advertiser.create({
    data: { name: unique("Advertiser"), postbackSecret: unique("secret"), ...overrides },
  });
}

export function createPublisher(
  db: DbClient,
  overrides: Partial<Prisma.PublisherUncheckedCreateInput> = {},
): Promise<Publisher> {
  return db.publisher.create({ data: { name: unique("Publisher"), ...overrides } });
}

/** ADVERTISER and PUBLISHER users need their account; ADMIN and FINANCE belong to the network. */
export function createUser(
  db: DbClient,
  role: Role,
  account?: Advertiser | Publisher | null,
  overrides: Partial<Prisma.UserUncheckedCreateInput> = {},
): Promise<User> {
  const email = `${unique(role.toLowerCase())}@test.leadrail.dev`;
  return db.user.create({
    data: {
      email,
      name: unique("User"),
      role,
      advertiserId: role === "ADVERTISER" ? account?.id : undefined,
      publisherId: role === "PUBLISHER" ? account?.id : undefined,
      ...overrides,
    },
  });
}

/** An active public CPL offer paying 15.00 and earning 20.00 USD per lead unless overridden. */
export function createOffer(
  db: DbClient,
  advertiser: Advertiser,
  overrides: Partial<Prisma.OfferUncheckedCreateInput> = {},
): Promise<Offer> {
  return db.offer.create({
    data: {
      advertiserId: advertiser.id,
      name: unique("Offer"),
      vertical: "insurance",
      landingUrl: "https://advertiser.example/landing?click={click_id}",
      status: "ACTIVE",
      visibility: "PUBLIC",
      currency: "USD",
      payoutModel: "CPL",
      defaultPayout: 1500n,
      defaultRevenue: 2000n,
      ...overrides,
    },
  });
}

export function createLink(
  db: DbClient,
  publisher: Publisher,
  offer: Offer,
  overrides: Partial<Prisma.TrackingLinkUncheckedCreateInput> = {},
): Promise<TrackingLink> {
  return db.trackingLink.create({
    data: { publisherId: publisher.id, offerId: offer.id, code: unique("link"), ...overrides },
  });
}

/**
 * An accepted click through a link (or straight on an offer for a publisher). The id is a UUIDv7 minted
 * for `createdAt`, as the tracker mints it; PostgreSQL routes the row to that month's partition.
 */
export function createClick(
  db: DbClient,
  via: TrackingLink | { offer: Offer; publisher: Publisher },
  overrides: Partial<Prisma.ClickUncheckedCreateInput> = {},
): Promise<Click> {
  const createdAt = new Date(overrides.createdAt ?? Date.now());
  const target =
    "code" in via
      ? { linkId: via.id, offerId: via.offerId, publisherId: via.publisherId }
      : { offerId: via.offer.id, publisherId: via.publisher.id };
  return db.click.create({
    data: { id: mintId(createdAt), status: "ACCEPTED", ...target, ...overrides, createdAt },
  });
}

/** An approved postback conversion stamped with the offer's current payout and revenue. */
export function createConversion(
  db: DbClient,
  offer: Offer,
  publisher: Publisher | null,
  overrides: Partial<Prisma.ConversionUncheckedCreateInput> = {},
): Promise<Conversion> {
  const convertedAt = new Date(overrides.convertedAt ?? Date.now());
  return db.conversion.create({
    data: {
      id: mintId(convertedAt),
      offerId: offer.id,
      publisherId: publisher?.id ?? null,
      transactionId: unique("txn"),
      source: "POSTBACK",
      status: "APPROVED",
      currency: offer.currency,
      payout: offer.defaultPayout,
      revenue: offer.defaultRevenue,
      ...overrides,
      convertedAt,
    },
  });
}

/**
 * A DRAFT statement paying each conversion its payout, with a matching total. Created in one statement
 * (a nested write is one transaction), which the deferred total = sum(lines) check needs.
 */
export function createStatement(
  db: DbClient,
  publisher: Publisher,
  conversions: Conversion[] = [],
  overrides: Partial<Prisma.PayoutStatementUncheckedCreateInput> = {},
): Promise<PayoutStatement & { lines: PayoutStatementLine[] }> {
  const lines = conversions.map((c) => ({ conversionId: c.id, kind: "PAYOUT" as const, amount: c.payout }));
  return db.payoutStatement.create({
    data: {
      publisherId: publisher.id,
      currency: publisher.payoutCurrency,
      periodEnd: new Date(),
      total: lines.reduce((sum, line) => sum + line.amount, 0n),
      lines: { create: lines },
      ...overrides,
    },
    include: { lines: { orderBy: { id: "asc" } } },
  });
}

/** A DRAFT invoice billing each conversion its revenue, with a matching total. */
export function createInvoice(
  db: DbClient,
  advertiser: Advertiser,
  conversions: Conversion[] = [],
  overrides: Partial<Prisma.AdvertiserInvoiceUncheckedCreateInput> = {},
): Promise<AdvertiserInvoice & { lines: InvoiceLine[] }> {
  const lines = conversions.map((c) => ({ conversionId: c.id, kind: "PAYOUT" as const, amount: c.revenue }));
  return db.advertiserInvoice.create({
    data: {
      advertiserId: advertiser.id,
      currency: "USD",
      periodEnd: new Date(),
      total: lines.reduce((sum, line) => sum + line.amount, 0n),
      lines: { create: lines },
      ...overrides,
    },
    include: { lines: { orderBy: { id: "asc" } } },
  });
}

function bind<A extends unknown[], R>(db: DbClient, factory: (db: DbClient, ...args: A) => R) {
  return (...args: A): R => factory(db, ...args);
}

/** The factories with the file's client already passed. */
export function bindFactories(db: DbClient) {
  return {
    createAdvertiser: bind(db, createAdvertiser),
    createPublisher: bind(db, createPublisher),
    createUser: bind(db, createUser),
    createOffer: bind(db, createOffer),
    createLink: bind(db, createLink),
    createClick: bind(db, createClick),
    createConversion: bind(db, createConversion),
    createStatement: bind(db, createStatement),
    createInvoice: bind(db, createInvoice),
  };
}

export type Factories = ReturnType<typeof bindFactories>;
