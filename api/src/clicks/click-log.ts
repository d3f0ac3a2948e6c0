// A publisher's most recent clicks, with the tracker's verdict: the first place to look when traffic
// "disappears" (sent to the fallback URL as geo_not_targeted, say). Reads the newest rows through
// the (publisher_id, created_at) index, within the last CLICK_LOG_DAYS so only recent partitions are
// touched; names of links and offers in two small lookups.
import type { Db } from "@leadrail/db";

export const CLICK_LOG_DAYS = 7;
export const MAX_CLICK_LOG = 200;

export interface ClickLogEntry {
  id: string;
  createdAt: Date;
  status: "ACCEPTED" | "REJECTED";
  rejectReason: string | null;
  linkId: number | null;
  linkName: string | null;
  offerId: number | null;
  offerName: string | null;
  country: string | null;
  deviceType: string | null;
  sub1: string | null;
  source: string | null;
  isBot: boolean;
  isUnique: boolean;
}

export async function clickLog(
  db: Db,
  publisherId: number,
  options: { first: number; status: "ACCEPTED" | "REJECTED" | null; linkId: number | null; now?: Date },
): Promise<ClickLogEntry[]> {
  const since = new Date((options.now ?? new Date()).getTime() - CLICK_LOG_DAYS * 86_400_000);
  const clicks = await db.click.findMany({
    where: {
      publisherId,
      createdAt: { gte: since },
      ...(options.status ? { status: options.status } : {}),
      ...(options.linkId !== null ? { linkId: options.linkId } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.first,
  });
  const linkIds = [...new Set(clicks.flatMap((c) => (c.linkId === null ? [] : [c.linkId])))];
  const offerIds = [...new Set(clicks.flatMap((c) => (c.offerId === null ? [] : [c.offerId])))];
  const [links, offers] = await Promise.all([
    linkIds.length
      ? db.trackingLink.findMany({
          where: { id: { in: linkIds }, publisherId },
          select: { id: true, name: true },
        })
      : [],
    offerIds.length
      ? db.offer.findMany({ where: { id: { in: offerIds } }, select: { id: true, name: true } })
      : [],
  ]);
  const linkName = new Map(links.map((l) => [l.id, l.name]));
  const offerName = new Map(offers.map((o) => [o.id, o.name]));
  return clicks.map((c) => ({
    id: c.id,
    createdAt: c.createdAt,
    status: c.status,
    rejectReason: c.rejectReason,
    linkId: c.linkId,
    linkName: c.linkId === null ? null : (linkName.get(c.linkId) ?? null),
    offerId: c.offerId,
    offerName: c.offerId === null ? null : (offerName.get(c.offerId) ?? null),
    country: c.country,
    deviceType: c.deviceType,
    sub1: c.sub1,
    source: c.source,
    isBot: c.isBot,
    isUnique: c.isUnique,
  }));
}
