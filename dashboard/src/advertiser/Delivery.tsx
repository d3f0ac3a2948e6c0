// An offer's delivery to the advertiser's CRM: its destinations (a webhook or an e-mail inbox), a form
// to add or change one (field mapping, fixed fields, when to send, when the CRM's answer refuses a
// lead) with a preview of what a lead would look like, a test lead with its result, and each
// destination's attempt log with replay.

import { STANDARD_LEAD_FIELDS } from "@leadrail/db/lead-delivery";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import { Badge } from "../ui/Badge.tsx";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { outcomeOf } from "../ui/result.ts";
import { Empty, QueryState } from "../ui/states.tsx";
import { attemptSummary, DeliveryLog, OutcomeBadge } from "./DeliveryLog.tsx";
import {
  type DestinationErrors,
  type DestinationForm,
  EMPTY_DESTINATION,
  errorsOf,
  formFromDestination,
  inputFromForm,
  preview,
  validate,
} from "./delivery-form.ts";
import {
  type Attempt,
  AttemptLogQuery,
  CreateDestinationMutation,
  DeleteDestinationMutation,
  DeliveryScreenQuery,
  type Destination,
  RotateSecretMutation,
  SendTestLeadMutation,
  SetActiveMutation,
  UpdateDestinationMutation,
} from "./delivery-operations.ts";

const TRIGGER_WORDS = {
  REAL_TIME: "as soon as the lead arrives",
  ON_CONFIRMATION: "when the lead is confirmed",
} as const;
const FORMAT_WORDS = { JSON: "JSON", FORM: "form-encoded" } as const;

type Editing = { mode: "new" } | { mode: "edit"; destination: Destination } | null;
type SecretNote = { destination: string; secret: string; why: string };

