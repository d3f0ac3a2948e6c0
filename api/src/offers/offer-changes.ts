// What every change to an offer shares: the audit snapshot of its terms, the terms check with its
// field paths, the cap rows, and the row lock that makes a change see the offer it is changing.
import type { Offer, OfferCap, Prisma } from "@leadrail/db";
import * as rules from "@leadrail/db/offer-terms";
import { DomainError, notFound } from "../errors.ts";
import type { OfferFormTerms } from "./offer-lead-form.ts";

export interface CapInput {
  scope: OfferCap["scope"];
  publisherId?: number | null;
  period: OfferCap["period"];
  metric: OfferCap["metric"];
  limit: bigint;
}

/** A hosted-form field as the API receives it (already checked by rules.leadFormFields). */
export interface LeadFormFieldInput {
  name: string;
  label: string;
  type: string;
  required: boolean;
  options?: readonly string[] | null;
  placeholder?: string | null;
  maxLength?: number | null;
}

/** What the audit log records of an offer: its terms, money as strings. */
export function snapshot(
  offer: Offer,
  caps: Pick<OfferCap, "scope" | "publisherId" | "period" | "metric" | "limit">[],
  form: OfferFormTerms,
) {
  const { createdAt: _c, updatedAt: _u, ...terms } = offer;
  return {
    ...terms,
    ...form,
    caps: caps.map(({ scope, publisherId, period, metric, limit }) => ({
      scope,
      publisherId,
      period,
      metric,
      limit,
    })),
  };
}

export function assertTerms(terms: rules.OfferTerms): void {
  const problems = rules.termsProblems(terms);
  if (problems.length === 0) return;
  // The message keeps its old form (`caps.0.publisherId: …`); the fields' paths start at the argument,
  // as the validation plugin's do, so one client mapping fits both.
  throw new DomainError(
    "invalid_input",
    problems.map(rules.problemLine).join("; "),
    problems.map((p) => ({ path: ["input", ...p.path.map(String)], message: p.message })),
  );
}

export async function assertPublishersExist(
  tx: Prisma.TransactionClient,
  caps: readonly CapInput[],
): Promise<void> {
  const ids = [...new Set(caps.flatMap((cap) => (cap.publisherId ? [cap.publisherId] : [])))];
  if (ids.length === 0) return;
  const found = await tx.publisher.count({ where: { id: { in: ids } } });
  if (found !== ids.length) throw notFound("publisher");
}

/** Locks the offer row for the rest of the transaction, if the viewer may change it. */
export async function lockManagedOffer(
  tx: Prisma.TransactionClient,
  where: Prisma.OfferWhereInput,
  id: number,
): Promise<Offer & { caps: OfferCap[] }> {
  const visible = await tx.offer.findFirst({ where: { AND: [{ id }, where] }, select: { id: true } });
  if (!visible) throw notFound("offer");
  await tx.$queryRaw`select id from offers where id = ${id} for update`;
  return tx.offer.findUniqueOrThrow({ where: { id }, include: { caps: { orderBy: { id: "asc" } } } });
}

export function capRows(caps: readonly CapInput[]) {
  return caps.map((cap) => ({
    scope: cap.scope,
    publisherId: cap.publisherId ?? null,
    period: cap.period,
    metric: cap.metric,
    limit: cap.limit,
  }));
}
