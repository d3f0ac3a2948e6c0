// What statements and invoices share in the GraphQL schema: document status, line kind, payment,
// totals by currency, carried-forward balances, and the finance-only guard. money-document.ts builds
// each kind's types and fields on these; payouts.ts and payouts-invoices.ts name the kinds.
import { formatMinor } from "@leadrail/db";
import { builder } from "../builder.ts";
import type { Context, Viewer } from "../context.ts";
import { DomainError } from "../errors.ts";
import type { CarriedForward } from "../payouts/plan.ts";

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
