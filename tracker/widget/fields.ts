// What the form view and the chat share: the light client-side check of one answer (the tracker
// judges again and its 422 messages are shown the same way), the honeypot and the reward.
import { h } from "./dom.ts";
import type { Field, Reward } from "./types.ts";

export const REQUIRED = "This field is required.";
export const TICK = "Please tick this box to continue.";
export const FAILED = "Sorry, that did not work. Please try again.";

/** The input type and autofill hint of a field's type. */
export function inputType(type: Field["type"]): { type: string; autocomplete: string | null } {
  const kind = type === "phone" ? "tel" : type === "email" ? "email" : null;
  return { type: type === "checkbox" ? type : (kind ?? "text"), autocomplete: kind };
}

/**
 * A first opinion on one answer, null when it looks fine. Phone numbers and everything else are the
 * tracker's to judge (its messages show beside the field): the budget has no room for a second copy.
 */
export function check(field: Pick<Field, "type" | "required">, value: string | boolean): string | null {
  if (field.type === "checkbox") return field.required && !value ? TICK : null;
  if (!value) return field.required ? REQUIRED : null;
  if (field.type === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(value)))
    return "Enter a valid e-mail address.";
  return null;
}

/**
 * The trap for bots: a text input people neither see nor reach with the keyboard, that form-filling
 * bots fill. The tracker refuses any submission where it is not empty.
 */
export function honeypot(): [HTMLElement, HTMLInputElement] {
  const input = h("input", { name: "hp", tabindex: -1, autocomplete: "off" });
  return [h("div", { class: "hp", "aria-hidden": "true" }, h("label", null, "Leave empty", input)), input];
}

/** The thank-you page's reward: a link (file or link magnet), a code, or "the pool is empty". */
export function rewardNode(reward: Reward | null | undefined): HTMLElement | null {
  if (!reward) return null;
  if (reward.empty) return h("p", null, "Sorry, the rewards have run out.");
  const url = reward.url && /^https?:/.test(reward.url) ? reward.url : null;
  return h(
    "p",
    null,
    reward.code ? `${reward.title ?? "Your code"}: ` : "",
    reward.code && h("span", { class: "code" }, reward.code),
    " ",
    url &&
      h(
        "a",
        { href: url, target: "_blank", rel: "noopener" },
        reward.code ? "Open" : reward.title || "Get it",
      ),
  );
}
