// Finance's side of the demo: payout statements to publishers and invoices to advertisers for an older
// period (paid, with payments), and drafts for the period that just closed.
//
// A line is written for what was true when the document was generated, not for today's status: two
// app orders were paid and invoiced, then charged back (see traffic.ts), so the old documents pay them
// and the drafts claw them back. That is also why planned conversions keep approvedAt / reversedAt.
import type { Faker } from "@faker-js/faker";
import type { Prisma } from "../src/index.ts";
import { addMs, DAY, HOUR, startOfUtcDay } from "./randomness.ts";
import type { PlannedConversion, Traffic } from "./traffic.ts";
import { byKey, type World } from "./world.ts";

export type DocumentStatus = "DRAFT" | "APPROVED" | "PAID";

interface LineRow {
  id: bigint;
  conversionId: string;
  kind: "PAYOUT" | "CLAWBACK";
  amount: bigint;
}

/** A statement or invoice: inserted as DRAFT with its lines, then moved to `status` (the DB insists). */
export interface PlannedDocument {
  type: "statement" | "invoice";
  id: number;
  /** publisherId for statements, advertiserId for invoices. */
  accountId: number;
  currency: string;
  periodEnd: Date;
  status: DocumentStatus;
  total: bigint;
  generatedById: number;
  generatedAt: Date;
  approvedById: number | null;
  approvedAt: Date | null;
  paidAt: Date | null;
  lines: LineRow[];
}

export interface Money {
  statements: PlannedDocument[];
  invoices: PlannedDocument[];
  payments: Prisma.PaymentCreateManyInput[];
  /** Without ids: seed.ts merges these with other audit entries and numbers them by time. */
  audit: (Omit<Prisma.AuditLogCreateManyInput, "id"> & { createdAt: Date })[];
}

interface Period {
  end: Date;
  generatedAt: Date;
  approvedAt: Date;
  paidAt: Date;
}

/** The half-month that closed two weeks ago (settled by now) and the one that closed yesterday. */
export function periods(now: Date): { old: Period; recent: Period } {
  const today = startOfUtcDay(now);
  const oldEnd = addMs(today, -14 * DAY);
  const recentEnd = addMs(today, -DAY);
  return {
    old: {
      end: oldEnd,
      generatedAt: addMs(oldEnd, DAY + 9 * HOUR),
      approvedAt: addMs(oldEnd, 2 * DAY + 11 * HOUR),
      paidAt: addMs(oldEnd, 4 * DAY + 15 * HOUR),
    },
    // Only generated, just now; approval and payment are for the demo user to do. Generated at `now`,
    // not earlier: a lead reversed between generation and now would leave a PAYOUT line the platform
    // refuses to approve ("no longer approved: void it and generate again"), and whether one was
    // reversed in that gap depended on the hour the seed ran at.
    recent: { end: recentEnd, generatedAt: now, approvedAt: now, paidAt: now },
  };
}

