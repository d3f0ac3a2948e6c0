// Payout statements (what the network owes publishers): types, queries, and the finance mutations that
// generate, approve, pay and void them. Shared document types (status, line kind, payment, totals) live
// here too; advertiser invoices are in payouts-invoices.ts. The rules are in src/payouts/.
import type { Prisma } from "@leadrail/db";
import { formatMinor } from "@leadrail/db";
import { builder } from "../builder.ts";
import type { Context, Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { approveDocument, markDocumentPaid, voidDocument } from "../payouts/document-actions.ts";
import { generatePayoutStatements } from "../payouts/generate-statements.ts";
import { parseDocumentId } from "../payouts/ids.ts";
import { STATEMENTS } from "../payouts/kinds.ts";
import type { CarriedForward } from "../payouts/plan.ts";
import { visibleStatements } from "../payouts/visibility.ts";

// ───────────── shared by statements and invoices ─────────────

export const DocumentStatusEnum = builder.enumType("DocumentStatus", {
  description:
    "DRAFT → APPROVED (by someone other than whoever generated it) → PAID; DRAFT or APPROVED → VOID.",
  values: ["DRAFT", "APPROVED", "PAID", "VOID"] as const,
});

export const LineKindEnum = builder.enumType("LineKind", {
  description: "PAYOUT: an approved conversion (≥ 0). CLAWBACK: a paid conversion later reversed (≤ 0).",
  values: ["PAYOUT", "CLAWBACK"] as const,
});

/**
 * Finance and admins only. A scope map means "any of": FINANCE, or (nested) ADMIN. The refusal is a
 * DomainError, which the errors plugin turns into the typed union member (builder.ts lists the errors
 * plugin before scope-auth so that it can catch it).
 */
export const financeScopes = { role: "FINANCE", $any: { role: "ADMIN" } } as const;
export const financeOnly = {
  authScopes: financeScopes,
  unauthorizedError: (_parent: unknown, _args: unknown, ctx: Context) =>
    ctx.viewer
      ? new DomainError("forbidden", "finance or admin role required")
      : new DomainError("unauthenticated", "send an API key or session token: Authorization: Bearer <token>"),
};

/** Reject with the viewer's own `forbidden` when the scope check has not (defence in depth). */
export function requireFinance(viewer: Viewer | null): Viewer {
  if (viewer?.role !== "FINANCE" && viewer?.role !== "ADMIN") {
    throw new DomainError("forbidden", "finance or admin role required");
  }
  return viewer;
}

export const CurrencyCode = /^[A-Z]{3}$/;

builder.prismaObject("Payment", {
  fields: (t) => ({
    id: t.exposeID("id"),
    amount: t.expose("amount", { type: "BigInt", description: "Minor units of `currency`." }),
    amountDecimal: t.string({
      description: 'The amount in major units as an exact decimal string ("1234.50").',
      resolve: (payment) => formatMinor(payment.amount, payment.currency),
    }),
    currency: t.exposeString("currency"),
    reference: t.exposeString("reference"),
    paidAt: t.expose("paidAt", { type: "DateTime" }),
    recordedById: t.exposeID("recordedById", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export interface CurrencyTotalShape {
  currency: string;
  amount: bigint;
  count: number;
}

export const CurrencyTotalRef = builder.objectRef<CurrencyTotalShape>("CurrencyTotal").implement({
  description: "The sum of document totals in one currency (never added across currencies).",
  fields: (t) => ({
    currency: t.exposeString("currency"),
    amount: t.expose("amount", { type: "BigInt", description: "Minor units." }),
    amountDecimal: t.string({ resolve: (row) => formatMinor(row.amount, row.currency) }),
    count: t.exposeInt("count", { description: "How many documents." }),
  }),
});

export const CarriedForwardRef = builder.objectRef<CarriedForward>("CarriedForward").implement({
  description:
    "An account and currency with open lines but no document this run: below the minimum payout, or " +
    "clawbacks outweigh earnings. Nothing is stored; the next run picks the lines up again.",
  fields: (t) => ({
    accountId: t.id({
      description: "Publisher (statements) or advertiser (invoices).",
      resolve: (c) => c.ownerId,
    }),
    currency: t.exposeString("currency"),
    amount: t.expose("total", { type: "BigInt", description: "The net open amount, minor units." }),
    amountDecimal: t.string({ resolve: (c) => formatMinor(c.total, c.currency) }),
    minimum: t.expose("minimum", { type: "BigInt" }),
    lineCount: t.exposeInt("lineCount"),
    reason: t.exposeString("reason", { description: "below_minimum or not_positive." }),
  }),
});

// ───────────── statements ─────────────

builder.prismaObject("PayoutStatementLine", {
  fields: (t) => ({
    id: t.id({ resolve: (line) => line.id.toString() }),
    kind: t.expose("kind", { type: LineKindEnum }),
    amount: t.expose("amount", { type: "BigInt", description: "Minor units; negative for a CLAWBACK." }),
    amountDecimal: t.string({
      select: { amount: true, conversion: { select: { currency: true } } },
      resolve: (line) => formatMinor(line.amount, line.conversion.currency),
    }),
    conversionId: t.exposeID("conversionId"),
    offerId: t.id({
      select: { conversion: { select: { offerId: true } } },
      resolve: (line) => line.conversion.offerId,
    }),
    offerName: t.string({
      select: { conversion: { select: { offer: { select: { name: true } } } } },
      resolve: (line) => line.conversion.offer.name,
    }),
    convertedAt: t.field({
      type: "DateTime",
      select: { conversion: { select: { convertedAt: true } } },
      resolve: (line) => line.conversion.convertedAt,
    }),
  }),
});

builder.prismaObject("PayoutStatement", {
  fields: (t) => ({
    id: t.exposeID("id"),
    publisher: t.relation("publisher"),
    currency: t.exposeString("currency"),
    periodEnd: t.expose("periodEnd", { type: "DateTime" }),
    status: t.expose("status", { type: DocumentStatusEnum }),
    total: t.expose("total", { type: "BigInt", description: "Minor units; always the sum of the lines." }),
    totalDecimal: t.string({
      description: "The total in major units as an exact decimal string.",
      resolve: (statement) => formatMinor(statement.total, statement.currency),
    }),
    generatedById: t.exposeID("generatedById", { nullable: true }),
    approvedById: t.exposeID("approvedById", { nullable: true }),
    approvedAt: t.expose("approvedAt", { type: "DateTime", nullable: true }),
    paidAt: t.expose("paidAt", { type: "DateTime", nullable: true }),
    voidedAt: t.expose("voidedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lineCount: t.relationCount("lines"),
    lines: t.relatedConnection("lines", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: { id: "asc" } },
    }),
    payments: t.relation("payments", { query: { orderBy: { id: "asc" } } }),
  }),
});

const PayoutStatementFilter = builder.inputType("PayoutStatementFilter", {
  fields: (t) => ({
    status: t.field({ type: DocumentStatusEnum }),
    publisherId: t.id(),
    currency: t.string(),
  }),
});

function statementWhere(
  viewer: Viewer | null,
  filter:
    | { status?: string | null; publisherId?: string | number | null; currency?: string | null }
    | null
    | undefined,
): Prisma.PayoutStatementWhereInput | null {
  const scope = visibleStatements(viewer);
  if (!scope) return null;
  const where: Prisma.PayoutStatementWhereInput[] = [scope];
  if (filter?.status) where.push({ status: filter.status as Prisma.PayoutStatementWhereInput["status"] });
  if (filter?.publisherId != null)
    where.push({ publisherId: parseDocumentId(filter.publisherId, "publisher") });
  if (filter?.currency != null) {
    if (!CurrencyCode.test(filter.currency)) {
      throw new DomainError("invalid_input", "currency must be an ISO 4217 code such as USD");
    }
    where.push({ currency: filter.currency });
  }
  return { AND: where };
}

builder.queryField("payoutStatements", (t) =>
  t.prismaConnection({
    type: "PayoutStatement",
    cursor: "id",
    description:
      "Newest first. Finance and admins see all statements, a publisher its own, anyone else none.",
    authScopes: { loggedIn: true },
    errors: { types: [DomainError] },
    args: { filter: t.arg({ type: PayoutStatementFilter }) },
    resolve: async (query, _root, args, ctx) => {
      const where = statementWhere(ctx.viewer, args.filter);
      if (!where) return [];
      return ctx.db.payoutStatement.findMany({ ...query, where, orderBy: { id: "desc" } });
    },
  }),
);

builder.queryField("payoutStatement", (t) =>
  t.prismaField({
    type: "PayoutStatement",
    authScopes: { loggedIn: true },
    errors: { types: [DomainError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = parseDocumentId(args.id, "statement");
      const scope = visibleStatements(ctx.viewer);
      const statement = scope
        ? await ctx.db.payoutStatement.findFirst({ ...query, where: { AND: [scope, { id }] } })
        : null;
      if (!statement) throw new DomainError("not_found", `statement ${id} not found`);
      return statement;
    },
  }),
);

builder.queryField("payoutTotals", (t) =>
  t.field({
    type: [CurrencyTotalRef],
    description: "Statement totals in `status`, one row per currency (what you may see).",
    authScopes: { loggedIn: true },
    args: { status: t.arg({ type: DocumentStatusEnum, required: true }) },
    resolve: async (_root, args, ctx) => {
      const scope = visibleStatements(ctx.viewer);
      if (!scope) return [];
      const rows = await ctx.db.payoutStatement.groupBy({
        by: ["currency"],
        where: { AND: [scope, { status: args.status }] },
        _sum: { total: true },
        _count: { _all: true },
        orderBy: { currency: "asc" },
      });
      return rows.map((row) => ({
        currency: row.currency,
        amount: row._sum.total ?? 0n,
        count: row._count._all,
      }));
    },
  }),
);

// ───────────── finance mutations ─────────────

interface GenerationShape {
  ids: number[];
  carriedForward: CarriedForward[];
}

const StatementGeneration = builder.objectRef<GenerationShape>("PayoutStatementGeneration").implement({
  fields: (t) => ({
    statements: t.prismaField({
      type: ["PayoutStatement"],
      description: "The DRAFT statements this run created (none when nothing new was payable).",
      resolve: (query, parent, _args, ctx) =>
        ctx.db.payoutStatement.findMany({
          ...query,
          where: { id: { in: parent.ids } },
          orderBy: { id: "asc" },
        }),
    }),
    carriedForward: t.field({ type: [CarriedForwardRef], resolve: (parent) => parent.carriedForward }),
  }),
});

builder.mutationField("generatePayoutStatements", (t) =>
  t.field({
    type: StatementGeneration,
    description:
      "Creates a DRAFT statement per publisher and currency for everything payable by `periodEnd` " +
      "(approved conversions past their hold, on no live statement) less clawbacks of reversed paid " +
      "ones. Totals below the publisher's minimum carry forward. Running it again creates nothing new.",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: { periodEnd: t.arg({ type: "DateTime", required: true }) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireFinance(ctx.viewer);
      const result = await generatePayoutStatements(ctx.db, {
        periodEnd: args.periodEnd,
        actorUserId: viewer.userId,
      });
      return { ids: result.documentIds, carriedForward: result.plan.carriedForward };
    },
  }),
);

builder.mutationField("approveStatement", (t) =>
  t.prismaField({
    type: "PayoutStatement",
    description: "DRAFT → APPROVED. Whoever generated the statement cannot approve it (two-person rule).",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireFinance(ctx.viewer);
      const id = parseDocumentId(args.id, "statement");
      await approveDocument(ctx.db, STATEMENTS, { id, actorUserId: viewer.userId });
      return ctx.db.payoutStatement.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField("markStatementPaid", (t) =>
  t.prismaField({
    type: "PayoutStatement",
    description: "APPROVED → PAID, recording a payment of the total with the bank `reference`.",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: {
      id: t.arg.id({ required: true }),
      reference: t.arg.string({ required: true }),
      paidAt: t.arg({ type: "DateTime", required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireFinance(ctx.viewer);
      const id = parseDocumentId(args.id, "statement");
      await markDocumentPaid(ctx.db, STATEMENTS, {
        id,
        actorUserId: viewer.userId,
        reference: args.reference,
        paidAt: args.paidAt,
      });
      return ctx.db.payoutStatement.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField("voidStatement", (t) =>
  t.prismaField({
    type: "PayoutStatement",
    description: "DRAFT or APPROVED → VOID. Its conversions become payable again on the next run.",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireFinance(ctx.viewer);
      const id = parseDocumentId(args.id, "statement");
      await voidDocument(ctx.db, STATEMENTS, { id, actorUserId: viewer.userId, reason: args.reason });
      return ctx.db.payoutStatement.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
