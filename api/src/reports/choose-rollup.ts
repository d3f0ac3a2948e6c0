// Which stored rows answer a report: the smallest rollup that answers it exactly, else raw rows. Pure.
//
// Grains (clicks; the conversion rollups of the same name beside them, see schema.prisma):
//   DAILY_SEGMENTS  UTC day × offer × country × device   (clicks and conversions)
//   HOURLY_OFFERS   UTC hour × offer                     (clicks and conversions)
//   HOURLY          UTC hour × offer × publisher         (clicks; conversions from raw rows)
//   SEGMENTS        UTC hour × offer × publisher × country × device (clicks; conversions raw)
//   RAW             clicks and conversions rows
// The coarse grains drop the publisher, so a report that groups or filters by publisher, or is a
// publisher's own, reads the hourly ones (a publisher's slice of them is small: index by publisher).
// In zones whose days do not start on UTC hours the hourly grains answer all but the edge hours.
import type { ReportRequest } from "./report-input.ts";
import { hourAligned, utcDayAligned } from "./time-zone.ts";

export type ReportSource = "DAILY_SEGMENTS" | "HOURLY_OFFERS" | "HOURLY" | "SEGMENTS" | "RAW";

/** Whose rows: a publisher's own, an advertiser's offers', or everything (admin, finance). */
export type ReportScope = { publisherId: number } | { advertiserId: number } | "all";

export function reportSource(
  request: Pick<ReportRequest, "groupBy" | "timeZone" | "start" | "end" | "filter">,
  scope: ReportScope,
): ReportSource {
  const { groupBy, filter } = request;
  // Sub ids are free text of unbounded cardinality: no rollup. Half-hour zones cut inside UTC hours:
  // their local hours are no stored hours at all, but their days (and a range's ends) cut only a few
  // UTC hours, which run-report reads raw beside the rollup (edgeHours).
  if (groupBy.some((g) => g.startsWith("SUB"))) return "RAW";
  if (groupBy.includes("HOUR") && !hourAligned(request.timeZone, request.start, request.end)) return "RAW";
  const segments =
    groupBy.includes("COUNTRY") ||
    groupBy.includes("DEVICE") ||
    filter.countries !== null ||
    filter.deviceTypes !== null;
  const byPublisher =
    groupBy.includes("PUBLISHER") ||
    filter.publisherIds !== null ||
    (scope !== "all" && "publisherId" in scope);
  if (!byPublisher) {
    const days =
      !groupBy.includes("HOUR") &&
      utcDayAligned(request.timeZone, request.start, request.end, groupBy.includes("DAY"));
    if (days) return "DAILY_SEGMENTS";
    if (!segments) return "HOURLY_OFFERS";
  }
  return segments ? "SEGMENTS" : "HOURLY";
}

/** Whether a source has a conversion rollup of its own grain (otherwise conversions are raw rows). */
export function hasConversionRollup(source: ReportSource): boolean {
  return source === "DAILY_SEGMENTS" || source === "HOURLY_OFFERS";
}
