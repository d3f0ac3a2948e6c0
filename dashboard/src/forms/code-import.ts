// Codes as the advertiser brings them: pasted one per line (or separated by commas or semicolons), or a
// CSV export whose first column holds the codes, with or without a header row. The API trims, dedupes
// and validates; this only splits.
export function splitCodes(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const codes: string[] = [];
  for (const [index, line] of lines.entries()) {
    // A CSV: the first column (quoted or not); a pasted list: every value on the line.
    const cells = line
      .split(/[,;\t]/)
      .map((cell) =>
        cell
          .trim()
          .replace(/^"(.*)"$/, "$1")
          .trim(),
      )
      .filter(Boolean);
    if (
      index === 0 &&
      cells.length > 0 &&
      /^(codes?|coupon|voucher|discount)( ?codes?)?$/i.test(cells[0] ?? "")
    )
      continue;
    codes.push(...(looksLikeCsv(lines) ? cells.slice(0, 1) : cells));
  }
  return codes;
}

/** Several columns on most lines: a CSV export (take the first column), not a comma-separated list. */
function looksLikeCsv(lines: readonly string[]): boolean {
  const filled = lines.filter((line) => line.trim());
  return filled.length > 1 && filled.filter((line) => /[,;\t]/.test(line)).length >= filled.length / 2;
}
