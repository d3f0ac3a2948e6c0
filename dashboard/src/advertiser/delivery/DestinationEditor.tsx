// The form that adds a destination or changes one: how and where it sends, when, the field mapping,
// fixed fields and refusal rule, whether it is on, and a preview of what a lead looks like there.
// Checked by the same rules as the API (delivery-form.ts); the API's own refusals land on the fields.
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { outcomeOf } from "../../ui/result.ts";
import {
  type DestinationErrors,
  type DestinationForm,
  EMPTY_DESTINATION,
  errorsOf,
  formFromDestination,
  inputFromForm,
  validate,
} from "../delivery-form.ts";
import {
  CreateDestinationMutation,
  type Destination,
  UpdateDestinationMutation,
} from "../delivery-operations.ts";
import { FieldMappingEditor } from "./FieldMappingEditor.tsx";
import { FixedFieldsEditor } from "./FixedFieldsEditor.tsx";
import { FieldRow, type SetField, useFieldErrors } from "./form-fields.tsx";
import { PayloadPreview } from "./PayloadPreview.tsx";
import { RefusalRuleEditor } from "./RefusalRuleEditor.tsx";

export function DestinationEditor(props: {
  offer: { id: string; name: string };
  destination?: Destination;
  onSaved: (saved: { name: string; secret: string | null }) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<DestinationForm>(
    props.destination ? formFromDestination(props.destination) : EMPTY_DESTINATION,
  );
  const [errors, setErrors] = useState<DestinationErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [creating, create] = useMutation(CreateDestinationMutation);
  const [updating, update] = useMutation(UpdateDestinationMutation);
  const fieldErrors = useFieldErrors(errors);
  const { errorId, described } = fieldErrors;
  const [tried, setTried] = useState(false);
  // Once a save was refused, each change re-checks the form: a fixed field's message goes away as it is fixed.
  const set: SetField = (key, value) => {
    const next = { ...form, [key]: value };
    setForm(next);
    if (tried) {
      const left = validate(next);
      setErrors(left);
      if (Object.keys(left).length === 0) setMessage(null);
    }
  };
  const webhook = form.kind === "WEBHOOK";

  async function save(event: FormEvent) {
    event.preventDefault();
    const local = validate(form);
    setTried(true);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setMessage("Some settings need a change: see the messages beside them.");
      return;
    }
    const input = inputFromForm(form) as never;
    const answer = props.destination
      ? await update({ id: props.destination.id, input })
      : await create({ offerId: props.offer.id, input });
    const field = props.destination ? "updateLeadDestination" : "createLeadDestination";
    const value = (
      answer.data as
        | Record<string, { __typename: string; fields?: { path: string[]; message: string }[] | null }>
        | undefined
    )?.[field];
    if (value?.__typename === "DomainError" && value.fields?.length) setErrors(errorsOf(value.fields));
    const outcome = outcomeOf<{ secret: string | null; destination: { name: string } }>(answer, field);
    if (outcome.ok) props.onSaved({ name: outcome.data.destination.name, secret: outcome.data.secret });
    else setMessage(outcome.message);
  }

  return (
    <form className="panel destination-form" onSubmit={save} noValidate aria-label="Destination settings">
      <h2>{props.destination ? `Edit ${props.destination.name}` : "New destination"}</h2>
      <fieldset className="choice">
        <legend>Send leads by</legend>
        <label>
          <input type="radio" name="kind" checked={webhook} onChange={() => set("kind", "WEBHOOK")} /> Webhook
          (your CRM's web address)
        </label>
        <label>
          <input type="radio" name="kind" checked={!webhook} onChange={() => set("kind", "EMAIL")} /> E-mail
        </label>
      </fieldset>
      <FieldRow errorId={errorId("name")} error={errors.name}>
        <label>
          Name
          <input
            value={form.name}
            onChange={(e) => set("name", e.target.value)}
            placeholder="Acme CRM"
            {...described("name")}
          />
        </label>
      </FieldRow>
      {webhook ? (
        <>
          <FieldRow errorId={errorId("url")} error={errors.url}>
            <label>
              URL
              <input
                value={form.url}
                onChange={(e) => set("url", e.target.value)}
                placeholder="https://crm.example.com/api/leads"
                inputMode="url"
                {...described("url")}
              />
            </label>
          </FieldRow>
          <FieldRow errorId={errorId("format")} error={errors.format}>
            <label>
              Format
              <select value={form.format} onChange={(e) => set("format", e.target.value as "JSON" | "FORM")}>
                <option value="JSON">JSON</option>
                <option value="FORM">Form-encoded (like a web form)</option>
              </select>
            </label>
          </FieldRow>
        </>
      ) : (
        <FieldRow
          errorId={errorId("recipients")}
          error={errors.recipients}
          hint={<p className="muted">Up to 10 addresses, separated by commas.</p>}
        >
          <label>
            Recipients
            <input
              value={form.recipients}
              onChange={(e) => set("recipients", e.target.value)}
              placeholder="sales@example.com"
              {...described("recipients")}
            />
          </label>
        </FieldRow>
      )}
      <fieldset className="choice">
        <legend>When to send a lead</legend>
        <label>
          <input
            type="radio"
            name="trigger"
            checked={form.trigger === "REAL_TIME"}
            onChange={() => set("trigger", "REAL_TIME")}
          />{" "}
          As soon as it arrives
        </label>
        <label>
          <input
            type="radio"
            name="trigger"
            checked={form.trigger === "ON_CONFIRMATION"}
            onChange={() => set("trigger", "ON_CONFIRMATION")}
          />{" "}
          When it is confirmed (by you, or automatically)
        </label>
      </fieldset>

      <FieldMappingEditor
        rows={form.mapping}
        onChange={(rows) => set("mapping", rows)}
        fieldErrors={fieldErrors}
      />
      <FixedFieldsEditor
        rows={form.statics}
        onChange={(rows) => set("statics", rows)}
        fieldErrors={fieldErrors}
      />
      {webhook ? <RefusalRuleEditor form={form} set={set} fieldErrors={fieldErrors} /> : null}

      <label className="inline">
        <input type="checkbox" checked={form.active} onChange={(e) => set("active", e.target.checked)} /> Send
        new leads here (switch off to prepare it and try it with test leads first)
      </label>

      <PayloadPreview form={form} offer={props.offer} />

      {message ? (
        <p role="alert" className="field-error">
          {message}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={creating.fetching || updating.fetching}>
          {props.destination ? "Save changes" : "Add destination"}
        </button>
      </div>
    </form>
  );
}
