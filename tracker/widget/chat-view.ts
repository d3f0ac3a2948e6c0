// Chat mode: the same form, one question at a time. The bot greets with the form's intro, answers the
// advertiser's FAQ by keyword until the visitor chooses Continue, then asks each field's label,
// the consent, and submits the same lead with `channel: "chat"` and the transcript. The tracker's 422
// messages come back as the bot's words and the field is asked again.
import { h } from "./dom.ts";
import { matchFaq } from "./faq.ts";
import { check, FAILED, honeypot, inputType, rewardNode } from "./fields.ts";
import type { Field, FormDefinition, Line, SubmitAnswer, Values } from "./types.ts";

export type ChatSend = (
  fields: Values,
  consent: boolean,
  hp: string,
  conversation: Line[],
) => Promise<SubmitAnswer>;

/** The tracker keeps at most 60 lines of at most 1000 characters, without markup or control characters. */
const clean = (text: string) => text.replace(/[<>\p{Cc}]/gu, " ").slice(0, 1000);

export function renderChat(def: FormDefinition, body: HTMLElement, send: ChatSend) {
  const log = h("div", { class: "log", role: "log", "aria-live": "polite" });
  const controls = h("form", { class: "ctl", novalidate: true });
  const [trap, hp] = honeypot();
  const lines: Line[] = [];
  body.append(log, controls, trap);

  function say(from: Line["from"], content: string | HTMLElement): void {
    const bubble = typeof content === "string" ? h("p", null, content) : content;
    bubble.className = from;
    lines.push({ from, text: clean(bubble.textContent ?? ""), at: new Date().toISOString() });
    log.append(bubble);
    log.scrollTop = log.scrollHeight;
  }

  /** The visitor's next move: a typed answer (when `field` is given), or the index of a button. */
  function ask(buttons: string[], field?: Pick<Field, "type" | "maxLength">): Promise<string | number> {
    const hadFocus = (body.getRootNode() as ShadowRoot).activeElement !== null;
    return new Promise((resolve) => {
      const answer = (value: string | number) => {
        controls.onsubmit = null;
        resolve(value);
      };
      const input =
        field &&
        h("input", {
          "aria-label": "Your answer",
          ...inputType(field.type),
          maxlength: field.maxLength ?? 1000,
        });
      controls.replaceChildren(
        ...(input ? [input, h("button", null, "Send")] : []),
        ...buttons.map((label, i) => h("button", { type: "button", onclick: () => answer(i) }, label)),
      );
      controls.onsubmit = (e) => {
        e.preventDefault();
        const text = input?.value.trim();
        if (text) answer(text);
      };
      if (hadFocus) controls.querySelector<HTMLElement>("input,button")?.focus();
    });
  }

  async function collect(field: Field): Promise<string | boolean> {
    say("bot", field.label);
    const skip = field.required ? [] : ["Skip"];
    const options = field.options ?? [];
    for (;;) {
      let value: string | boolean;
      if (field.type === "checkbox") value = (await ask(["Yes", "No"])) === 0;
      else if (field.type === "select") value = options[(await ask([...options, ...skip])) as number] ?? "";
      else {
        const typed = await ask(skip, field);
        value = typeof typed === "string" ? typed : "";
      }
      say("visitor", value === true ? "Yes" : value === false ? "No" : value || "Skip");
      const problem = check(field, value);
      if (!problem) return value;
      say("bot", field.type === "checkbox" ? "We need a yes to go on." : problem);
    }
  }

  async function run(): Promise<void> {
    say("bot", def.intro || def.title);
    if (def.faq.length) {
      say("bot", "Any questions? Ask, or choose Continue.");
      for (;;) {
        const q = await ask(["Continue"], { type: "text" });
        if (typeof q !== "string") break;
        say("visitor", q);
        say("bot", matchFaq(def.faq, q)?.answer ?? "Sorry, I don't know. Ask again, or choose Continue.");
      }
    }
    const consentField: Field = {
      name: "consent",
      label: def.consent?.text ?? "",
      type: "checkbox",
      required: true,
    };
    const fields = def.consent ? [...def.fields, consentField] : def.fields;
    const values: Values = {};
    for (const field of fields) values[field.name] = await collect(field);
    for (;;) {
      controls.replaceChildren();
      const { consent = false, ...rest } = values;
      const answer = await send(rest, consent === true, hp.value, lines.slice(-60));
      if (answer.ok) {
        say("bot", answer.thankYou?.title ?? def.thankYou.title);
        const text = answer.thankYou?.text ?? def.thankYou.text;
        if (text) say("bot", text);
        const reward = rewardNode(answer.reward);
        if (reward) say("bot", reward);
        return;
      }
      // Each refused answer is asked again; a refusal naming no field (rate limit, expired form) waits
      // for the visitor, so nothing is resent in a loop.
      const errors = Object.entries(answer.errors ?? { "": answer.message ?? FAILED });
      let asked = false;
      for (const [name, message] of errors) {
        const field = fields.find((f) => f.name === name);
        say("bot", message);
        if (field) values[name] = await collect(field);
        asked ||= !!field;
      }
      if (!asked) await ask(["Try again"]);
    }
  }
  void run();
}
