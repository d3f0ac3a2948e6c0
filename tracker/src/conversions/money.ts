// Exact decimal ↔ minor-unit conversions. Amounts arrive as text ("12.5") and are stored as bigint
// minor units; a float never holds money, not even for a moment.

/** The largest integer part accepted: beyond this an "amount" is a bug or an attack, not a sale. */
export const MAX_INTEGER_DIGITS = 15;
const MAX_FRACTION_DIGITS = 18;

export type ParsedAmount = { ok: true; minor: bigint } | { ok: false; reason: "invalid_amount" };

/**
 * "12.5" with exponent 2 → 1250n. Accepts plain non-negative decimals with a dot; refuses signs,
 * exponents ("1e400"), commas, spaces inside, and integer parts over 15 digits. Digits beyond the
 * currency's precision are rounded half-even ("0.125" USD → 12n, "0.135" → 14n), so an advertiser
 * reporting four decimals is not refused and no cent is systematically gained or lost.
 */
export function parseDecimalToMinor(text: string, exponent: number): ParsedAmount {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return { ok: false, reason: "invalid_amount" };
  const integer = (match[1] ?? "").replace(/^0+(?=\d)/, "");
  const fraction = match[2] ?? "";
  if (integer.length > MAX_INTEGER_DIGITS || fraction.length > MAX_FRACTION_DIGITS) {
    return { ok: false, reason: "invalid_amount" };
  }
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  const rest = fraction.slice(exponent);
  let minor = BigInt(integer + kept);
  if (/[1-9]/.test(rest)) {
    // Same length, digits only: string order is numeric order.
    const half = `5${"0".repeat(rest.length - 1)}`;
    if (rest > half || (rest === half && minor % 2n === 1n)) minor += 1n;
  }
  return { ok: true, minor };
}
