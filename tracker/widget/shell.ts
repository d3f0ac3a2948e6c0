// The frame every mode renders into, in its own shadow root: a modal dialog (popup: backdrop, focus
// trap, Esc and the backdrop close it, focus returns where it was), a non-modal dialog in the corner
// (slide-in and chat: Esc closes it while focus is inside), or an inline section in the page.
import { h } from "./dom.ts";
import { CSS } from "./styles.ts";

export type Frame = "modal" | "corner" | "inline";

export interface Shell {
  /** Where the mode puts its content. */
  body: HTMLElement;
  heading: HTMLElement;
  /** Moves focus to the first control (or the heading). */
  focus(): void;
  close(): void;
}

const FOCUSABLE = "a[href],button:enabled,input:enabled:not([tabindex='-1']),select:enabled";

export function openShell(
  frame: Frame,
  title: string,
  mount: (host: HTMLElement) => void,
  onClose: () => void,
): Shell {
  // A custom tag: no page rule written for div/section/aside can hide or restyle the widget.
  const host = document.createElement("leadrail-form");
  const root = host.attachShadow({ mode: "open" });
  const modal = frame === "modal";
  const previous = document.activeElement as HTMLElement | null;
  const heading = h("h2", { id: "t", tabindex: -1 }, title);
  const body = h("div");
  const box = h(
    frame === "inline" ? "section" : "div",
    {
      class: `box ${frame}`,
      role: frame === "inline" ? null : "dialog",
      "aria-modal": frame === "inline" ? null : modal ? "true" : "false",
      "aria-labelledby": "t",
    },
    heading,
    body,
    // Last in the tab order, so the first control is the first field; placed top-right by CSS.
    frame !== "inline" &&
      h("button", { class: "x", type: "button", "aria-label": "Close", onclick: close }, "×"),
  );
  const outer = modal ? h("div", { class: "bg" }, box) : box;
  if (modal) outer.addEventListener("click", (e) => e.target === outer && close());

  const focusables = () => [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
  function onKey(e: KeyboardEvent): void {
    if (!modal && !e.composedPath().includes(host)) return;
    if (e.key === "Escape") close();
    else if (e.key === "Tab" && modal) {
      const items = focusables();
      const edge = e.shiftKey ? items[0] : items[items.length - 1];
      const active = root.activeElement;
      if (!active || !box.contains(active) || active === edge) {
        e.preventDefault();
        (e.shiftKey ? items[items.length - 1] : items[0])?.focus();
      }
    }
  }

  function close(): void {
    const inside = document.activeElement === host;
    document.removeEventListener("keydown", onKey);
    host.remove();
    if (inside || modal) previous?.focus();
    onClose();
  }

  if (frame !== "inline") document.addEventListener("keydown", onKey);
  root.append(h("style", null, CSS), outer);
  mount(host);
  return {
    body,
    heading,
    focus: () => (focusables()[0] ?? heading).focus(),
    close,
  };
}
