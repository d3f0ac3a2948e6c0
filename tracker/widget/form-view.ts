// The classic form (inline, popup, slide-in): every field at once, labels, the consent box, light
// checks before sending, and the tracker's 422 messages beside the fields they name.
import { h } from "./dom.ts";
import { check, FAILED, honeypot, inputType } from "./fields.ts";
import type { Field, FormDefinition, SubmitAnswer, Values } from "./types.ts";

type Control = HTMLInputElement | HTMLSelectElement;
export type Send = (fields: Values, consent: boolean, hp: string) => Promise<SubmitAnswer>;

export function renderForm(
  def: FormDefinition,
  body: HTMLElement,
  send: Send,
  done: (a: SubmitAnswer) => void,
) {
  const controls: Record<string, [Control, HTMLElement, Field]> = {};
  const general = h("p", { class: "er", role: "alert" });
  const [trap, hp] = honeypot();
  const submit = h("button", { class: "go", type: "submit" }, def.submitLabel);

  function row(field: Field): HTMLElement {
    const { name, type, required } = field;
    const id = `f-${name}`;
    const error = h("p", { class: "er", id: `e-${name}`, "aria-live": "polite" });
    const common = { id, name, required, "aria-describedby": error.id };
    const control: Control =
      type === "select"
        ? h("select", common, h("option", { value: "" }, field.placeholder || "Choose…"))
        : h("input", {
            ...common,
            ...inputType(type),
            placeholder: field.placeholder,
            maxlength: field.maxLength,
          });
    for (const option of field.options ?? []) control.append(h("option", null, option));
    controls[name] = [control, error, field];
    const text = required ? `${field.label} *` : field.label;
    return type === "checkbox"
      ? h("div", null, h("label", { class: "ck" }, control, text), error)
      : h("div", null, h("label", { for: id }, text), control, error);
  }

  function show(errors: Record<string, string>): void {
    general.textContent = "";
    for (const [control, error] of Object.values(controls)) {
      error.textContent = "";
      control.removeAttribute("aria-invalid");
    }
    let first: Control | undefined;
    for (const [name, message] of Object.entries(errors)) {
      const entry = controls[name];
      if (!entry) {
        general.textContent = message;
        continue;
      }
      entry[1].textContent = message;
      entry[0].setAttribute("aria-invalid", "true");
      first ??= entry[0];
    }
    first?.focus();
  }

  const fields = def.fields.map(row);
  if (def.consent)
    fields.push(row({ name: "consent", label: def.consent.text, type: "checkbox", required: true }));

  const form = h("form", { novalidate: true }, ...fields, trap, general, submit);
  form.onsubmit = async (e) => {
    e.preventDefault();
    const values: Values = {};
    const errors: Record<string, string> = {};
    for (const [name, [control, , field]] of Object.entries(controls)) {
      const value =
        control instanceof HTMLInputElement && control.type === "checkbox"
          ? control.checked
          : control.value.trim();
      const problem = check(field, value);
      if (problem) errors[name] = problem;
      values[name] = value;
    }
    show(errors);
    if (Object.keys(errors).length) return;
    const consent = values.consent === true;
    delete values.consent;
    submit.disabled = true;
    const answer = await send(values, consent, hp.value);
    submit.disabled = false;
    if (answer.ok) done(answer);
    else show(answer.errors ?? { "": answer.message ?? FAILED });
  };
  body.append(def.intro && h("p", null, def.intro), form);
}
