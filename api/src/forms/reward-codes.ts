// A CODE_POOL magnet's codes: added in bulk (repeats skipped, counted), the unclaimed ones removed, and
// the pool's numbers (total, claimed, left, low). Claiming happens in the tracker, inside the lead's
// transaction; a removal racing a claim never deletes the claimed code (the DELETE re-checks
// `conversion_id is null` on the row the claim locked).
import type { Db, Prisma } from "@leadrail/db";
import { LIMITS } from "@leadrail/db/lead-form";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, invalidFields, notFound } from "../errors.ts";
import { lockManagedOffer } from "./offer-lock.ts";
import { normalizeCodes } from "./reward-code-list.ts";

export interface PoolStats {
  total: number;
  claimed: number;
  left: number;
  threshold: number;
  /** Few codes left: at or below the magnet's threshold. */
  low: boolean;
}

export function poolStats(total: number, claimed: number, threshold: number): PoolStats {
  const left = total - claimed;
  return { total, claimed, left, threshold, low: left <= threshold };
}

/** Counts per magnet in one grouped query (a list of offers asks for many). */
export async function countCodes(
  db: Db,
  magnetIds: readonly number[],
): Promise<Map<number, { total: number; claimed: number }>> {
  const rows = await db.rewardCode.groupBy({
    by: ["magnetId"],
    where: { magnetId: { in: [...magnetIds] } },
    _count: { _all: true, conversionId: true },
  });
  return new Map(
    rows.map((row) => [row.magnetId, { total: row._count._all, claimed: row._count.conversionId }]),
  );
}

async function lockPool(tx: Prisma.TransactionClient, offerWhere: Prisma.OfferWhereInput, magnetId: number) {
  const magnet = await tx.leadMagnet.findFirst({ where: { id: magnetId, offer: offerWhere } });
  if (!magnet) throw notFound("lead magnet");
  await lockManagedOffer(tx, offerWhere, magnet.offerId);
  if (magnet.kind !== "CODE_POOL") {
    throw new DomainError("conflict", "this lead magnet is not a code pool: save it as one first");
  }
  return magnet;
}

export interface CodesAdded {
  magnetId: number;
  added: number;
  /** Repeats within the list, and codes the pool already had. */
  skipped: number;
}

export async function addRewardCodes(
  db: Db,
  viewer: Viewer,
  offerWhere: Prisma.OfferWhereInput,
  magnetId: number,
  raw: readonly string[],
): Promise<CodesAdded> {
  const list = normalizeCodes(raw);
  if (list.problems.length) {
    throw invalidFields(
      list.problems.slice(0, 20).map((p) => ({ path: ["codes", String(p.index)], message: p.message })),
    );
  }
  if (list.codes.length === 0) {
    throw invalidFields([{ path: ["codes"], message: "must hold at least one code" }]);
  }
  return db.$transaction(async (tx) => {
    const magnet = await lockPool(tx, offerWhere, magnetId);
    const existing = await tx.rewardCode.count({ where: { magnetId } });
    if (existing + list.codes.length > LIMITS.codesPerPool) {
      throw invalidFields([
        {
          path: ["codes"],
          message: `a pool holds at most ${LIMITS.codesPerPool} codes (it has ${existing})`,
        },
      ]);
    }
    const { count } = await tx.rewardCode.createMany({
      data: list.codes.map((code) => ({ magnetId, code })),
      skipDuplicates: true,
    });
    const result = {
      magnetId: magnet.id,
      added: count,
      skipped: list.repeated + (list.codes.length - count),
    };
    // Counts only: the codes are the advertiser's discounts, not something the log needs to keep.
    await audit(tx, viewer, {
      action: "reward_codes.add",
      entityType: "LeadMagnet",
      entityId: magnet.id,
      after: result,
    });
    return result;
  });
}

export async function removeUnclaimedRewardCodes(
  db: Db,
  viewer: Viewer,
  offerWhere: Prisma.OfferWhereInput,
  magnetId: number,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const magnet = await lockPool(tx, offerWhere, magnetId);
    const { count } = await tx.rewardCode.deleteMany({ where: { magnetId, conversionId: null } });
    await audit(tx, viewer, {
      action: "reward_codes.remove_unclaimed",
      entityType: "LeadMagnet",
      entityId: magnet.id,
      after: { removed: count },
    });
    return count;
  });
}
