// Create or edit an offer: every term the API has (payout, targeting, caps of each scope, return window,
// lead quality), custom payouts per publisher, status; and the postback instructions. The lead form
// (fields, consent, magnet, where clicks land) has its own screen, linked from here. Refusals show
// beside the input that caused them and in a summary at the Save button.
import { LANDING_MACROS } from "@leadrail/db/macros";
import {
  CAP_METRICS,
  CAP_PERIODS,
  DEVICE_TYPES,
  QUALITY_POLICIES,
  QUALITY_POLICY_WORDS,
} from "@leadrail/db/offer-terms";
import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { Field } from "../ui/Field.tsx";
import { formatEnum } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { type PickerOption, SearchPicker } from "../ui/SearchPicker.tsx";
import { QueryState } from "../ui/states.tsx";
import { CustomPayouts } from "./CustomPayouts.tsx";
import { apiFieldErrors, errorId, type FieldErrors } from "./offer-errors.ts";
import { type CapRow, EMPTY_FORM, formFromOffer, inputFromForm, type OfferForm } from "./offer-form.ts";
import {
  CreateOfferMutation,
  OfferQuery,
  SetOfferStatusMutation,
  SetQualityRulesMutation,
  UpdateOfferMutation,
} from "./offer-operations.ts";
import { useOfferPublisherSearch } from "./offer-publisher-search.ts";
import type { OfferData } from "./offer-types.ts";

const NEXT_STATUS: Record<string, ("ACTIVE" | "PAUSED" | "ARCHIVED")[]> = {
  DRAFT: ["ACTIVE", "ARCHIVED"],
  ACTIVE: ["PAUSED", "ARCHIVED"],
  PAUSED: ["ACTIVE", "ARCHIVED"],
  ARCHIVED: [],
};
const SCOPE_WORDS = {
  OFFER: "whole offer",
  PER_PUBLISHER: "each publisher separately",
  PUBLISHER: "one publisher",
};

type ErrorShape = {
  message: string;
  fields?: readonly { path: readonly string[]; message: string }[] | null;
};
/** The DomainError of a mutation answer, if it was refused with one. */
function refusal(data: unknown, field: string): ErrorShape | null {
  const value = (data as Record<string, { __typename?: string } & ErrorShape> | undefined)?.[field];
  return value?.__typename === "DomainError" ? value : null;
}

export function OfferEditor() {
  const { id } = useParams();
  const [result, refetch] = useQuery({ query: OfferQuery, variables: { id: id ?? "" }, pause: !id });
  if (!id) return <OfferFormView initial={EMPTY_FORM} />;
  return (
    <QueryState
      {...result}
      retry={() => refetch({ requestPolicy: "network-only" })}
      isEmpty={(d) => d.offer === null}
      empty="This offer does not exist or is not yours."
    >
      {(data) =>
        data.offer ? (
          <OfferFormView
            key={data.offer.id}
            initial={formFromOffer(data.offer)}
            offer={data.offer}
            onChanged={() => refetch({ requestPolicy: "network-only" })}
          />
        ) : null
      }
    </QueryState>
  );
}

/** The names of the publishers the offer already names (caps, custom payouts), by id: what a publisher
 * picker shows for a saved choice before anything is searched. */
function namedPublishers(offer: OfferData | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const cap of offer?.caps ?? []) if (cap.publisher) names.set(cap.publisher.id, cap.publisher.name);
  for (const { node } of offer?.customPayouts.edges ?? []) names.set(node.publisher.id, node.publisher.name);
  return names;
}

