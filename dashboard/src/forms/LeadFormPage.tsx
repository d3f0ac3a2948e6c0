// An offer's lead form: the builder (fields, texts, consent, thank-you, chat FAQ, spam settings) beside
// a live preview, where the offer's clicks land (its URL or this hosted form), the snippet to embed
// it, and the lead magnet with its code pool. Refusals show beside their input and at the Save button.
import { LIMITS } from "@leadrail/db/lead-form";
import { type FormEvent, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import type { ResultOf } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { Field } from "../ui/Field.tsx";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";
import { EmbedPanel } from "./EmbedPanel.tsx";
import { FormPreview } from "./FormPreview.tsx";
import {
  apiFormErrors,
  checkForm,
  FIELD_TYPE_WORDS,
  type FieldRow,
  type FormErrors,
  type FormState,
  LEAD_FIELD_TYPES,
  move,
  nameFromLabel,
  newField,
  rowId,
  starterForm,
  stateFromForm,
} from "./form-state.ts";
import { MagnetPanel } from "./MagnetPanel.tsx";
import { LeadFormPageQuery, SaveLeadFormMutation, SetOfferLandingMutation } from "./operations.ts";

type Offer = NonNullable<ResultOf<typeof LeadFormPageQuery>["offer"]>;

export function LeadFormPage() {
  const { id = "" } = useParams();
  const [result, refetch] = useQuery({ query: LeadFormPageQuery, variables: { id } });
  // Held here, not in the view: the first save gives the form an id, which remounts the view (its
  // state starts again from the saved form), and the note must outlive that.
  const [saveNote, setSaveNote] = useState<string | null>(null);
  return (
    <section>
      <p>
        <Link to={`/offers/${id}`}>← Offer</Link>
      </p>
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.offer === null}
        empty="This offer does not exist or is not yours."
      >
        {(data) =>
          data.offer ? (
            <LeadFormView
              key={`${data.offer.id}-${data.offer.leadForm?.id ?? "new"}`}
              offer={data.offer}
              saveNote={saveNote}
              setSaveNote={setSaveNote}
              onChanged={() => refetch({ requestPolicy: "network-only" })}
            />
          ) : null
        }
      </QueryState>
    </section>
  );
}

