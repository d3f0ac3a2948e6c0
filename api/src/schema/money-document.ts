// One "money document" module for a kind — payout statements or advertiser invoices: the document and
// line types, the list/one/totals queries and the finance mutations (generate, approve under the
// two-person rule, mark paid, void). The kinds share one life cycle and one shape, so this is written
// once; what really differs is named by the caller (MoneyDocumentSpec): GraphQL names and wording,
// who may see which documents, which Prisma table, and how a run finds what is due (generation rules
// differ: statements wait for the hold and the publisher's minimum, invoices do not).
import type { AdvertiserInvoice, Db, PayoutStatement } from "@leadrail/db";
import { formatMinor } from "@leadrail/db";
import { paidAt, paymentReference, periodEnd, voidReason } from "@leadrail/db/money-document-input";
import { builder } from "../builder.ts";
import type { Context, Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import { approveDocument, markDocumentPaid, voidDocument } from "../payouts/document-actions.ts";
import type { GenerateOptions, GenerationResult } from "../payouts/generate-documents.ts";
import { parseDocumentId } from "../payouts/ids.ts";
import type { DocumentKind } from "../payouts/kinds.ts";
import type { CarriedForward } from "../payouts/plan.ts";
import {
  CarriedForwardRef,
  CurrencyCode,
  CurrencyTotalRef,
  DocumentStatusEnum,
  financeOnly,
  LineKindEnum,
  requireFinance,
} from "./money-document-types.ts";

/** What belongs together per kind, so a spec cannot pair one kind's model with another's table. */
interface KindModels {
  PayoutStatement: { line: "PayoutStatementLine"; ownerIdField: "publisherId"; row: PayoutStatement };
  AdvertiserInvoice: { line: "InvoiceLine"; ownerIdField: "advertiserId"; row: AdvertiserInvoice };
}
type DocumentModel = keyof KindModels;
type DocumentStatus = "DRAFT" | "APPROVED" | "PAID" | "VOID";

/**
 * A Prisma where-clause for one kind's documents. Built here from the spec's own pieces (its visibility
 * scope and owner column) and handed back to that kind's table only, so the two kinds never mix.
 */
// biome-ignore lint/complexity/noBannedTypes: an opaque Prisma where-input, only passed through
type DocumentWhere = {};

/** The calls this module makes on a kind's Prisma delegate (db.payoutStatement, db.advertiserInvoice). */
export interface DocumentTable<DocumentRow> {
  findMany(args: { where: DocumentWhere; orderBy: { id: "asc" | "desc" } }): Promise<DocumentRow[]>;
  findFirst(args: { where: DocumentWhere }): Promise<DocumentRow | null>;
  findUniqueOrThrow(args: { where: { id: number } }): Promise<DocumentRow>;
  groupBy(args: {
    by: ["currency"];
    where: DocumentWhere;
    _sum: { total: true };
    _count: { _all: true };
    orderBy: { currency: "asc" };
  }): Promise<{ currency: string; _sum: { total: bigint | null }; _count: { _all: number } }[]>;
}

export interface MoneyDocumentSpec<M extends DocumentModel = DocumentModel> {
  kind: DocumentKind;
  model: M;
  lineModel: KindModels[M]["line"];
  /** The owner account: its filter argument (`publisherId`) and its noun in messages. */
  owner: { idField: KindModels[M]["ownerIdField"]; noun: "publisher" | "advertiser" };
  /** "Statement" / "Invoice": the regular GraphQL names (approveStatement, …) are built from it. */
  title: string;
  /** The totals query: not regular (payoutTotals, invoiceTotals). */
  totalsField: string;
  /** "payable" / "billable": what a document's conversions are to its kind. */
  due: string;
  /** The owner account as a viewer of its own documents ("a publisher", "an advertiser"). */
  ownerViewer: string;
  /** Descriptions whose wording really differs between kinds. */
  descriptions: { generate: string; markPaid: string };
  /** The documents `viewer` may read; null when none (someone else's document is not found). */
  visible(viewer: Viewer | null): DocumentWhere | null;
  table(db: Db): DocumentTable<KindModels[M]["row"]>;
  generate(db: Db, options: GenerateOptions): Promise<GenerationResult>;
}

interface FilterArgs {
  status?: DocumentStatus | null;
  currency?: string | null;
  [ownerIdField: string]: unknown;
}

function documentWhere(
  spec: MoneyDocumentSpec,
  viewer: Viewer | null,
  filter: FilterArgs | null | undefined,
): DocumentWhere | null {
  const scope = spec.visible(viewer);
  if (!scope) return null;
  const where: DocumentWhere[] = [scope];
  if (filter?.status) where.push({ status: filter.status });
  const ownerId = filter?.[spec.owner.idField];
  if (ownerId != null) {
    where.push({ [spec.owner.idField]: parseDocumentId(ownerId as string | number, spec.owner.noun) });
  }
  if (filter?.currency != null) {
    if (!CurrencyCode.test(filter.currency)) {
      throw new DomainError("invalid_input", "currency must be an ISO 4217 code such as USD");
    }
    where.push({ currency: filter.currency });
  }
  return { AND: where };
}

interface GenerationShape {
  ids: number[];
  carriedForward: CarriedForward[];
}

export function defineMoneyDocument<M extends DocumentModel>(spec: MoneyDocumentSpec<M>): void {
  defineKind(spec);
}

// Not generic: Pothos resolves its field types against the union of both models, which it can check.
function defineKind(spec: MoneyDocumentSpec): void {
  const { noun } = spec.kind;
  const plural = `${noun}s`;
  const listField = `${spec.model[0]?.toLowerCase()}${spec.model.slice(1)}s`;

  builder.prismaObject(spec.lineModel, {
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

  builder.prismaObject(spec.model, {
    fields: (t) => ({
      id: t.exposeID("id"),
      currency: t.exposeString("currency"),
      periodEnd: t.expose("periodEnd", { type: "DateTime" }),
      status: t.expose("status", { type: DocumentStatusEnum }),
      total: t.expose("total", { type: "BigInt", description: "Minor units; always the sum of the lines." }),
      totalDecimal: t.string({
        description: "The total in major units as an exact decimal string.",
        resolve: (document) => formatMinor(document.total, document.currency),
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

  const Filter = builder.inputType(`${spec.model}Filter`, {
    fields: (t) => ({
      status: t.field({ type: DocumentStatusEnum }),
      [spec.owner.idField]: t.id(),
      currency: t.string(),
    }),
  });

  builder.queryField(listField, (t) =>
    t.prismaConnection({
      type: spec.model,
      cursor: "id",
      description: `Newest first. Finance and admins see all ${plural}, ${spec.ownerViewer} its own, anyone else none.`,
      authScopes: { loggedIn: true },
      errors: { types: [DomainError] },
      args: { filter: t.arg({ type: Filter }) },
      resolve: async (query, _root, args, ctx) => {
        const where = documentWhere(spec, ctx.viewer, args.filter);
        if (!where) return [];
        return spec.table(ctx.db).findMany({ ...query, where, orderBy: { id: "desc" } });
      },
    }),
  );

  builder.queryField(listField.slice(0, -1), (t) =>
    t.prismaField({
      type: spec.model,
      authScopes: { loggedIn: true },
      errors: { types: [DomainError] },
      args: { id: t.arg.id({ required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const id = parseDocumentId(args.id, noun);
        const scope = spec.visible(ctx.viewer);
        const document = scope
          ? await spec.table(ctx.db).findFirst({ ...query, where: { AND: [scope, { id }] } })
          : null;
        if (!document) throw new DomainError("not_found", `${noun} ${id} not found`);
        return document;
      },
    }),
  );

  builder.queryField(spec.totalsField, (t) =>
    t.field({
      type: [CurrencyTotalRef],
      description: `${spec.title} totals in \`status\`, one row per currency (what you may see).`,
      authScopes: { loggedIn: true },
      args: { status: t.arg({ type: DocumentStatusEnum, required: true }) },
      resolve: async (_root, args, ctx) => {
        const scope = spec.visible(ctx.viewer);
        if (!scope) return [];
        const rows = await spec.table(ctx.db).groupBy({
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

  const Generation = builder.objectRef<GenerationShape>(`${spec.model}Generation`).implement({
    fields: (t) => ({
      [plural]: t.prismaField({
        type: [spec.model],
        description: `The DRAFT ${plural} this run created (none when nothing new was ${spec.due}).`,
        resolve: (query, parent, _args, ctx) =>
          spec.table(ctx.db).findMany({
            ...query,
            where: { id: { in: parent.ids } },
            orderBy: { id: "asc" },
          }),
      }),
      carriedForward: t.field({ type: [CarriedForwardRef], resolve: (parent) => parent.carriedForward }),
    }),
  });

  builder.mutationField(`generate${spec.model}s`, (t) =>
    t.field({
      type: Generation,
      description: spec.descriptions.generate,
      ...financeOnly,
      errors: { types: [DomainError] },
      args: { periodEnd: t.arg({ type: "DateTime", required: true, validate: periodEnd }) },
      resolve: async (_root, args, ctx) => {
        const viewer = requireFinance(ctx.viewer);
        const result = await spec.generate(ctx.db, { periodEnd: args.periodEnd, actorUserId: viewer.userId });
        return { ids: result.documentIds, carriedForward: result.plan.carriedForward };
      },
    }),
  );

  /** The finance actions' common part: who may act, which document, and the document as it is after. */
  const act =
    <Args extends { id: string | number }>(
      action: (db: Db, id: number, actorUserId: number, args: Args) => Promise<unknown>,
    ) =>
    async (query: object, _root: unknown, args: Args, ctx: Context) => {
      const viewer = requireFinance(ctx.viewer);
      const id = parseDocumentId(args.id, noun);
      await action(ctx.db, id, viewer.userId, args);
      return spec.table(ctx.db).findUniqueOrThrow({ ...query, where: { id } });
    };
  const action = { type: spec.model, ...financeOnly, errors: { types: [DomainError] } };

  builder.mutationField(`approve${spec.title}`, (t) =>
    t.prismaField({
      ...action,
      description: `DRAFT → APPROVED. Whoever generated the ${noun} cannot approve it (two-person rule).`,
      args: { id: t.arg.id({ required: true }) },
      resolve: act((db, id, actorUserId) => approveDocument(db, spec.kind, { id, actorUserId })),
    }),
  );

  builder.mutationField(`mark${spec.title}Paid`, (t) =>
    t.prismaField({
      ...action,
      description: spec.descriptions.markPaid,
      args: {
        id: t.arg.id({ required: true }),
        reference: t.arg.string({ required: true, validate: paymentReference }),
        paidAt: t.arg({ type: "DateTime", required: true, validate: paidAt }),
      },
      resolve: act(
        (db, id, actorUserId, { reference, paidAt }: { id: string; reference: string; paidAt: Date }) =>
          markDocumentPaid(db, spec.kind, { id, actorUserId, reference, paidAt }),
      ),
    }),
  );

  builder.mutationField(`void${spec.title}`, (t) =>
    t.prismaField({
      ...action,
      description: `DRAFT or APPROVED → VOID. Its conversions become ${spec.due} again on the next run.`,
      args: {
        id: t.arg.id({ required: true }),
        reason: t.arg.string({ required: true, validate: voidReason }),
      },
      resolve: act((db, id, actorUserId, { reason }: { id: string; reason: string }) =>
        voidDocument(db, spec.kind, { id, actorUserId, reason }),
      ),
    }),
  );
}
