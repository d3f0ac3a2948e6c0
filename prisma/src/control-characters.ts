// Control characters in input we store or pass on: C0 (NUL, TAB, CR, LF, ESC...), DEL and C1
// (U+0080–U+009F, including NEL). No identifier, order id, sub id, name or e-mail address contains
// one; they break logs, CSV exports and HTTP headers (CR LF), and PostgreSQL cannot store NUL in text
// or jsonb. One rule for every package: the tracker's click path, postbacks and lead form, the API.
//
// A regular expression rather than a loop: the click path tests every parameter with it, and one
// compiled character class is the cheapest check V8 offers.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}
