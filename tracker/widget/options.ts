// When the form shows, from the script tag's data-trigger. Pure, so it is unit-tested in
// tracker/src/widget/options.test.ts.

export type Mode = "inline" | "popup" | "slidein" | "chat";

/** `delay:5` (seconds), `scroll:50` (percent of the page seen), `exit`, `click:#selector`. */
export type Trigger = ["delay", number] | ["scroll", number] | ["exit"] | ["click", string];

/**
 * Triggers are separated by commas; a comma inside a click selector (`click:#a, .b`) stays with it
 * because only a comma before another trigger's name splits. Unknown or malformed ones are dropped;
 * none at all means "show at once".
 */
export function parseTriggers(text = ""): Trigger[] {
  const triggers: Trigger[] = [];
  for (const part of text.split(/,(?=\s*(?:delay|scroll|exit|click)\b)/)) {
    const [, kind, arg = ""] = /^\s*(\w+)(?::(.*))?$/s.exec(part) ?? [];
    const n = Number(arg);
    if (kind === "exit") triggers.push(["exit"]);
    else if (kind === "click" && arg.trim()) triggers.push(["click", arg.trim()]);
    else if ((kind === "delay" || kind === "scroll") && arg.trim() && n >= 0) triggers.push([kind, n]);
  }
  return triggers;
}