function OfferFormView({
  initial,
  offer,
  onChanged,
}: {
  initial: OfferForm;
  offer?: OfferData;
  onChanged?: () => void;
}) {
  const me = useMe();
  const navigate = useNavigate();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saveNote, setSaveNote] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [creating, create] = useMutation(CreateOfferMutation);
  const [updating, update] = useMutation(UpdateOfferMutation);
  const [settingQuality, setQuality] = useMutation(SetQualityRulesMutation);
  const [, setStatus] = useMutation(SetOfferStatusMutation);
  // Picked names are kept here (not in the picker) so a row re-made by adding or removing a cap still
  // shows its publisher's name.
  const publisherNames = useRef<Map<string, string> | null>(null);
  publisherNames.current ??= namedPublishers(offer);
  const searchPublishers = useOfferPublisherSearch(offer?.id);
  const publisherOption = (id: string): PickerOption | null => {
    const label = id ? publisherNames.current?.get(id) : undefined;
    return label ? { id, label } : null;
  };
  const set = <K extends keyof OfferForm>(key: K, value: OfferForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const setQualityField = (key: keyof OfferForm["quality"], value: string) =>
    setForm((f) => ({ ...f, quality: { ...f.quality, [key]: value } }));

  /** The error wiring of one input: aria-invalid and the id of the message beside it. */
  const invalid = (key: string, describedBy?: string) => ({
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby":
      [describedBy, errors[key] ? errorId(key) : undefined].filter(Boolean).join(" ") || undefined,
  });
  const problem = (key: string) =>
    errors[key] ? (
      <span id={errorId(key)} className="field-error">
        {errors[key]}
      </span>
    ) : null;
  const text = (key: "name" | "vertical" | "description" | "landingUrl" | "fallbackUrl") => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
  });
  const count = (key: "holdDays" | "returnWindowDays" | "attributionWindowHours") => ({
    value: form[key],
    inputMode: "numeric" as const,
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
    ...invalid(key),
  });

  /** Shows refusals and moves focus to the summary at the Save button, which lists them all. */
  function refuse(found: FieldErrors, note: string | null = null) {
    setErrors(found);
    setSaveNote(note);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const built = inputFromForm(form);
    if (!built.ok) {
      refuse(built.errors);
      return;
    }
    let offerId = offer?.id;
    if (!offer) {
      const answer = await create({ input: built.input });
      const refused = refusal(answer.data, "createOffer");
      if (refused) return refuse(apiFieldErrors(refused.fields ?? [], form), refused.message);
      const outcome = outcomeOf<{ id: string }>(answer, "createOffer");
      if (!outcome.ok) return refuse({}, outcome.message);
      offerId = outcome.data.id;
    } else {
      // The currency of an offer with conversions cannot change: send it only when it did.
      const { currency, ...rest } = built.input;
      const input = currency === offer.currency ? rest : built.input;
      const answer = await update({ id: offer.id, input });
      const refused = refusal(answer.data, "updateOffer");
      if (refused) return refuse(apiFieldErrors(refused.fields ?? [], form), refused.message);
      const outcome = outcomeOf(answer, "updateOffer");
      if (!outcome.ok) return refuse({}, outcome.message);
    }
    const quality = await setQuality({ offerId: offerId as string, input: built.quality });
    const refusedQuality = refusal(quality.data, "setOfferQualityRules");
    if (refusedQuality) {
      return refuse(apiFieldErrors(refusedQuality.fields ?? [], form, ["quality"]), refusedQuality.message);
    }
    const qualityOutcome = outcomeOf(quality, "setOfferQualityRules");
    if (!qualityOutcome.ok) return refuse({}, qualityOutcome.message);
    setErrors({});
    if (!offer) {
      navigate(`/offers/${offerId}`);
      return;
    }
    setSaveNote("Saved.");
    onChanged?.();
  }

  async function move(status: "ACTIVE" | "PAUSED" | "ARCHIVED") {
    if (!offer) return;
    const outcome = outcomeOf(await setStatus({ id: offer.id, status }), "setOfferStatus");
    setMessage(outcome.ok ? `Offer ${formatEnum(status).toLowerCase()}.` : outcome.message);
    onChanged?.();
  }

  const setCap = (index: number, patch: Partial<CapRow>) =>
    set(
      "caps",
      form.caps.map((cap, i) => (i === index ? { ...cap, ...patch } : cap)),
    );
  const readOnly = (me.role !== "ADVERTISER" && me.role !== "ADMIN") || offer?.status === "ARCHIVED";
  const currencies = [...new Set(["USD", "EUR", "GBP", form.currency])];
  const errorList = Object.entries(errors);
  const saving = creating.fetching || updating.fetching || settingQuality.fetching;

  return (
    <section>
      <p>
        <Link to="/offers">← Offers</Link>
      </p>
      <div className="heading-row">
        <h1>{offer ? form.name || "Offer" : "New offer"}</h1>
        {offer ? (
          <span>
            <StatusBadge status={offer.status} />{" "}
            {(NEXT_STATUS[offer.status] ?? []).map((status) => (
              <button key={status} type="button" className="secondary" onClick={() => move(status)}>
                {status === "ACTIVE" ? "Activate" : status === "PAUSED" ? "Pause" : "Archive"}
              </button>
            ))}
          </span>
        ) : null}
      </div>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      {offer?.status === "ARCHIVED" ? <p className="muted">An archived offer can no longer change.</p> : null}
      {offer ? (
        <>
          <p>
            <Link to={`/offers/${offer.id}/delivery`}>Delivery to your CRM →</Link>{" "}
            <span className="muted">where this offer's leads are sent (webhook or e-mail)</span>
          </p>
          <p className="lead-form-link">
            <Link className="button secondary" to={`/offers/${offer.id}/form`}>
              Lead form
            </Link>{" "}
            <span className="muted">
              {offer.leadForm
                ? `Fields, consent (version ${offer.leadForm.consentVersion}), lead magnet, embed snippet; clicks land on ${
                    offer.landingMode === "HOSTED_FORM" ? "the hosted form" : "the landing URL"
                  }.`
                : "No lead form yet: build one to collect leads on a hosted page or in your own site."}
            </span>
          </p>
        </>
      ) : null}
      <form className="offer-form" onSubmit={save} noValidate>
        <fieldset disabled={readOnly}>
          <legend>Offer</legend>
          <Field label="Name" error={problem("name")}>
            <input required {...text("name")} {...invalid("name")} />
          </Field>
          <Field label="Vertical" error={problem("vertical")}>
            <input required {...text("vertical")} placeholder="insurance" {...invalid("vertical")} />
          </Field>
          <Field label="Description" wide error={problem("description")}>
            <textarea rows={3} {...text("description")} {...invalid("description")} />
          </Field>
          <Field label="Landing URL" wide error={problem("landingUrl")}>
            <input required {...text("landingUrl")} {...invalid("landingUrl", "landing-macros")} />
          </Field>
          <p id="landing-macros" className="muted wide">
            Macros: {LANDING_MACROS.map((macro) => `{${macro}}`).join(" ")}; any other <code>{"{name}"}</code>{" "}
            is filled from the click's parameter of that name (e.g. <code>{"{gclid}"}</code>).
          </p>
          <Field label="Fallback URL" wide error={problem("fallbackUrl")}>
            <input {...text("fallbackUrl")} placeholder="optional" {...invalid("fallbackUrl")} />
          </Field>
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Payout</legend>
          <Field label="Model" error={problem("payoutModel")}>
            <select
              value={form.payoutModel}
              onChange={(event) => set("payoutModel", event.target.value as OfferForm["payoutModel"])}
            >
              <option value="CPL">CPL (per lead)</option>
              <option value="CPA">CPA (per action)</option>
              <option value="REVSHARE">Revenue share</option>
            </select>
          </Field>
          <Field label="Currency" error={problem("currency")}>
            <select value={form.currency} onChange={(event) => set("currency", event.target.value)}>
              {currencies.map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </Field>
          {form.payoutModel === "REVSHARE" ? (
            <>
              <Field label="Publisher share (%)" error={problem("payoutShareBps")}>
                <input
                  inputMode="decimal"
                  value={form.payoutSharePercent}
                  onChange={(e) => set("payoutSharePercent", e.target.value)}
                  {...invalid("payoutShareBps")}
                />
              </Field>
              <Field label="Your cost share (%)" error={problem("revenueShareBps")}>
                <input
                  inputMode="decimal"
                  value={form.revenueSharePercent}
                  onChange={(e) => set("revenueSharePercent", e.target.value)}
                  {...invalid("revenueShareBps")}
                />
              </Field>
            </>
          ) : (
            <>
              <Field label={`Publisher payout (${form.currency})`} error={problem("payout")}>
                <input
                  inputMode="decimal"
                  value={form.payout}
                  onChange={(e) => set("payout", e.target.value)}
                  {...invalid("payout")}
                />
              </Field>
              <Field label={`You pay per conversion (${form.currency})`} error={problem("revenue")}>
                <input
                  inputMode="decimal"
                  value={form.revenue}
                  onChange={(e) => set("revenue", e.target.value)}
                  {...invalid("revenue")}
                />
              </Field>
            </>
          )}
          <Field label="Confirmation" error={problem("confirmationMode")}>
            <select
              value={form.confirmationMode}
              onChange={(event) =>
                set("confirmationMode", event.target.value as OfferForm["confirmationMode"])
              }
            >
              <option value="MANUAL">manual (leads inbox)</option>
              <option value="AUTO">automatic</option>
            </select>
          </Field>
          <Field label="Hold (days)" error={problem("holdDays")}>
            <input {...count("holdDays")} />
          </Field>
          <Field label="Return window (days)" error={problem("returnWindowDays")}>
            <input {...count("returnWindowDays")} />
          </Field>
          <Field label="Attribution window (hours)" error={problem("attributionWindowHours")}>
            <input {...count("attributionWindowHours")} />
          </Field>
          <Field label="Visibility" error={problem("visibility")}>
            <select
              value={form.visibility}
              onChange={(event) => set("visibility", event.target.value as OfferForm["visibility"])}
            >
              <option value="PUBLIC">public</option>
              <option value="APPROVAL_REQUIRED">approval required</option>
              <option value="PRIVATE">private (invitation)</option>
            </select>
          </Field>
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Targeting</legend>
          <Field label="Countries (ISO codes, empty = everywhere)" wide error={problem("countries")}>
            <input
              value={form.countries}
              onChange={(e) => set("countries", e.target.value)}
              placeholder="US, CA"
              {...invalid("countries")}
            />
          </Field>
          <fieldset className="wide inline" {...invalid("devices")}>
            <legend>Devices (none = every device)</legend>
            {DEVICE_TYPES.map((device) => (
              <label key={device} className="check">
                <input
                  type="checkbox"
                  checked={form.devices.includes(device)}
                  onChange={(event) =>
                    set(
                      "devices",
                      event.target.checked
                        ? [...form.devices, device]
                        : form.devices.filter((d) => d !== device),
                    )
                  }
                />{" "}
                {formatEnum(device)}
              </label>
            ))}
            {problem("devices")}
          </fieldset>
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Caps</legend>
          {form.caps.length === 0 ? <p className="muted wide">No caps: unlimited.</p> : null}
          {problem("caps")}
          {form.caps.map((cap, index) => (
            // Rows have no identity until saved; re-made when rows are added or removed, so no row's
            // publisher picker keeps another row's picked name.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <fieldset className="wide row-group" key={`${index}-of-${form.caps.length}`}>
              <legend>Cap {index + 1}</legend>
              <Field label="Applies to" error={problem(`caps.${index}.scope`)}>
                <select
                  value={cap.scope}
                  onChange={(e) => setCap(index, { scope: e.target.value as CapRow["scope"] })}
                  {...invalid(`caps.${index}.scope`)}
                >
                  {(["OFFER", "PER_PUBLISHER", "PUBLISHER"] as const).map((scope) => (
                    <option key={scope} value={scope}>
                      {SCOPE_WORDS[scope]}
                    </option>
                  ))}
                </select>
              </Field>
              {cap.scope === "PUBLISHER" ? (
                <SearchPicker
                  label="Publisher"
                  value={cap.publisherId || null}
                  initial={publisherOption(cap.publisherId)}
                  onChange={(id, option) => {
                    if (option) publisherNames.current?.set(option.id, option.label);
                    setCap(index, { publisherId: id ?? "" });
                  }}
                  search={searchPublishers}
                  disabled={readOnly || !offer}
                  placeholder={
                    offer
                      ? "Type part of an approved publisher's name…"
                      : "Save the offer first: no publisher has applied yet"
                  }
                  error={errors[`caps.${index}.publisherId`]}
                />
              ) : (
                problem(`caps.${index}.publisherId`)
              )}
              <Field label="Period" error={problem(`caps.${index}.period`)}>
                <select
                  value={cap.period}
                  onChange={(e) => setCap(index, { period: e.target.value as CapRow["period"] })}
                >
                  {CAP_PERIODS.map((period) => (
                    <option key={period} value={period}>
                      {formatEnum(period).toLowerCase()}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Counts" error={problem(`caps.${index}.metric`)}>
                <select
                  value={cap.metric}
                  onChange={(e) => setCap(index, { metric: e.target.value as CapRow["metric"] })}
                >
                  {CAP_METRICS.map((metric) => (
                    <option key={metric} value={metric}>
                      {metric === "BUDGET" ? `budget (${form.currency} paid to publishers)` : "conversions"}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                label={cap.metric === "BUDGET" ? `Limit (${form.currency})` : "Limit (conversions)"}
                error={problem(`caps.${index}.limit`)}
              >
                <input
                  value={cap.limit}
                  onChange={(e) => setCap(index, { limit: e.target.value })}
                  inputMode="decimal"
                  {...invalid(`caps.${index}.limit`)}
                />
              </Field>
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  set(
                    "caps",
                    form.caps.filter((_, i) => i !== index),
                  )
                }
              >
                Remove cap {index + 1}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              set("caps", [
                ...form.caps,
                { scope: "OFFER", publisherId: "", period: "DAILY", metric: "CONVERSIONS", limit: "100" },
              ])
            }
          >
            Add cap
          </button>
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Lead quality</legend>
          <Field label="When a lead shows a quality signal" wide error={problem("quality.policy")}>
            <select
              value={form.quality.policy}
              onChange={(e) => setQualityField("policy", e.target.value)}
              {...invalid("quality.policy")}
            >
              {QUALITY_POLICIES.map((policy) => (
                <option key={policy} value={policy}>
                  {QUALITY_POLICY_WORDS[policy]}
                </option>
              ))}
            </select>
          </Field>
          {(
            [
              ["minSecondsToConvert", "Minimum seconds from click to lead (0 = off)"],
              ["duplicateWindowDays", "Duplicate window (days, 0 = off)"],
              ["contactLimit", "Contact attempts per period"],
              ["contactPeriodHours", "Contact period (hours)"],
            ] as const
          ).map(([key, label]) => (
            <Field key={key} label={label} error={problem(`quality.${key}`)}>
              <input
                inputMode="numeric"
                value={form.quality[key]}
                onChange={(e) => setQualityField(key, e.target.value)}
                {...invalid(`quality.${key}`)}
              />
            </Field>
          ))}
        </fieldset>
        {readOnly ? null : (
          <div className="save-bar">
            <button type="submit" disabled={saving} aria-describedby="save-summary">
              {offer ? "Save changes" : "Create offer (draft)"}
            </button>
            <div id="save-summary" ref={summaryRef} tabIndex={-1} role="status" className="save-summary">
              {errorList.length > 0 ? (
                <>
                  <strong>
                    {errorList.length === 1 ? "One thing to fix" : `${errorList.length} things to fix`} before
                    saving:
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
      {offer ? <CustomPayouts offer={offer} readOnly={readOnly} onChanged={onChanged} /> : null}
      {offer?.postbackInstructions ? (
        <div className="panel">
          <h2>Postback instructions</h2>
          <p>
            Call this URL from your tracker or CRM when a lead converts or changes status. Replace each{" "}
            <code>{"{placeholder}"}</code> with your system's macro, and <code>{"{postback_secret}"}</code>{" "}
            with the secret you were given (rotating it stops the old one at once). Statuses:{" "}
            <code>approved</code>, <code>pending</code>, <code>rejected</code>; a repeated order id updates
            the same conversion.
          </p>
          <code data-testid="postback-url">{offer.postbackInstructions.postbackUrl}</code>{" "}
          <CopyButton text={offer.postbackInstructions.postbackUrl} />
          <p>
            No server access? Put this image pixel on your thank-you page instead. Its token only works for
            this offer's pixel, so it is safe in a web page.
          </p>
          <code data-testid="pixel-url">{offer.postbackInstructions.pixelUrl}</code>{" "}
          <CopyButton text={offer.postbackInstructions.pixelUrl} />
        </div>
      ) : null}
    </section>
  );
}
