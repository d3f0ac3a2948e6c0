// The form as the visitor will see it, drawn from the builder's state as it is typed (no save needed):
// title, introduction, each field with its label, placeholder, options and required mark, the consent
// box, the submit button, and the thank-you text below. It can be filled in, but never sends.
import { useId } from "react";
import { type FieldInput, type FormState, fieldInput } from "./form-state.ts";

function PreviewField({ field, prefix }: { field: FieldInput; prefix: string }) {
  const id = `${prefix}-${field.name || "field"}`;
  const label = (
    <>
      {field.label || <span className="muted">(no label yet)</span>}
      {field.required ? <span aria-hidden="true"> *</span> : null}
    </>
  );
  if (field.type === "checkbox") {
    return (
      <label className="check preview-check" htmlFor={id}>
        <input id={id} type="checkbox" required={field.required} /> {label}
      </label>
    );
  }
  return (
    <div className="preview-field">
      <label htmlFor={id}>{label}</label>
      {field.type === "select" ? (
        <select id={id} required={field.required} defaultValue="">
          <option value="" disabled>
            {field.placeholder || "Choose…"}
          </option>
          {(field.options ?? []).map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={field.type === "phone" ? "tel" : field.type === "email" ? "email" : "text"}
          placeholder={field.placeholder}
          maxLength={field.maxLength && field.maxLength > 0 ? field.maxLength : undefined}
          required={field.required}
        />
      )}
    </div>
  );
}

export function FormPreview({ state }: { state: FormState }) {
  const prefix = useId();
  const fields = state.fields.map(fieldInput);
  return (
    <section className="form-preview" aria-labelledby={`${prefix}-heading`} data-testid="form-preview">
      <h2 id={`${prefix}-heading`}>Preview</h2>
      <p className="muted">
        What a visitor sees on the hosted form and in the widget. Try it: nothing is sent.
      </p>
      <div className="preview-page">
        <h3 className="preview-title">{state.title || <span className="muted">(no title yet)</span>}</h3>
        {state.intro ? <p className="preview-intro">{state.intro}</p> : null}
        <form
          className="preview-form"
          onSubmit={(event) => event.preventDefault()}
          aria-label="Form preview"
          noValidate
        >
          {fields.map((field, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: names may repeat while being typed
            <PreviewField key={index} field={field} prefix={`${prefix}-${index}`} />
          ))}
          {state.consentText.trim() ? (
            <label className="check preview-check" htmlFor={`${prefix}-consent`}>
              <input id={`${prefix}-consent`} type="checkbox" required /> {state.consentText}
            </label>
          ) : null}
          <button type="submit">{state.submitLabel || "Send"}</button>
        </form>
      </div>
      <fieldset className="preview-page preview-thanks">
        <legend className="visually-hidden">Thank-you page preview</legend>
        <h3 className="preview-title">{state.thankYouTitle}</h3>
        <p>{state.thankYouText}</p>
      </fieldset>
    </section>
  );
}
