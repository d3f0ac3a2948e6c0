// What a text or integer input must be for PostgreSQL to store it, checked before it gets there: a
// NUL in text is refused by PostgreSQL itself (error 22021, also inside jsonb), a bigint column holds
// 64 bits (error 22003 beyond). The other C0 control characters (and DEL) are stored but are never
// meant by a person typing a name, a note or a URL, and they garble CSV exports and logs: refused
// too. TAB, LF and CR are ordinary text. Pure: the API guards every input with it.

/** PostgreSQL's bigint range. */
export const BIGINT_MIN = -(2n ** 63n);
export const BIGINT_MAX = 2n ** 63n - 1n;

export function isStorableBigint(value: bigint): boolean {
  return value >= BIGINT_MIN && value <= BIGINT_MAX;
}

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

/** The first control character in `text` as "U+0000", or null when there is none. */
export function controlCharacterIn(text: string): string | null {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (isControl(code)) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return null;
}
