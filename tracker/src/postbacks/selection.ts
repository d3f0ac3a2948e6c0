// Which of a publisher's postbacks fire for a conversion event. Pure.
import type { ConversionStatus } from "@leadrail/db";

export interface PostbackRule {
  id: number;
  offerId: number | null;
  statuses: readonly ConversionStatus[];
  active: boolean;
}

/**
 * Active postbacks for this offer replace the publisher's global ones (offerId null) for that offer,
 * so a publisher with both is not told twice. Then each fires when its status list is empty (every
 * status) or contains the conversion's new status.
 */
export function postbacksToFire<T extends PostbackRule>(
  rules: readonly T[],
  offerId: number,
  status: ConversionStatus,
): T[] {
  const active = rules.filter((r) => r.active);
  const specific = active.filter((r) => r.offerId === offerId);
  const chosen = specific.length > 0 ? specific : active.filter((r) => r.offerId === null);
  return chosen.filter((r) => r.statuses.length === 0 || r.statuses.includes(status));
}