export function OfferDelivery() {
  const { id = "" } = useParams();
  const [result, refetch] = useQuery({ query: DeliveryScreenQuery, variables: { offerId: id } });
  const [editing, setEditing] = useState<Editing>(null);
  const [secret, setSecret] = useState<SecretNote | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const offer = result.data?.offer;

  return (
    <section>
      <p>
        <Link to={offer ? `/offers/${offer.id}` : "/offers"}>← {offer ? offer.name : "Offers"}</Link>
      </p>
      <div className="heading-row">
        <h1>Delivery</h1>
        {offer && !editing ? (
          <button type="button" onClick={() => setEditing({ mode: "new" })}>
            Add destination
          </button>
        ) : null}
      </div>
      <p className="lede">
        Where the leads of {offer ? <strong>{offer.name}</strong> : "this offer"} go: your CRM's webhook or an
        e-mail inbox, as they arrive or once you confirm them. Every try is logged below with what we sent and
        what came back.
      </p>
      {secret ? <SecretPanel note={secret} onDone={() => setSecret(null)} /> : null}
      <QueryState
        {...result}
        retry={reload}
        isEmpty={(d) => d.offer === null}
        empty="This offer does not exist or is not yours."
      >
        {(data) =>
          data.offer ? (
            <>
              {editing ? (
                <DestinationEditor
                  key={editing.mode === "edit" ? editing.destination.id : "new"}
                  offer={data.offer}
                  destination={editing.mode === "edit" ? editing.destination : undefined}
                  onSaved={(saved) => {
                    setEditing(null);
                    if (saved.secret) {
                      setSecret({
                        destination: saved.name,
                        secret: saved.secret,
                        why: "Your CRM checks each request's X-Leadrail-Signature header with it.",
                      });
                    }
                    reload();
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : null}
              {data.leadDestinations.length === 0 && !editing ? (
                <Empty>
                  No destinations yet: leads of this offer only show in your Leads inbox. Add your CRM's
                  webhook or an e-mail address to receive them there too.
                </Empty>
              ) : null}
              {data.leadDestinations.map((destination) => (
                <DestinationCard
                  key={destination.id}
                  destination={destination}
                  onEdit={() => setEditing({ mode: "edit", destination })}
                  onSecret={(value) =>
                    setSecret({
                      destination: destination.name,
                      secret: value,
                      why: "The old secret no longer verifies: update your CRM now.",
                    })
                  }
                  onChanged={reload}
                />
              ))}
            </>
          ) : null
        }
      </QueryState>
    </section>
  );
}

function SecretPanel({ note, onDone }: { note: SecretNote; onDone: () => void }) {
  return (
    <div className="panel secret-once" role="status">
      <h2>Signing secret of {note.destination}</h2>
      <p>
        Shown this once: copy it into your CRM now. {note.why} It is never shown again; you can rotate it to
        get a new one.
      </p>
      <div className="integration-snippet">
        <code data-testid="destination-secret">{note.secret}</code>
        <CopyButton text={note.secret} label="Copy secret" />
        <button type="button" className="secondary" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </div>
  );
}

/** The refusal rule in a sentence, as the advertiser set it. */
function refusalInWords(rule: NonNullable<Destination["refusalRule"]>): string {
  const conditions = [
    rule.httpStatuses?.length ? `answers with status ${rule.httpStatuses.join(" or ")}` : null,
    rule.bodyContains ? `its answer contains “${rule.bodyContains}”` : null,
    rule.jsonPath ? `${rule.jsonPath} in its answer is “${rule.equals ?? ""}”` : null,
  ].filter(Boolean);
  const reason = rule.reasonPath
    ? `its own message at ${rule.reasonPath}, else “${rule.reason}”`
    : `“${rule.reason}”`;
  return `Refused when your CRM ${conditions.join(" and ")}; reason: ${reason}.`;
}

function DestinationCard(props: {
  destination: Destination;
  onEdit: () => void;
  onSecret: (secret: string) => void;
  onChanged: () => void;
}) {
  const { destination } = props;
  const client = useClient();
  const [note, setNote] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<
    { state: "waiting" } | { state: "done"; attempt: Attempt } | null
  >(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);
  const [testing, sendTest] = useMutation(SendTestLeadMutation);
  const [, setActive] = useMutation(SetActiveMutation);
  const [, rotate] = useMutation(RotateSecretMutation);
  const [, remove] = useMutation(DeleteDestinationMutation);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  async function onSendTest() {
    setNote(null);
    const outcome = outcomeOf<string>(await sendTest({ destinationId: destination.id }), "sendTestLead");
    if (!outcome.ok) {
      setNote(outcome.message);
      return;
    }
    setTestResult({ state: "waiting" });
    // The tracker's worker sends it in a moment: read the attempt log until its attempt is there.
    for (let tries = 0; tries < 60 && alive.current; tries++) {
      await new Promise((resolve) => setTimeout(resolve, tries < 5 ? 500 : 1000));
      const answer = await client
        .query(AttemptLogQuery, { destinationId: destination.id }, { requestPolicy: "network-only" })
        .toPromise();
      const attempt = answer.data?.leadDeliveryAttempts.edges
        .map((edge) => edge.node)
        .find((node) => node.deliveryId === outcome.data);
      if (attempt) {
        setTestResult({ state: "done", attempt });
        setRefreshKey((key) => key + 1);
        return;
      }
    }
    if (alive.current) {
      setTestResult(null);
      setNote("The test lead is queued but has not been sent yet; its attempt will show in the log below.");
      setRefreshKey((key) => key + 1);
    }
  }

  async function onToggle() {
    const outcome = outcomeOf(
      await setActive({ id: destination.id, active: !destination.active }),
      "setLeadDestinationActive",
    );
    setNote(
      outcome.ok
        ? destination.active
          ? "Switched off: new leads no longer go here (test leads and replays still do)."
          : "Switched on: new leads go here again."
        : outcome.message,
    );
    props.onChanged();
  }

  async function onRotate() {
    const outcome = outcomeOf<{ secret: string | null }>(
      await rotate({ id: destination.id }),
      "rotateLeadDestinationSecret",
    );
    if (outcome.ok && outcome.data.secret) props.onSecret(outcome.data.secret);
    else if (!outcome.ok) setNote(outcome.message);
  }

  async function onDelete() {
    const outcome = outcomeOf(await remove({ id: destination.id }), "deleteLeadDestination");
    if (outcome.ok) props.onChanged();
    else setNote(outcome.message);
  }

  const headingId = useId();
  return (
    <article className="panel destination" aria-labelledby={headingId} data-destination-id={destination.id}>
      <div className="heading-row">
        <h2 id={headingId}>{destination.name}</h2>
        <span>
          <Badge tone={destination.active ? "active" : "paused"}>{destination.active ? "on" : "off"}</Badge>{" "}
          <span className="muted">{destination.kind === "WEBHOOK" ? "Webhook" : "E-mail"}</span>
        </span>
      </div>
      <dl className="destination-facts">
        <dt>Sends to</dt>
        <dd>
          {destination.kind === "WEBHOOK" ? (
            <>
              <code>{destination.url}</code> ({FORMAT_WORDS[destination.format]}
              {destination.signed ? ", signed" : ""})
            </>
          ) : (
            destination.recipients.join(", ")
          )}
        </dd>
        <dt>When</dt>
        <dd>{TRIGGER_WORDS[destination.trigger]}</dd>
        <dt>Fields</dt>
        <dd>
          {destination.fieldMapping.length
            ? destination.fieldMapping.map((m) => `${m.from} → ${m.to}`).join(", ")
            : "every lead field under its own name"}
          {destination.staticFields.length
            ? `; always ${destination.staticFields.map((f) => `${f.name} = ${f.value}`).join(", ")}`
            : ""}
        </dd>
        {destination.kind === "WEBHOOK" ? (
          <>
            <dt>Refusals</dt>
            <dd>
              {destination.refusalRule
                ? refusalInWords(destination.refusalRule)
                : "Only a failed HTTP status counts; your CRM's answer never refuses a lead."}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="actions-row">
        <button
          type="button"
          onClick={() => void onSendTest()}
          disabled={testing.fetching || testResult?.state === "waiting"}
        >
          Send test lead
        </button>
        <button type="button" className="secondary" onClick={props.onEdit}>
          Edit
        </button>
        <button type="button" className="secondary" onClick={() => void onToggle()}>
          {destination.active ? "Switch off" : "Switch on"}
        </button>
        {destination.kind === "WEBHOOK" ? (
          <button type="button" className="secondary" onClick={() => setConfirm("rotate")}>
            Rotate secret…
          </button>
        ) : null}
        <button type="button" className="danger" onClick={() => setConfirm("delete")}>
          Delete…
        </button>
      </div>
      {testResult ? (
        <div className="test-result" role="status" data-testid="test-result">
          {testResult.state === "waiting" ? (
            <p aria-busy="true">Sending the test lead…</p>
          ) : (
            <p>
              <OutcomeBadge attempt={testResult.attempt} /> Test lead: {attemptSummary(testResult.attempt)}
            </p>
          )}
        </div>
      ) : null}
      {note ? (
        <p role="status" className="notice">
          {note}
        </p>
      ) : null}
      <h3>Attempt log</h3>
      <DeliveryLog
        label={`Attempt log of ${destination.name}`}
        destinationId={destination.id}
        refreshKey={refreshKey}
        empty="Nothing sent here yet. Send a test lead to see what your CRM receives."
        canReplay
      />
      <ConfirmDialog
        open={confirm === "rotate"}
        title={`Rotate the secret of ${destination.name}?`}
        confirmLabel="Rotate now"
        danger
        onConfirm={() => void onRotate()}
        onClose={() => setConfirm(null)}
      >
        <p>
          A new secret replaces the current one at once. Until your CRM uses the new one, it cannot verify our
          requests.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        title={`Delete ${destination.name}?`}
        confirmLabel="Delete"
        danger
        onConfirm={() => void onDelete()}
        onClose={() => setConfirm(null)}
      >
        <p>
          Leads stop going here. A destination that has received real leads keeps its log: switch it off
          instead.
        </p>
      </ConfirmDialog>
    </article>
  );
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} className="field-error">
      {text}
    </p>
  ) : null;
}

/** One labelled input with its hint and its error below it. */
function FieldRow(props: {
  children: ReactNode;
  hint?: ReactNode;
  errorId: string;
  error: string | undefined;
}) {
  return (
    <div className="field">
      {props.children}
      {props.hint}
      <FieldError id={props.errorId} text={props.error} />
    </div>
  );
}

function DestinationEditor(props: {
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
  const ids = useId();
  const errorId = (key: string) => `${ids}-error-${key.replace(/\./g, "-")}`;
  const described = (key: string) =>
    errors[key] ? { "aria-invalid": true as const, "aria-describedby": errorId(key) } : {};
  const [tried, setTried] = useState(false);
  // Once a save was refused, each change re-checks the form: a fixed field's message goes away as it is fixed.
  const set = <K extends keyof DestinationForm>(key: K, value: DestinationForm[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    if (tried) {
      const left = validate(next);
      setErrors(left);
      if (Object.keys(left).length === 0) setMessage(null);
    }
  };
  const webhook = form.kind === "WEBHOOK";
  const shown = preview(form, props.offer);

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

  const ourFields = `${ids}-our-fields`;
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

      <fieldset>
        <legend>Field mapping</legend>
        <p className="muted">
          Each row sends one of our lead fields under your CRM's name for it. Combine fields with braces, e.g.{" "}
          <code>{"{name} ({phone})"}</code>. No rows: every lead field is sent under its own name.
        </p>
        <datalist id={ourFields}>
          {STANDARD_LEAD_FIELDS.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <table className="mapping-table">
          <thead>
            <tr>
              <th scope="col">Our field</th>
              <th scope="col">Your CRM's field name</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {form.mapping.map((row, index) => {
              const key = `fieldMapping.${index}`;
              const rowError = errors[`${key}.from`] ?? errors[`${key}.to`] ?? errors[key];
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                <tr key={index}>
                  <td>
                    <input
                      aria-label={`Our field ${index + 1}`}
                      list={ourFields}
                      value={row.from}
                      onChange={(e) =>
                        set(
                          "mapping",
                          form.mapping.map((r, i) => (i === index ? { ...r, from: e.target.value } : r)),
                        )
                      }
                      {...(rowError ? { "aria-invalid": true, "aria-describedby": errorId(key) } : {})}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`CRM field name ${index + 1}`}
                      value={row.to}
                      onChange={(e) =>
                        set(
                          "mapping",
                          form.mapping.map((r, i) => (i === index ? { ...r, to: e.target.value } : r)),
                        )
                      }
                      {...(rowError ? { "aria-invalid": true, "aria-describedby": errorId(key) } : {})}
                    />
                    <FieldError id={errorId(key)} text={rowError} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Remove field ${index + 1}`}
                      onClick={() =>
                        set(
                          "mapping",
                          form.mapping.filter((_, i) => i !== index),
                        )
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FieldError id={errorId("fieldMapping")} text={errors.fieldMapping} />
        <button
          type="button"
          className="secondary"
          onClick={() => set("mapping", [...form.mapping, { from: "", to: "" }])}
        >
          Add a field
        </button>
      </fieldset>

      <fieldset>
        <legend>Fixed fields</legend>
        <p className="muted">Sent with every lead as they are: a campaign id, the key your CRM asks for…</p>
        {form.statics.length ? (
          <table className="mapping-table">
            <thead>
              <tr>
                <th scope="col">Field name</th>
                <th scope="col">Value</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.statics.map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                <tr key={index}>
                  <td>
                    <input
                      aria-label={`Fixed field name ${index + 1}`}
                      value={row.name}
                      onChange={(e) =>
                        set(
                          "statics",
                          form.statics.map((r, i) => (i === index ? { ...r, name: e.target.value } : r)),
                        )
                      }
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Fixed field value ${index + 1}`}
                      value={row.value}
                      onChange={(e) =>
                        set(
                          "statics",
                          form.statics.map((r, i) => (i === index ? { ...r, value: e.target.value } : r)),
                        )
                      }
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Remove fixed field ${index + 1}`}
                      onClick={() =>
                        set(
                          "statics",
                          form.statics.filter((_, i) => i !== index),
                        )
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <FieldError id={errorId("staticFields")} text={errors.staticFields} />
        <button
          type="button"
          className="secondary"
          onClick={() => set("statics", [...form.statics, { name: "", value: "" }])}
        >
          Add a fixed field
        </button>
      </fieldset>

      {webhook ? (
        <fieldset className="refusal-rule">
          <legend>When your CRM says no</legend>
          <p className="muted">
            Some CRMs answer “we don't take this lead” (a duplicate, an area they don't serve). Describe that
            answer and we reject the lead with your reason. Leave it all empty if your CRM never refuses
            leads.
          </p>
          <p className="sentence">
            <label>
              Treat the lead as refused when your CRM answers with status{" "}
              <input
                className="short"
                value={form.refuseStatuses}
                onChange={(e) => set("refuseStatuses", e.target.value)}
                placeholder="409, 422"
                {...described("refusalRule.httpStatuses")}
              />
            </label>{" "}
            <label>
              and its answer contains{" "}
              <input
                value={form.refuseContains}
                onChange={(e) => set("refuseContains", e.target.value)}
                placeholder="duplicate"
                {...described("refusalRule.bodyContains")}
              />
            </label>
          </p>
          <FieldError id={errorId("refusalRule.httpStatuses")} text={errors["refusalRule.httpStatuses"]} />
          <FieldError id={errorId("refusalRule.bodyContains")} text={errors["refusalRule.bodyContains"]} />
          <p className="sentence">
            <label>
              Reason we record on the lead{" "}
              <input
                value={form.refuseReason}
                onChange={(e) => set("refuseReason", e.target.value)}
                placeholder="Duplicate in our CRM"
                {...described("refusalRule.reason")}
              />
            </label>
          </p>
          <FieldError id={errorId("refusalRule.reason")} text={errors["refusalRule.reason"]} />
          <FieldError id={errorId("refusalRule")} text={errors.refusalRule} />
          <details>
            <summary>More: a value inside a JSON answer</summary>
            <p className="sentence">
              <label>
                …and the value at{" "}
                <input
                  value={form.refuseJsonPath}
                  onChange={(e) => set("refuseJsonPath", e.target.value)}
                  placeholder="result.status"
                  {...described("refusalRule.jsonPath")}
                />
              </label>{" "}
              <label>
                is{" "}
                <input
                  value={form.refuseEquals}
                  onChange={(e) => set("refuseEquals", e.target.value)}
                  placeholder="rejected"
                  {...described("refusalRule.equals")}
                />
              </label>
            </p>
            <FieldError id={errorId("refusalRule.jsonPath")} text={errors["refusalRule.jsonPath"]} />
            <FieldError id={errorId("refusalRule.equals")} text={errors["refusalRule.equals"]} />
            <p className="sentence">
              <label>
                Use your CRM's own message at{" "}
                <input
                  value={form.refuseReasonPath}
                  onChange={(e) => set("refuseReasonPath", e.target.value)}
                  placeholder="error.message"
                  {...described("refusalRule.reasonPath")}
                />
              </label>{" "}
              as the reason when it gives one.
            </p>
            <FieldError id={errorId("refusalRule.reasonPath")} text={errors["refusalRule.reasonPath"]} />
          </details>
        </fieldset>
      ) : null}

      <label className="inline">
        <input type="checkbox" checked={form.active} onChange={(e) => set("active", e.target.checked)} /> Send
        new leads here (switch off to prepare it and try it with test leads first)
      </label>

      <section className="payload-preview" aria-label="Preview">
        <h3>What a lead looks like there</h3>
        {shown ? (
          <>
            <p className="muted">A sample lead, mapped as above. {shown.heading}</p>
            <pre data-testid="payload-preview">{shown.body}</pre>
          </>
        ) : (
          <p className="muted">The preview shows once the settings above are complete.</p>
        )}
      </section>

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