export function planMoney(faker: Faker, world: World, traffic: Traffic): Money {
  const { old, recent } = periods(world.now);
  const statements: PlannedDocument[] = [];
  const invoices: PlannedDocument[] = [];
  const payments: Prisma.PaymentCreateManyInput[] = [];
  const audit: Money["audit"] = [];
  const paidOut = new Set<string>();
  const invoiced = new Set<string>();
  let lineId = 0n;
  let invoiceLineId = 0n;

  const reversedBy = (c: PlannedConversion, at: Date) => c.reversedAt !== undefined && c.reversedAt <= at;

  /** Lines for one account and currency as of `period`; marks what they cover as no longer open. */
  function linesFor(
    conversions: PlannedConversion[],
    period: Period,
    covered: Set<string>,
    amount: (c: PlannedConversion) => bigint,
    payable: (c: PlannedConversion) => boolean,
    nextId: () => bigint,
  ): LineRow[] {
    const lines: LineRow[] = [];
    for (const c of conversions) {
      const id = c.row.id;
      if (!covered.has(id) && c.approvedAt && c.approvedAt < period.end && payable(c)) {
        if (!reversedBy(c, period.generatedAt)) {
          lines.push({ id: nextId(), conversionId: id, kind: "PAYOUT", amount: amount(c) });
          covered.add(id);
        }
      } else if (covered.has(id) && reversedBy(c, period.generatedAt)) {
        lines.push({ id: nextId(), conversionId: id, kind: "CLAWBACK", amount: -amount(c) });
        covered.delete(id);
      }
    }
    return lines;
  }

  function record(doc: PlannedDocument, entityType: string, prefix: string, accountLabel: string) {
    const ref = String(doc.id);
    audit.push({
      actorUserId: doc.generatedById,
      actorLabel: "seed",
      action: `${prefix}.generated`,
      entityType,
      entityId: ref,
      before: undefined,
      after: {
        status: "DRAFT",
        account: accountLabel,
        currency: doc.currency,
        periodEnd: doc.periodEnd.toISOString(),
        total: doc.total.toString(),
        lines: doc.lines.length,
      },
      createdAt: doc.generatedAt,
    });
    if (doc.approvedAt && doc.approvedById) {
      audit.push({
        actorUserId: doc.approvedById,
        actorLabel: "seed",
        action: `${prefix}.approved`,
        entityType,
        entityId: ref,
        before: { status: "DRAFT" },
        after: { status: "APPROVED", approvedById: doc.approvedById },
        createdAt: doc.approvedAt,
      });
    }
    if (doc.paidAt) {
      const paymentId = payments.length + 1;
      const reference =
        doc.type === "statement"
          ? `WIRE-${doc.paidAt.toISOString().slice(0, 10).replace(/-/g, "")}-${faker.string.numeric(6)}`
          : `BANK-IN-${faker.string.alphanumeric({ length: 10, casing: "upper" })}`;
      payments.push({
        id: paymentId,
        statementId: doc.type === "statement" ? doc.id : null,
        invoiceId: doc.type === "invoice" ? doc.id : null,
        amount: doc.total,
        currency: doc.currency,
        reference,
        paidAt: doc.paidAt,
        recordedById: doc.generatedById,
        createdAt: addMs(doc.paidAt, 20 * 60_000),
      });
      audit.push({
        actorUserId: doc.generatedById,
        actorLabel: "seed",
        action: `${prefix}.paid`,
        entityType,
        entityId: ref,
        before: { status: "APPROVED" },
        after: { status: "PAID", paidAt: doc.paidAt.toISOString() },
        createdAt: addMs(doc.paidAt, 20 * 60_000),
      });
      audit.push({
        actorUserId: doc.generatedById,
        actorLabel: "seed",
        action: "payment.recorded",
        entityType: "Payment",
        entityId: String(paymentId),
        before: undefined,
        after: { [`${doc.type}Id`]: doc.id, amount: doc.total.toString(), currency: doc.currency, reference },
        createdAt: addMs(doc.paidAt, 20 * 60_000),
      });
    }
  }

  function document(
    type: PlannedDocument["type"],
    id: number,
    accountId: number,
    currency: string,
    period: Period,
    status: DocumentStatus,
    lines: LineRow[],
  ): PlannedDocument {
    return {
      type,
      id,
      accountId,
      currency,
      periodEnd: period.end,
      status,
      total: lines.reduce((sum, l) => sum + l.amount, 0n),
      // Two-person rule: one finance user generates (and records payments), the other approves.
      generatedById: world.finance,
      generatedAt: period.generatedAt,
      approvedById: status === "DRAFT" ? null : world.finance2,
      approvedAt: status === "DRAFT" ? null : period.approvedAt,
      paidAt: status === "PAID" ? period.paidAt : null,
      lines,
    };
  }

  // ── payout statements ──
  const statement = (publisherKey: string, period: Period, status: DocumentStatus): boolean => {
    const publisher = byKey(world.publishers, publisherKey);
    const currency = publisher.def.payoutCurrency;
    const mine = traffic.conversions.filter((c) => c.publisher === publisher && c.row.currency === currency);
    const covered = new Set(paidOut);
    const lines = linesFor(
      mine,
      period,
      covered,
      (c) => c.row.payout,
      // Paid only once the offer's hold (the advertiser's chance to reject) is over.
      (c) => addMs(c.row.convertedAt, c.offer.def.holdDays * DAY) <= period.end,
      () => ++lineId,
    );
    const total = lines.reduce((sum, l) => sum + l.amount, 0n);
    // Below the publisher's minimum the amount carries forward: no statement this period.
    if (lines.length === 0 || total < publisher.def.minimumPayout) {
      lineId -= BigInt(lines.length);
      return false;
    }
    for (const id of mine.map((c) => c.row.id)) {
      if (covered.has(id)) paidOut.add(id);
      else paidOut.delete(id);
    }
    const doc = document("statement", statements.length + 1, publisher.id, currency, period, status, lines);
    statements.push(doc);
    record(doc, "PayoutStatement", "statement", publisher.def.name);
    return true;
  };

  let paid = 0;
  for (const key of ["arbitragelab", "seogarden", "nativepulse", "pushtraffic"]) {
    if (paid < 2 && statement(key, old, "PAID")) paid++;
  }
  statement("arbitragelab", recent, "DRAFT");
  statement("socialbees", recent, "DRAFT");

  // ── advertiser invoices ──
  const invoice = (advertiserKey: string, currency: string, period: Period, status: DocumentStatus) => {
    const advertiser = byKey(world.advertisers, advertiserKey);
    const mine = traffic.conversions.filter(
      (c) => c.offer.advertiser === advertiser && c.row.currency === currency,
    );
    const covered = new Set(invoiced);
    const lines = linesFor(
      mine,
      period,
      covered,
      (c) => c.row.revenue,
      () => true,
      () => ++invoiceLineId,
    );
    if (lines.length === 0) return;
    for (const id of mine.map((c) => c.row.id)) {
      if (covered.has(id)) invoiced.add(id);
      else invoiced.delete(id);
    }
    const doc = document("invoice", invoices.length + 1, advertiser.id, currency, period, status, lines);
    if (status === "PAID") doc.paidAt = addMs(period.paidAt, 4 * DAY); // advertisers pay on net terms
    invoices.push(doc);
    record(doc, "AdvertiserInvoice", "invoice", advertiser.def.name);
  };

  invoice("sushiwave", "USD", old, "PAID");
  invoice("nordline", "EUR", old, "APPROVED");
  invoice("sushiwave", "USD", recent, "DRAFT");

  return { statements, invoices, payments, audit };
}
