// Who sees which documents. Finance and admins see every statement and invoice; a publisher sees its
// own statements, an advertiser its own invoices, both read-only. Someone else's document is simply
// not there (not found), never "forbidden", so ids reveal nothing.
import type { Prisma } from "@leadrail/db";
import type { Viewer } from "../context.ts";

export function isFinance(viewer: Viewer | null): boolean {
  return viewer?.role === "FINANCE" || viewer?.role === "ADMIN";
}

/** A where-clause for the statements `viewer` may read; null when they may read none. */
export function visibleStatements(viewer: Viewer | null): Prisma.PayoutStatementWhereInput | null {
  if (isFinance(viewer)) return {};
  if (viewer?.role === "PUBLISHER" && viewer.publisherId !== null) return { publisherId: viewer.publisherId };
  return null;
}

/** A where-clause for the invoices `viewer` may read; null when they may read none. */
export function visibleInvoices(viewer: Viewer | null): Prisma.AdvertiserInvoiceWhereInput | null {
  if (isFinance(viewer)) return {};
  if (viewer?.role === "ADVERTISER" && viewer.advertiserId !== null)
    return { advertiserId: viewer.advertiserId };
  return null;
}
