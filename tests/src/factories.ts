// Small factories: each call makes one row with values no other call in any file will repeat (a per-file
// random tag plus a counter), so test files share nothing and never need to truncate tables. Every
// factory takes the client first (the fixture `factories` binds it) and overrides last.
//
// The factories follow the database's rules, so a test that wants a refusal breaks exactly one of them:
// e-mails are lower-case; a statement pays its publisher's conversions in the publisher's currency and an
// invoice bills its advertiser's conversions in their currency; documents move only DRAFT -> APPROVED
// (by someone other than whoever generated them, stamped) -> PAID (stamped), or DRAFT/APPROVED -> VOID;
// a clawback needs a live payout line on an approved or paid document; a payment is in its document's
// currency.
import {
  type Advertiser,
  type AdvertiserInvoice,
  type Click,
  type Conversion,
  type Db,
  type InvoiceLine,
  type LeadForm,
  type LineKind,
  mintId,
  type Offer,
  type Payment,
  type PayoutStatement,
  type PayoutStatementLine,
  type Prisma,
  type Publisher,
  type PublisherPayoutDetails,
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

/** Where a publisher is paid (a valid bank account by default): a statement is paid only with them. */
export function createPayoutDetails(
  db: DbClient,
  publisher: Publisher,
  overrides: Partial<Prisma.PublisherPayoutDetailsUncheckedCreateInput> = {},
): Promise<PublisherPayoutDetails> {
  return db.publisherPayoutDetails.create({
    data: {
      publisherId: publisher.id,
      method: "BANK_TRANSFER",
      accountHolder: publisher.name,
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
      ...overrides,
    },
  });
}

/**
 * ADVERTISER and PUBLISHER users need their account; ADMIN and FINANCE belong to the network. The e-mail
 * (an override too) is stored lower-case, as users_email_lower_check requires.
 */
export function createUser(
  db: DbClient,
  role: Role,
  account?: Advertiser | Publisher | null,
  overrides: Partial<Prisma.UserUncheckedCreateInput> = {},
): Promise<User> {
  const email = overrides.email ?? `${unique(role)}@test.leadrail.dev`;
  return db.user.create({
    data: {
      name: unique("User"),
      role,
      advertiserId: role === "ADVERTISER" ? account?.id : undefined,
      publisherId: role === "PUBLISHER" ? account?.id : undefined,
      ...overrides,
      email: email.toLowerCase(),
    },
  });
}

/** An active public CPL offer paying 15.00 and earning 20.00 USD per lead unless overridden. */
/** The offer's lead form, as tests describe it: its fields and consent text, and any other setting. */
export type OfferFormOverrides = {
  leadFormFields?: unknown[];
  consentText?: string | null;
  leadForm?: Partial<Omit<Prisma.LeadFormUncheckedCreateInput, "offerId">>;
};

/**
 * An offer; with `leadFormFields` (and `consentText`, `leadForm` for the rest) it gets its LeadForm,
 * titled with the offer's name and a unique key, returned as `offer.leadForm`.
 */
export async function createOffer(
  db: DbClient,
  advertiser: Advertiser,
  overrides: Partial<Prisma.OfferUncheckedCreateInput> & OfferFormOverrides = {},
): Promise<Offer & { leadForm: LeadForm | null }> {
  const { leadFormFields, consentText, leadForm, ...terms } = overrides;
  const offer = await db.offer.create({
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
      ...terms,
    },
  });
  if (leadFormFields === undefined && leadForm === undefined) return { ...offer, leadForm: null };
  const form = await db.leadForm.create({
    data: {
      offerId: offer.id,
      key: unique("form")
        .replace(/[^A-Za-z0-9_-]/g, "")
        .slice(-32)
        .padStart(8, "k"),
      title: offer.name,
      fields: (leadFormFields ?? []) as Prisma.InputJsonValue,
      consentText: consentText ?? null,
      consentVersion: consentText ? 1 : 0,
      // Tests submit forms at once; the ones about fill time set it.
      minFillSeconds: 0,
      ...leadForm,
    },
  });
  return { ...offer, leadForm: form };
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

/** One line per conversion: a PAYOUT of `amount(c)`, or a CLAWBACK of minus that. */
function linesFor(conversions: Conversion[], kind: LineKind, amount: (c: Conversion) => bigint) {
  return conversions.map((c) => ({
    conversionId: c.id,
    kind,
    amount: kind === "PAYOUT" ? amount(c) : -amount(c),
  }));
}

function sum(lines: { amount: bigint }[]): bigint {
  return lines.reduce((total, line) => total + line.amount, 0n);
}

/**
 * A DRAFT statement paying each conversion (the publisher's own, in its payout currency) its payout,
 * with a matching total. Created in one statement (a nested write is one transaction), which the
 * deferred total = sum(lines) check needs.
 */
export function createStatement(
  db: DbClient,
  publisher: Publisher,
  conversions: Conversion[] = [],
  overrides: Partial<Prisma.PayoutStatementUncheckedCreateInput> = {},
): Promise<PayoutStatement & { lines: PayoutStatementLine[] }> {
  return draftStatement(
    db,
    publisher,
    linesFor(conversions, "PAYOUT", (c) => c.payout),
    overrides,
  );
}

/**
 * A DRAFT statement clawing each conversion's payout back (negative lines). Each conversion needs a live
 * PAYOUT line on an APPROVED or PAID statement first.
 */
export function createClawbackStatement(
  db: DbClient,
  publisher: Publisher,
  conversions: Conversion[],
  overrides: Partial<Prisma.PayoutStatementUncheckedCreateInput> = {},
): Promise<PayoutStatement & { lines: PayoutStatementLine[] }> {
  return draftStatement(
    db,
    publisher,
    linesFor(conversions, "CLAWBACK", (c) => c.payout),
    overrides,
  );
}

function draftStatement(
  db: DbClient,
  publisher: Publisher,
  lines: { conversionId: string; kind: LineKind; amount: bigint }[],
  overrides: Partial<Prisma.PayoutStatementUncheckedCreateInput>,
): Promise<PayoutStatement & { lines: PayoutStatementLine[] }> {
  return db.payoutStatement.create({
    data: {
      publisherId: publisher.id,
      currency: publisher.payoutCurrency,
      periodEnd: new Date(),
      total: sum(lines),
      lines: { create: lines },
      ...overrides,
    },
    include: { lines: { orderBy: { id: "asc" } } },
  });
}

/**
 * A DRAFT invoice billing each conversion (of the advertiser's offers) its revenue, with a matching
 * total, in the conversions' currency (USD when there are none).
 */
export function createInvoice(
  db: DbClient,
  advertiser: Advertiser,
  conversions: Conversion[] = [],
  overrides: Partial<Prisma.AdvertiserInvoiceUncheckedCreateInput> = {},
): Promise<AdvertiserInvoice & { lines: InvoiceLine[] }> {
  return draftInvoice(db, advertiser, conversions, "PAYOUT", overrides);
}

/** A DRAFT invoice crediting each conversion's revenue back; each needs a billed line on an approved invoice. */
export function createClawbackInvoice(
  db: DbClient,
  advertiser: Advertiser,
  conversions: Conversion[],
  overrides: Partial<Prisma.AdvertiserInvoiceUncheckedCreateInput> = {},
): Promise<AdvertiserInvoice & { lines: InvoiceLine[] }> {
  return draftInvoice(db, advertiser, conversions, "CLAWBACK", overrides);
}

function draftInvoice(
  db: DbClient,
  advertiser: Advertiser,
  conversions: Conversion[],
  kind: LineKind,
  overrides: Partial<Prisma.AdvertiserInvoiceUncheckedCreateInput>,
): Promise<AdvertiserInvoice & { lines: InvoiceLine[] }> {
  const lines = linesFor(conversions, kind, (c) => c.revenue);
  return db.advertiserInvoice.create({
    data: {
      advertiserId: advertiser.id,
      currency: conversions[0]?.currency ?? "USD",
      periodEnd: new Date(),
      total: sum(lines),
      lines: { create: lines },
      ...overrides,
    },
    include: { lines: { orderBy: { id: "asc" } } },
  });
}

/** DRAFT -> APPROVED by `approver`, who must not be whoever generated it (the two-person rule). */
export function approveStatement(
  db: DbClient,
  statement: PayoutStatement,
  approver: User,
  overrides: Partial<Prisma.PayoutStatementUncheckedUpdateInput> = {},
): Promise<PayoutStatement> {
  return db.payoutStatement.update({
    where: { id: statement.id },
    data: { status: "APPROVED", approvedById: approver.id, approvedAt: new Date(), ...overrides },
  });
}

/** APPROVED -> PAID. */
export function payStatement(db: DbClient, statement: PayoutStatement): Promise<PayoutStatement> {
  return db.payoutStatement.update({
    where: { id: statement.id },
    data: { status: "PAID", paidAt: new Date() },
  });
}

/** DRAFT or APPROVED -> VOID: the database releases (voids) the lines. */
export function voidStatement(db: DbClient, statement: PayoutStatement): Promise<PayoutStatement> {
  return db.payoutStatement.update({
    where: { id: statement.id },
    data: { status: "VOID", voidedAt: new Date() },
  });
}

/** DRAFT -> APPROVED by `approver`, who must not be whoever generated it (the two-person rule). */
export function approveInvoice(
  db: DbClient,
  invoice: AdvertiserInvoice,
  approver: User,
  overrides: Partial<Prisma.AdvertiserInvoiceUncheckedUpdateInput> = {},
): Promise<AdvertiserInvoice> {
  return db.advertiserInvoice.update({
    where: { id: invoice.id },
    data: { status: "APPROVED", approvedById: approver.id, approvedAt: new Date(), ...overrides },
  });
}

/** APPROVED -> PAID. */
export function payInvoice(db: DbClient, invoice: AdvertiserInvoice): Promise<AdvertiserInvoice> {
  return db.advertiserInvoice.update({
    where: { id: invoice.id },
    data: { status: "PAID", paidAt: new Date() },
  });
}

/** DRAFT or APPROVED -> VOID: the database releases (voids) the lines. */
export function voidInvoice(db: DbClient, invoice: AdvertiserInvoice): Promise<AdvertiserInvoice> {
  return db.advertiserInvoice.update({
    where: { id: invoice.id },
    data: { status: "VOID", voidedAt: new Date() },
  });
}

/** A payment settling `document` (a statement or an invoice) in full, in its currency (none owed: zero). */
export function createPayment(
  db: DbClient,
  document: PayoutStatement | AdvertiserInvoice,
  overrides: Partial<Prisma.PaymentUncheckedCreateInput> = {},
): Promise<Payment> {
  const target = "publisherId" in document ? { statementId: document.id } : { invoiceId: document.id };
  return db.payment.create({
    data: {
      ...target,
      amount: document.total > 0n ? document.total : 0n,
      currency: document.currency,
      reference: unique("wire"),
      paidAt: new Date(),
      ...overrides,
    },
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
    createPayoutDetails: bind(db, createPayoutDetails),
    createUser: bind(db, createUser),
    createOffer: bind(db, createOffer),
    createLink: bind(db, createLink),
    createClick: bind(db, createClick),
    createConversion: bind(db, createConversion),
    createStatement: bind(db, createStatement),
    createClawbackStatement: bind(db, createClawbackStatement),
    createInvoice: bind(db, createInvoice),
    createClawbackInvoice: bind(db, createClawbackInvoice),
    approveStatement: bind(db, approveStatement),
    payStatement: bind(db, payStatement),
    voidStatement: bind(db, voidStatement),
    approveInvoice: bind(db, approveInvoice),
    payInvoice: bind(db, payInvoice),
    voidInvoice: bind(db, voidInvoice),
    createPayment: bind(db, createPayment),
  };
}

export type Factories = ReturnType<typeof bindFactories>;
