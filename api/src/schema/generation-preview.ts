// Finance's preview of a generation run: what generatePayoutStatements / generateAdvertiserInvoices
// would create for a period end, computed by the same planning step (payouts/generate-documents.ts
// planRun → plan.ts) and written nowhere. Names of accounts and offers are looked up once per preview.
import { type Db, formatMinor } from "@leadrail/db";
import { periodEnd } from "@leadrail/db/money-document-input";
import { builder } from "../builder.ts";
import { DomainError } from "../errors.ts";
import { previewAdvertiserInvoices } from "../payouts/generate-invoices.ts";
import { previewPayoutStatements } from "../payouts/generate-statements.ts";
import type { LineKind, Plan } from "../payouts/plan.ts";
import { financeOnly, LineKindEnum, requireFinance } from "./money-document-types.ts";

interface PreviewLine {
  conversionId: string;
  kind: LineKind;
  amount: bigint;
  currency: string;
  offerId: number;
  offerName: string;
  convertedAt: Date;
}

interface PreviewDocument {
  accountId: number;
  accountName: string;
  currency: string;
  total: bigint;
  lines: PreviewLine[];
}

interface PreviewCarried {
  accountId: number;
  accountName: string;
  currency: string;
  total: bigint;
  minimum: bigint;
  lineCount: number;
  reason: string;
}

interface Preview {
  documents: PreviewDocument[];
  carriedForward: PreviewCarried[];
}

const sumOf = (lines: PreviewLine[], kind: LineKind) =>
  lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.amount, 0n);

const PreviewLineRef = builder.objectRef<PreviewLine>("GenerationPreviewLine").implement({
  fields: (t) => ({
    conversionId: t.exposeID("conversionId"),
    kind: t.expose("kind", { type: LineKindEnum }),
    amount: t.expose("amount", { type: "BigInt", description: "Minor units; negative for a CLAWBACK." }),
    amountDecimal: t.string({ resolve: (l) => formatMinor(l.amount, l.currency) }),
    offerId: t.exposeID("offerId"),
    offerName: t.exposeString("offerName"),
    convertedAt: t.expose("convertedAt", { type: "DateTime" }),
  }),
});

const PreviewDocumentRef = builder.objectRef<PreviewDocument>("GenerationPreviewDocument").implement({
  description: "A document the run would create: one per account and currency.",
  fields: (t) => ({
    accountId: t.exposeID("accountId", { description: "Publisher (statements) or advertiser (invoices)." }),
    accountName: t.exposeString("accountName"),
    currency: t.exposeString("currency"),
    total: t.expose("total", { type: "BigInt", description: "Minor units: the sum of the lines." }),
    totalDecimal: t.string({ resolve: (d) => formatMinor(d.total, d.currency) }),
    lineCount: t.int({ resolve: (d) => d.lines.length }),
    payoutTotal: t.field({ type: "BigInt", resolve: (d) => sumOf(d.lines, "PAYOUT") }),
    clawbackTotal: t.field({
      type: "BigInt",
      description: "The clawbacks carried into this document (≤ 0).",
      resolve: (d) => sumOf(d.lines, "CLAWBACK"),
    }),
    clawbackCount: t.int({ resolve: (d) => d.lines.filter((l) => l.kind === "CLAWBACK").length }),
    lines: t.field({ type: [PreviewLineRef], resolve: (d) => d.lines }),
  }),
});

const PreviewCarriedRef = builder.objectRef<PreviewCarried>("GenerationPreviewCarriedForward").implement({
  description: "An account and currency with open lines that the run would leave for the next one.",
  fields: (t) => ({
    accountId: t.exposeID("accountId"),
    accountName: t.exposeString("accountName"),
    currency: t.exposeString("currency"),
    amount: t.expose("total", { type: "BigInt", description: "The net open amount, minor units." }),
    amountDecimal: t.string({ resolve: (c) => formatMinor(c.total, c.currency) }),
    minimum: t.expose("minimum", { type: "BigInt" }),
    lineCount: t.exposeInt("lineCount"),
    reason: t.exposeString("reason", { description: "below_minimum or not_positive." }),
  }),
});

const PreviewRef = builder.objectRef<Preview>("GenerationPreview").implement({
  fields: (t) => ({
    documents: t.field({ type: [PreviewDocumentRef], resolve: (p) => p.documents }),
    carriedForward: t.field({ type: [PreviewCarriedRef], resolve: (p) => p.carriedForward }),
  }),
});

/** The plan with the names a person reads: two queries, however many lines. */
async function describePlan(
  db: Db,
  plan: Plan,
  accountNames: (ids: number[]) => Promise<{ id: number; name: string }[]>,
): Promise<Preview> {
  const accountIds = [
    ...new Set([...plan.documents, ...plan.carriedForward].map((document) => document.ownerId)),
  ];
  const conversionIds = plan.documents.flatMap((d) => d.lines.map((l) => l.conversionId));
  const [accounts, conversions] = await Promise.all([
    accountNames(accountIds),
    db.conversion.findMany({
      where: { id: { in: conversionIds } },
      select: { id: true, offerId: true, convertedAt: true, offer: { select: { name: true } } },
    }),
  ]);
  const nameOf = new Map(accounts.map((a) => [a.id, a.name]));
  const conversionOf = new Map(conversions.map((c) => [c.id, c]));
  return {
    documents: plan.documents.map((document) => ({
      accountId: document.ownerId,
      accountName: nameOf.get(document.ownerId) ?? `#${document.ownerId}`,
      currency: document.currency,
      total: document.total,
      lines: document.lines.map((line) => {
        const conversion = conversionOf.get(line.conversionId);
        if (!conversion) throw new Error(`conversion ${line.conversionId} vanished during the preview`);
        return {
          ...line,
          currency: document.currency,
          offerId: conversion.offerId,
          offerName: conversion.offer.name,
          convertedAt: conversion.convertedAt,
        };
      }),
    })),
    carriedForward: plan.carriedForward.map((carried) => ({
      ...carried,
      accountId: carried.ownerId,
      accountName: nameOf.get(carried.ownerId) ?? `#${carried.ownerId}`,
    })),
  };
}

builder.queryFields((t) => ({
  payoutStatementPreview: t.field({
    type: PreviewRef,
    description:
      "What generatePayoutStatements(periodEnd) would create now, per publisher and currency, and what " +
      "it would carry forward. Computed by the same planning code; writes nothing.",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: { periodEnd: t.arg({ type: "DateTime", required: true, validate: periodEnd }) },
    resolve: async (_root, args, ctx) => {
      requireFinance(ctx.viewer);
      const plan = await previewPayoutStatements(ctx.db, { periodEnd: args.periodEnd });
      return describePlan(ctx.db, plan, (ids) =>
        ctx.db.publisher.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
      );
    },
  }),
  advertiserInvoicePreview: t.field({
    type: PreviewRef,
    description:
      "What generateAdvertiserInvoices(periodEnd) would create now, per advertiser and currency, and " +
      "what it would carry forward. Computed by the same planning code; writes nothing.",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: { periodEnd: t.arg({ type: "DateTime", required: true, validate: periodEnd }) },
    resolve: async (_root, args, ctx) => {
      requireFinance(ctx.viewer);
      const plan = await previewAdvertiserInvoices(ctx.db, { periodEnd: args.periodEnd });
      return describePlan(ctx.db, plan, (ids) =>
        ctx.db.advertiser.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
      );
    },
  }),
}));
