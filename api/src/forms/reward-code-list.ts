// The codes an advertiser adds to a pool, as pasted or read from a CSV by the dashboard: trimmed,
// blank lines dropped, repeats within the list counted as skipped (the pool's own repeats are skipped
// by the database's unique index). A code is what a visitor types at a checkout: visible characters,
// no spaces, at most LIMITS.code.
import { LIMITS } from "@leadrail/db/lead-form";

const CODE = new RegExp(`^[\\x21-\\x7e]{1,${LIMITS.code}}$`);

export interface CodeList {
  /** Distinct valid codes, in the order given. */
  codes: string[];
  /** Repeats within the list (not counting the first). */
  repeated: number;
  /** Invalid entries: their index in the list given, and why. */
  problems: { index: number; message: string }[];
}

export function normalizeCodes(input: readonly string[]): CodeList {
  const seen = new Set<string>();
  const result: CodeList = { codes: [], repeated: 0, problems: [] };
  input.forEach((raw, index) => {
    const code = raw.trim();
    if (code === "") return;
    if (!CODE.test(code)) {
      result.problems.push({
        index,
        message: `must be 1–${LIMITS.code} visible characters without spaces (letters, digits, - _ …)`,
      });
      return;
    }
    if (seen.has(code)) result.repeated++;
    else {
      seen.add(code);
      result.codes.push(code);
    }
  });
  return result;
}
