// The one DOM helper: an element with attributes, listeners (`on<event>`) and children. Text is only
// ever added as text nodes (append of a string), never parsed as HTML: everything shown comes from
// the advertiser's form or the visitor and must not become markup on the host page.

type Child = Node | string | false | null | undefined;
type Props = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const name in props) {
    const value = props[name];
    if (typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (value != null && value !== false) el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

/** Runs `fn` once the document is parsed (async scripts may run before the body is complete). */
export function ready(fn: () => void): void {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
  else fn();
}

/** Tells the host page what happened (docs/widget.md: "Events for the host page"). */
export function emit(type: "shown" | "submitted" | "closed", form: string, leadId?: string): void {
  window.postMessage({ source: "leadrail", type, form, leadId }, "*");
}
