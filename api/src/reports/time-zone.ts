// Day boundaries in an IANA time zone, and whether the hourly rollup can cut them. Pure (Intl only).
//
// Report ranges are local calendar days: [start of `from`, start of the day after `to`) in the zone.
// The rollup stores UTC hours, so it can answer exactly when every local hour of the range starts on a
// UTC hour — true for zones whose offset is a whole number of hours throughout the range (UTC,
// America/Los_Angeles across DST), false for Asia/Kolkata (+05:30) or Australia/Lord_Howe (30-minute
// DST). Those read raw rows.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An IANA zone name this runtime knows (`UTC` included); PostgreSQL ships the same tz database. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `at`, in minutes (east positive; America/Los_Angeles in winter −480). */
export function offsetMinutes(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const wholeSeconds = Math.floor(at.getTime() / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 60_000);
}

/**
 * The instant a local calendar day starts. Midnight can be skipped by a DST change (some zones move
 * at 00:00): then the day starts at the first instant that exists, as PostgreSQL's AT TIME ZONE does.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // Two passes converge: the offset at the guess is the offset at the answer except across a change.
  let guess = wall - offsetMinutes(timeZone, new Date(wall)) * 60_000;
  guess = wall - offsetMinutes(timeZone, new Date(guess)) * 60_000;
  const localDate = (at: number) => {
    const local = at + offsetMinutes(timeZone, new Date(at)) * 60_000;
    return new Date(local).toISOString().slice(0, 10);
  };
  // Midnight did not exist (the clock jumped past it): the day starts at the jump.
  if (localDate(guess) !== date) {
    let lo = guess;
    let hi = guess + 3 * 3_600_000;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
      if (localDate(mid) === date) hi = mid;
      else lo = mid;
    }
    return new Date(hi);
  }
  return new Date(guess);
}

/** The day after a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** [start, end) of the local days `from`..`to` (both inclusive). */
export function reportRange(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(from, timeZone), end: startOfLocalDay(nextDate(to), timeZone) };
}

/**
 * Whether every local hour in [start, end) starts on a UTC hour: the zone's offset is a whole number
 * of hours throughout. Sampled at the range's first and last hour and every 24 hours between: an
 * offset holds for months in the tz database (DST seasons), never for less than a day, so the samples
 * see every offset in use while a 400-day range costs ~400 lookups instead of ~9,600.
 */
export function hourAligned(timeZone: string, start: Date, end: Date): boolean {
  if (start.getTime() % 3_600_000 !== 0 || end.getTime() % 3_600_000 !== 0) return false;
  const last = end.getTime() - 3_600_000;
  const samples = [last];
  for (let at = start.getTime(); at < last; at += 86_400_000) samples.push(at);
  return samples.every((at) => offsetMinutes(timeZone, new Date(at)) % 60 === 0);
}

/**
 * Whether [start, end) is whole UTC days, and, when `localDays` (the report cuts days), every local
 * day of it is a UTC day: the zone is at UTC+0 throughout (sampled as in hourAligned). Then a rollup
 * by UTC day answers exactly.
 */
export function utcDayAligned(timeZone: string, start: Date, end: Date, localDays: boolean): boolean {
  if (start.getTime() % 86_400_000 !== 0 || end.getTime() % 86_400_000 !== 0) return false;
  if (!localDays) return true;
  const last = end.getTime() - 3_600_000;
  const samples = [last];
  for (let at = start.getTime(); at < last; at += 86_400_000) samples.push(at);
  return samples.every((at) => offsetMinutes(timeZone, new Date(at)) === 0);
}

const HOUR_MS = 3_600_000;

/**
 * The UTC hours of [start, end) that an hourly rollup cannot place in one local day: the hours the
 * range starts or ends inside, and (when `localDays`, i.e. the report cuts days) the hours a local
 * midnight falls inside — one a day in Asia/Kolkata (18:00–19:00 UTC holds 00:00 at +05:30). Every
 * other hour of [floorHour(start), ceilHour(end)) lies wholly in the range and in one local day, so
 * its rollup rows answer exactly; the edge hours are read from raw rows, cut at the boundaries.
 * Sorted, distinct; empty for zones whose local days start on UTC hours.
 */
export function edgeHours(timeZone: string, start: Date, end: Date, localDays: boolean): Date[] {
  const edges = new Set<number>();
  const cut = (at: number) => {
    if (at % HOUR_MS !== 0) edges.add(floorHour(at));
  };
  cut(start.getTime());
  if (localDays) {
    // Local date of the range's first instant; each following local midnight until the end.
    const first = start.getTime() + offsetMinutes(timeZone, start) * 60_000;
    let date = new Date(first).toISOString().slice(0, 10);
    for (;;) {
      date = nextDate(date);
      const midnight = startOfLocalDay(date, timeZone).getTime();
      if (midnight >= end.getTime()) break;
      if (midnight > start.getTime()) cut(midnight);
    }
  }
  cut(end.getTime());
  return [...edges].sort((a, b) => a - b).map((at) => new Date(at));
}

export const floorHour = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS;
export const ceilHour = (at: number) => Math.ceil(at / HOUR_MS) * HOUR_MS;