function LeadFormView({
  offer,
  onChanged,
  saveNote,
  setSaveNote,
}: {
  offer: Offer;
  onChanged: () => void;
  saveNote: string | null;
  setSaveNote: (note: string | null) => void;
}) {
  const me = useMe();
  const form = offer.leadForm;
  const [state, setState] = useState<FormState>(() => (form ? stateFromForm(form) : starterForm(offer.name)));
  const [errors, setErrors] = useState<FormErrors>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const [saving, save] = useMutation(SaveLeadFormMutation);
  const readOnly = (me.role !== "ADVERTISER" && me.role !== "ADMIN") || offer.status === "ARCHIVED";

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setState((s) => ({ ...s, [key]: value }));
  const setField = (index: number, patch: Partial<FieldRow>) =>
    setState((s) => ({
      ...s,
      fields: s.fields.map((field, i) => {
        if (i !== index) return field;
        const next = { ...field, ...patch };
        // Until the identifier is typed by hand, it follows the label.
        if (patch.label !== undefined && !next.nameTouched) next.name = nameFromLabel(patch.label);
        return next;
      }),
    }));
  const setFaq = (index: number, patch: Partial<FormState["faq"][number]>) =>
    set(
      "faq",
      state.faq.map((entry, i) => (i === index ? { ...entry, ...patch } : entry)),
    );

  const invalid = (key: string, describedBy?: string) => ({
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby":
      [describedBy, errors[key] ? `form-error-${key.replace(/\./g, "-")}` : undefined]
        .filter(Boolean)
        .join(" ") || undefined,
  });
  const problem = (key: string) =>
    errors[key] ? (
      <span id={`form-error-${key.replace(/\./g, "-")}`} className="field-error">
        {errors[key]}
      </span>
    ) : null;
  const text = (
    key:
      | "title"
      | "intro"
      | "consentText"
      | "submitLabel"
      | "thankYouTitle"
      | "thankYouText"
      | "minFillSeconds"
      | "rateLimitPerHour",
  ) => ({
    value: state[key],
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
    ...invalid(key),
  });

  function refuse(found: FormErrors, note: string | null = null) {
    setErrors(found);
    setSaveNote(note);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    const checked = checkForm(state);
    if (!checked.ok) return refuse(checked.errors);
    const answer = await save({ offerId: offer.id, input: checked.input });
    const data = answer.data?.saveLeadForm;
    if (data?.__typename === "DomainError") return refuse(apiFormErrors(data.fields ?? []), data.message);
    const outcome = outcomeOf<{ consentVersion: number }>(answer, "saveLeadForm");
    if (!outcome.ok) return refuse({}, outcome.message);
    setErrors({});
    setSaveNote(
      form && outcome.data.consentVersion !== form.consentVersion && outcome.data.consentVersion > 0
        ? `Saved. The consent text changed: new leads agree to version ${outcome.data.consentVersion}.`
        : "Saved.",
    );
    onChanged();
  }

  const errorList = Object.entries(errors);
  const consentChanged =
    form !== null && (form.consentText ?? "") !== state.consentText && state.consentText.trim() !== "";

  return (
    <>
      <div className="heading-row">
        <h1>Lead form: {offer.name}</h1>
        <StatusBadge status={offer.status} />
      </div>
      <p className="muted">
        The form visitors fill in to become this offer's leads — on the hosted page a click can land on, or
        embedded in your own pages.{" "}
        {form ? null : "This offer has no form yet: start from the fields below and save."}
      </p>
      <div className="form-builder">
        <form className="offer-form" onSubmit={onSave} aria-label="Lead form builder" noValidate>
          <fieldset disabled={readOnly}>
            <legend>What the visitor reads</legend>
            <Field label="Title" wide error={problem("title")}>
              <input maxLength={LIMITS.title} {...text("title")} />
            </Field>
            <Field label="Introduction" wide error={problem("intro")}>
              <textarea rows={2} {...text("intro")} placeholder="optional: a line above the fields" />
            </Field>
            <Field label="Submit button" error={problem("submitLabel")}>
              <input {...text("submitLabel")} />
            </Field>
          </fieldset>
          <fieldset disabled={readOnly}>
            <legend>Fields</legend>
            {problem("fields")}
            {state.fields.map((field, index) => (
              <fieldset className="wide row-group" key={field.id}>
                <legend>Field {index + 1}</legend>
                <Field label="Label" error={problem(`fields.${index}.label`)}>
                  <input
                    value={field.label}
                    onChange={(e) => setField(index, { label: e.target.value })}
                    {...invalid(`fields.${index}.label`)}
                  />
                </Field>
                <Field label="Type" error={problem(`fields.${index}.type`)}>
                  <select
                    value={field.type}
                    onChange={(e) => setField(index, { type: e.target.value as FieldRow["type"] })}
                  >
                    {LEAD_FIELD_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {FIELD_TYPE_WORDS[type]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="Identifier" error={problem(`fields.${index}.name`)}>
                  <input
                    value={field.name}
                    onChange={(e) => setField(index, { name: e.target.value, nameTouched: true })}
                    {...invalid(`fields.${index}.name`)}
                  />
                </Field>
                {field.type !== "checkbox" ? (
                  <Field label="Placeholder" error={problem(`fields.${index}.placeholder`)}>
                    <input
                      value={field.placeholder}
                      placeholder="optional"
                      onChange={(e) => setField(index, { placeholder: e.target.value })}
                      {...invalid(`fields.${index}.placeholder`)}
                    />
                  </Field>
                ) : null}
                {field.type === "text" ? (
                  <Field label="Maximum length" error={problem(`fields.${index}.maxLength`)}>
                    <input
                      inputMode="numeric"
                      value={field.maxLength}
                      placeholder={String(LIMITS.fieldValue)}
                      onChange={(e) => setField(index, { maxLength: e.target.value })}
                      {...invalid(`fields.${index}.maxLength`)}
                    />
                  </Field>
                ) : null}
                {field.type === "select" ? (
                  <Field label="Options (one per line)" wide error={problem(`fields.${index}.options`)}>
                    <textarea
                      rows={3}
                      value={field.optionsText}
                      onChange={(e) => setField(index, { optionsText: e.target.value })}
                      {...invalid(`fields.${index}.options`)}
                    />
                  </Field>
                ) : null}
                <label className="check">
                  <input
                    type="checkbox"
                    checked={field.required}
                    onChange={(e) => setField(index, { required: e.target.checked })}
                  />{" "}
                  {field.type === "checkbox" ? "Must be ticked" : "Required"}
                </label>
                <div className="row wide">
                  <button
                    type="button"
                    className="secondary"
                    disabled={index === 0}
                    aria-label={`Move field ${index + 1} up`}
                    onClick={() => set("fields", move(state.fields, index, -1))}
                  >
                    ↑ Up
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={index === state.fields.length - 1}
                    aria-label={`Move field ${index + 1} down`}
                    onClick={() => set("fields", move(state.fields, index, 1))}
                  >
                    ↓ Down
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      set(
                        "fields",
                        state.fields.filter((_, i) => i !== index),
                      )
                    }
                  >
                    Remove field {index + 1}
                  </button>
                </div>
              </fieldset>
            ))}
            <div className="row wide">
              <button
                type="button"
                className="secondary"
                disabled={state.fields.length >= LIMITS.fields}
                onClick={() => set("fields", [...state.fields, newField("text", state.fields.length)])}
              >
                Add field
              </button>
              <span className="muted">
                {state.fields.length} of at most {LIMITS.fields} fields.
              </span>
            </div>
          </fieldset>
          <fieldset disabled={readOnly}>
            <legend>Consent</legend>
            <Field label="Consent text" wide error={problem("consentText")}>
              <textarea rows={3} {...text("consentText")} {...invalid("consentText", "consent-help")} />
            </Field>
            <p id="consent-help" className="muted wide">
              Shown beside a box the visitor must tick; stored with each lead, with its version. Leave it
              empty for no consent box. {form ? `Current version: ${form.consentVersion || "none"}.` : ""}{" "}
              Editing the text makes a new version when you save
              {consentChanged ? ` (version ${(form?.consentVersion ?? 0) + 1})` : ""}.
            </p>
          </fieldset>
          <fieldset disabled={readOnly}>
            <legend>Thank-you page</legend>
            <Field label="Thank-you title" wide error={problem("thankYouTitle")}>
              <input {...text("thankYouTitle")} />
            </Field>
            <Field label="Thank-you text" wide error={problem("thankYouText")}>
              <textarea rows={2} {...text("thankYouText")} />
            </Field>
          </fieldset>
          <fieldset disabled={readOnly}>
            <legend>Chat FAQ</legend>
            <p className="muted wide">
              In chat mode, a visitor's question is answered by the entry with the most matching keywords
              before the contact questions. At most {LIMITS.faq} entries.
            </p>
            {problem("faq")}
            {state.faq.map((entry, index) => (
              <fieldset className="wide row-group" key={entry.id}>
                <legend>FAQ {index + 1}</legend>
                <Field label="Question" error={problem(`faq.${index}.question`)}>
                  <input
                    value={entry.question}
                    onChange={(e) => setFaq(index, { question: e.target.value })}
                    {...invalid(`faq.${index}.question`)}
                  />
                </Field>
                <Field label="Keywords (comma-separated)" error={problem(`faq.${index}.keywords`)}>
                  <input
                    value={entry.keywordsText}
                    onChange={(e) => setFaq(index, { keywordsText: e.target.value })}
                    {...invalid(`faq.${index}.keywords`)}
                  />
                </Field>
                <Field label="Answer" wide error={problem(`faq.${index}.answer`)}>
                  <textarea
                    rows={2}
                    value={entry.answer}
                    onChange={(e) => setFaq(index, { answer: e.target.value })}
                    {...invalid(`faq.${index}.answer`)}
                  />
                </Field>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    set(
                      "faq",
                      state.faq.filter((_, i) => i !== index),
                    )
                  }
                >
                  Remove FAQ {index + 1}
                </button>
              </fieldset>
            ))}
            <button
              type="button"
              className="secondary"
              disabled={state.faq.length >= LIMITS.faq}
              onClick={() =>
                set("faq", [...state.faq, { id: rowId(), question: "", keywordsText: "", answer: "" }])
              }
            >
              Add FAQ entry
            </button>
          </fieldset>
          <fieldset disabled={readOnly}>
            <legend>Spam protection</legend>
            <Field label="Minimum seconds to fill in" error={problem("minFillSeconds")}>
              <input inputMode="numeric" {...text("minFillSeconds")} />
            </Field>
            <Field label="Submissions per visitor per hour" error={problem("rateLimitPerHour")}>
              <input inputMode="numeric" {...text("rateLimitPerHour")} />
            </Field>
            <p className="muted wide">
              Faster submissions are bots'; a visitor's address over the limit waits. A hidden field catches
              the rest.
            </p>
          </fieldset>
          {readOnly ? null : (
            <div className="save-bar">
              <button type="submit" disabled={saving.fetching} aria-describedby="form-save-summary">
                Save form
              </button>
              <div
                id="form-save-summary"
                ref={summaryRef}
                tabIndex={-1}
                role="status"
                className="save-summary"
              >
                {errorList.length > 0 ? (
                  <>
                    <strong>
                      {errorList.length === 1 ? "One thing to fix" : `${errorList.length} things to fix`}{" "}
                      before saving:
                    </strong>
                    <ul>
                      {errorList.map(([key, sentence]) => (
                        <li key={key}>{sentence}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {saveNote && errorList.length === 0 ? <span>{saveNote}</span> : null}
              </div>
            </div>
          )}
        </form>
        <FormPreview state={state} />
      </div>
      <LandingPanel offer={offer} readOnly={readOnly} onChanged={onChanged} />
      {form ? (
        <EmbedPanel formKey={form.key} scriptUrl={form.widgetScriptUrl} hostedUrl={form.hostedUrl} />
      ) : (
        <section className="panel" aria-labelledby="embed-heading">
          <h2 id="embed-heading">Embed on your site</h2>
          <p className="muted">Save the form first: its snippet and hosted address appear here.</p>
        </section>
      )}
      <MagnetPanel offerId={offer.id} magnet={offer.leadMagnet} readOnly={readOnly} onChanged={onChanged} />
    </>
  );
}

function LandingPanel({
  offer,
  readOnly,
  onChanged,
}: {
  offer: Offer;
  readOnly: boolean;
  onChanged: () => void;
}) {
  const [mode, setMode] = useState(offer.landingMode);
  const [note, setNote] = useState<string | null>(null);
  const [saving, save] = useMutation(SetOfferLandingMutation);
  async function onSave(event: FormEvent) {
    event.preventDefault();
    const outcome = outcomeOf(await save({ offerId: offer.id, mode }), "setOfferLanding");
    setNote(
      outcome.ok
        ? mode === "HOSTED_FORM"
          ? "Clicks now land on the hosted form."
          : "Clicks now land on your landing URL."
        : outcome.message,
    );
    if (outcome.ok) onChanged();
  }
  return (
    <section className="panel" aria-labelledby="landing-heading">
      <h2 id="landing-heading">Where clicks land</h2>
      <p className="muted">Every publisher's tracking link sends its visitors here, with the click's id.</p>
      <form onSubmit={onSave} aria-label="Landing" noValidate>
        <fieldset className="plain" disabled={readOnly}>
          <legend className="visually-hidden">Landing</legend>
          <label className="check">
            <input
              type="radio"
              name="landing"
              value="URL"
              checked={mode === "URL"}
              onChange={() => setMode("URL")}
            />{" "}
            Your landing page: <code>{offer.landingUrl}</code>
          </label>
          <label className="check">
            <input
              type="radio"
              name="landing"
              value="HOSTED_FORM"
              checked={mode === "HOSTED_FORM"}
              disabled={!offer.leadForm}
              onChange={() => setMode("HOSTED_FORM")}
            />{" "}
            The hosted lead form
            {offer.leadForm ? (
              <>
                : <code>{offer.leadForm.hostedUrl}?click_id=…</code>
              </>
            ) : (
              " (save the form first)"
            )}
          </label>
        </fieldset>
        {readOnly ? null : (
          <div className="row">
            <button type="submit" disabled={saving.fetching || mode === offer.landingMode}>
              Use this landing
            </button>
            <span role="status">{note}</span>
          </div>
        )}
      </form>
    </section>
  );
}
