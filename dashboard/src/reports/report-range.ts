// Dates and zones for the report form. The API takes local dates in an IANA zone, so "the last 7
// days" is counted from today's date in the chosen zone, not in UTC.

/** The browser's zone (Intl), UTC when the platform does not say. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Every zone the platform knows, for the zone picker's suggestions; empty on old engines. */
export function knownTimeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? [];
}

/** The local date of `now` in `zone` as YYYY-MM-DD; null when the zone is unknown. */
export function localDate(zone: string, now = new Date()): string | null {
  try {
    // en-CA formats dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, dateStyle: "short" }).format(now);
  } catch {
    return null;
  }
}

/** The last `count` local days in `zone`, today included (falls back to UTC for an unknown zone). */
export function lastDaysIn(zone: string, count: number, now = new Date()): { from: string; to: string } {
  const to = localDate(zone, now) ?? now.toISOString().slice(0, 10);
  const start = new Date(`${to}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (count - 1));
  return { from: start.toISOString().slice(0, 10), to };
}
