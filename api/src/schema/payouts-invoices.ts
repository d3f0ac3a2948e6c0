// Advertiser invoices (what advertisers owe the network): the revenue-side mirror of payout statements,
// same life cycle and rules (src/payouts/), billed per advertiser and currency.
import type { Prisma } from "@leadrail/db";
import { formatMinor } from "@leadrail/db";
import { builder } from "../builder.ts";
import type { Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { approveDocument, markDocumentPaid, voidDocument } from "../payouts/document-actions.ts";
import { generateAdvertiserInvoices } from "../payouts/generate-invoices.ts";
import { parseDocumentId } from "../payouts/ids.ts";
import { INVOICES } from "../payouts/kinds.ts";
import type { CarriedForward } from "../payouts/plan.ts";
import { visibleInvoices } from "../payouts/visibility.ts";
import {
  CarriedForwardRef,
  CurrencyCode,
  CurrencyTotalRef,
  DocumentStatusEnum,
  financeOnly,
  LineKindEnum,
  requireFinance,
} from "./payouts.ts";

builder.prismaObject("InvoiceLine", {
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

builder.prismaObject("AdvertiserInvoice", {
  fields: (t) => ({
    id: t.exposeID("id"),
    advertiser: t.relation("advertiser"),
    currency: t.exposeString("currency"),
    periodEnd: t.expose("periodEnd", { type: "DateTime" }),
    status: t.expose("status", { type: DocumentStatusEnum }),
    total: t.expose("total", { type: "BigInt", description: "Minor units; always the sum of the lines." }),
    totalDecimal: t.string({
      description: "The total in major units as an exact decimal string.",
      resolve: (invoice) => formatMinor(invoice.total, invoice.currency),
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

const AdvertiserInvoiceFilter = builder.inputType("AdvertiserInvoiceFilter", {
  fields: (t) => ({
    status: t.field({ type: DocumentStatusEnum }),
    advertiserId: t.id(),
    currency: t.string(),
  }),
});

function invoiceWhere(
  viewer: Viewer | null,
  filter:
    | { status?: string | null; advertiserId?: string | number | null; currency?: string | null }
    | null
    | undefined,
): Prisma.AdvertiserInvoiceWhereInput | null {
  const scope = visibleInvoices(viewer);
  if (!scope) return null;
  const where: Prisma.AdvertiserInvoiceWhereInput[] = [scope];
  if (filter?.status) where.push({ status: filter.status as Prisma.AdvertiserInvoiceWhereInput["status"] });
  if (filter?.advertiserId != null) {
    where.push({ advertiserId: parseDocumentId(filter.advertiserId, "advertiser") });
  }
  if (filter?.currency != null) {
    if (!CurrencyCode.test(filter.currency)) {
      throw new DomainError("invalid_input", "currency must be an ISO 4217 code such as USD");
    }
    where.push({ currency: filter.currency });
  }
  return { AND: where };
}

builder.queryField("advertiserInvoices", (t) =>
  t.prismaConnection({
    type: "AdvertiserInvoice",
    cursor: "id",
    description:
      "Newest first. Finance and admins see all invoices, an advertiser its own, anyone else none.",
    authScopes: { loggedIn: true },
    errors: { types: [DomainError] },
    args: { filter: t.arg({ type: AdvertiserInvoiceFilter }) },
    resolve: async (query, _root, args, ctx) => {
      const where = invoiceWhere(ctx.viewer, args.filter);
      if (!where) return [];
      return ctx.db.advertiserInvoice.findMany({ ...query, where, orderBy: { id: "desc" } });
    },
  }),
);

builder.queryField("advertiserInvoice", (t) =>
  t.prismaField({
    type: "AdvertiserInvoice",
    authScopes: { loggedIn: true },
    errors: { types: [DomainError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = parseDocumentId(args.id, "invoice");
      const scope = visibleInvoices(ctx.viewer);
      const invoice = scope
        ? await ctx.db.advertiserInvoice.findFirst({ ...query, where: { AND: [scope, { id }] } })
        : null;
      if (!invoice) throw new DomainError("not_found", `invoice ${id} not found`);
      return invoice;
    },
  }),
);

builder.queryField("invoiceTotals", (t) =>
  t.field({
    type: [CurrencyTotalRef],
    description: "Invoice totals in `status`, one row per currency (what you may see).",
    authScopes: { loggedIn: true },
    args: { status: t.arg({ type: DocumentStatusEnum, required: true }) },
    resolve: async (_root, args, ctx) => {
      const scope = visibleInvoices(ctx.viewer);
      if (!scope) return [];
      const rows = await ctx.db.advertiserInvoice.groupBy({
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

interface GenerationShape {
  ids: number[];
  carriedForward: CarriedForward[];
}

const InvoiceGeneration = builder.objectRef<GenerationShape>("AdvertiserInvoiceGeneration").implement({
  fields: (t) => ({
    invoices: t.prismaField({
      type: ["AdvertiserInvoice"],
      description: "The DRAFT invoices this run created (none when nothing new was billable).",
      resolve: (query, parent, _args, ctx) =>
        ctx.db.advertiserInvoice.findMany({
          ...query,
          where: { id: { in: parent.ids } },
          orderBy: { id: "asc" },
        }),
    }),
    carriedForward: t.field({ type: [CarriedForwardRef], resolve: (parent) => parent.carriedForward }),
  }),
});

builder.mutationField("generateAdvertiserInvoices", (t) =>
  t.field({
    type: InvoiceGeneration,
    description:
      "Creates a DRAFT invoice per advertiser and currency for the revenue of conversions approved by " +
      "`periodEnd` (no hold period) on no live invoice, less credits for reversed invoiced ones. No " +
      "minimum. Running it again creates nothing new.",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: { periodEnd: t.arg({ type: "DateTime", required: true }) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireFinance(ctx.viewer);
      const result = await generateAdvertiserInvoices(ctx.db, {
        periodEnd: args.periodEnd,
        actorUserId: viewer.userId,
      });
      return { ids: result.documentIds, carriedForward: result.plan.carriedForward };
    },
  }),
);

builder.mutationField("approveInvoice", (t) =>
  t.prismaField({
    type: "AdvertiserInvoice",
    description: "DRAFT → APPROVED. Whoever generated the invoice cannot approve it (two-person rule).",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireFinance(ctx.viewer);
      const id = parseDocumentId(args.id, "invoice");
      await approveDocument(ctx.db, INVOICES, { id, actorUserId: viewer.userId });
      return ctx.db.advertiserInvoice.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField("markInvoicePaid", (t) =>
  t.prismaField({
    type: "AdvertiserInvoice",
    description: "APPROVED → PAID, recording the advertiser's payment of the total with its `reference`.",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: {
      id: t.arg.id({ required: true }),
      reference: t.arg.string({ required: true }),
      paidAt: t.arg({ type: "DateTime", required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireFinance(ctx.viewer);
      const id = parseDocumentId(args.id, "invoice");
      await markDocumentPaid(ctx.db, INVOICES, {
        id,
        actorUserId: viewer.userId,
        reference: args.reference,
        paidAt: args.paidAt,
      });
      return ctx.db.advertiserInvoice.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField("voidInvoice", (t) =>
  t.prismaField({
    type: "AdvertiserInvoice",
    description: "DRAFT or APPROVED → VOID. Its conversions become billable again on the next run.",
    ...financeOnly,
    errors: { types: [DomainError] },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireFinance(ctx.viewer);
      const id = parseDocumentId(args.id, "invoice");
      await voidDocument(ctx.db, INVOICES, { id, actorUserId: viewer.userId, reason: args.reason });
      return ctx.db.advertiserInvoice.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
