// Contact cadence: at most `limit` contact attempts per lead in any window of `periodHours`. Pure.
//
// The window is sliding and half-open, (now − period, now]: an attempt made exactly one period ago
// no longer counts. When the limit is reached, the next attempt is allowed once the oldest attempt
// that keeps the count at the limit leaves the window.
export interface CadenceRule {
  limit: number;
  periodHours: number;
}

/** null: contact is allowed now; otherwise the first moment it is allowed again. */
export function nextContactAt(attempts: readonly Date[], rule: CadenceRule, now: Date): Date | null {
  const period = rule.periodHours * 3_600_000;
  const inWindow = attempts
    .map((a) => a.getTime())
    .filter((t) => t > now.getTime() - period && t <= now.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length < rule.limit) return null;
  // Dropping to limit − 1 attempts needs the first (count − limit + 1) of them gone.
  const gate = inWindow[inWindow.length - rule.limit];
  return gate === undefined ? null : new Date(gate + period);
}
