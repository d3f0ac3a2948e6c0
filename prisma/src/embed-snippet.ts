// The HTML an advertiser pastes into a page to show an offer's lead form through the widget
// (`<script src="TRACKER/w.js" data-form=…>`), and the hosted form's address. One home for both: the
// API answers the default snippet and the hosted URL, the dashboard builds the variants (pop-up after
// a delay, slide-in on scroll, chat…) as the advertiser picks them. The attribute names are the
// widget's (tracker's w.js reads them); no Prisma here, so the dashboard can import it.

export const EMBED_MODES = ["inline", "popup", "slidein", "chat"] as const;
export type EmbedMode = (typeof EMBED_MODES)[number];

/** What opens a pop-up or slide-in (an inline or chat form shows where the script is). */
export const EMBED_TRIGGERS = ["delay", "scroll", "exit", "click"] as const;
export type EmbedTrigger = (typeof EMBED_TRIGGERS)[number];

export interface EmbedOptions {
  mode: EmbedMode;
  trigger?: EmbedTrigger;
  /** delay: seconds after the page loaded (0–600). */
  delaySeconds?: number;
  /** scroll: percent of the page scrolled (1–100). */
  scrollPercent?: number;
  /** click: CSS selector of the element(s) that open the form. */
  clickSelector?: string;
}

export const DEFAULT_EMBED: EmbedOptions = { mode: "inline" };

/**
 * Modes whose form waits for a trigger instead of showing where the script sits. The widget shows an
 * automatically triggered pop-up or slide-in once per visitor; a click trigger opens it every time.
 */
export function hasTrigger(mode: EmbedMode): boolean {
  return mode === "popup" || mode === "slidein";
}

const base = (trackerUrl: string) => trackerUrl.replace(/\/+$/, "");

/** The hosted form of an offer: clicks land here with ?click_id=…; without one it is a direct lead. */
export function hostedFormUrl(trackerUrl: string, formKey: string): string {
  return `${base(trackerUrl)}/form/${encodeURIComponent(formKey)}`;
}

export function widgetScriptUrl(trackerUrl: string): string {
  return `${base(trackerUrl)}/w.js`;
}

/** An attribute value inside double quotes (a selector may hold quotes or brackets). */
function attribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, Math.round(value)));

/**
 * The attributes of the script tag for these options, in a fixed order (so a copy is stable). The
 * widget (tracker/widget/main.ts) reads `data-mode` (an unknown or missing one is a pop-up, so inline
 * is spelled out) and `data-trigger` as `delay:<s>`, `scroll:<%>`, `exit` or `click:<selector>`.
 */
export function embedAttributes(formKey: string, options: EmbedOptions): [string, string][] {
  const attributes: [string, string][] = [
    ["data-form", formKey],
    ["data-mode", options.mode],
  ];
  if (!hasTrigger(options.mode)) return attributes;
  const trigger = options.trigger ?? "delay";
  if (trigger === "delay")
    attributes.push(["data-trigger", `delay:${clamp(options.delaySeconds ?? 5, 0, 600)}`]);
  if (trigger === "scroll")
    attributes.push(["data-trigger", `scroll:${clamp(options.scrollPercent ?? 50, 1, 100)}`]);
  if (trigger === "exit") attributes.push(["data-trigger", "exit"]);
  if (trigger === "click")
    attributes.push(["data-trigger", `click:${options.clickSelector?.trim() || ".leadrail-open"}`]);
  return attributes;
}

/**
 * The `<script>` tag to paste where the form (inline, chat) should appear, or anywhere (pop-up,
 * slide-in). `scriptUrl` is widgetScriptUrl(tracker's public URL).
 */
export function embedSnippet(
  scriptUrl: string,
  formKey: string,
  options: EmbedOptions = DEFAULT_EMBED,
): string {
  const attributes = embedAttributes(formKey, options)
    .map(([name, value]) => `${name}="${attribute(value)}"`)
    .join(" ");
  return `<script src="${attribute(scriptUrl)}" ${attributes} async></script>`;
}
