// Create or edit an offer: payout model and amounts, caps, targeting, lead-form fields, status; and the
// postback instructions with the offer's copyable postback URL.
import { LANDING_MACROS } from "@leadrail/db/macros";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { useMe } from "../app/me.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";
import { type CapRow, EMPTY_FORM, formFromOffer, inputFromForm, type OfferForm } from "./offer-form.ts";
import {
  CreateOfferMutation,
  OfferQuery,
  SetOfferStatusMutation,
  UpdateOfferMutation,
} from "./offer-operations.ts";

const DEVICES = ["DESKTOP", "MOBILE", "TABLET", "OTHER"] as const;
const NEXT_STATUS: Record<string, ("ACTIVE" | "PAUSED" | "ARCHIVED")[]> = {
  DRAFT: ["ACTIVE", "ARCHIVED"],
  ACTIVE: ["PAUSED", "ARCHIVED"],
  PAUSED: ["ACTIVE", "ARCHIVED"],
  ARCHIVED: [],
};

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

interface ExistingOffer {
  id: string;
  status: string;
  postbackInstructions: { postbackUrl: string; pixelUrl: string } | null;
  currency: string;
  advertiser: { name: string };
}

function OfferFormView({
  initial,
  offer,
  onChanged,
}: {
  initial: OfferForm;
  offer?: ExistingOffer;
  onChanged?: () => void;
}) {
  const me = useMe();
  const navigate = useNavigate();
  const [form, setForm] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [creating, create] = useMutation(CreateOfferMutation);
  const [updating, update] = useMutation(UpdateOfferMutation);
  const [, setStatus] = useMutation(SetOfferStatusMutation);
  const set = <K extends keyof OfferForm>(key: K, value: OfferForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const text = (key: keyof OfferForm) => ({
    value: form[key] as string,
    onChange: (event: { target: { value: string } }) => set(key, event.target.value as never),
  });

  async function save(event: FormEvent) {
    event.preventDefault();
    const built = inputFromForm(form);
    if (!built.ok) {
      setMessage(built.message);
      return;
    }
    if (!offer) {
      const outcome = outcomeOf<{ id: string }>(await create({ input: built.input }), "createOffer");
      if (outcome.ok) navigate(`/offers/${outcome.data.id}`);
      else setMessage(outcome.message);
      return;
    }
    // The currency of an offer with conversions cannot change: send it only when it did.
    const { currency, ...rest } = built.input;
    const input = currency === offer.currency ? rest : built.input;
    const outcome = outcomeOf(await update({ id: offer.id, input }), "updateOffer");
    setMessage(outcome.ok ? "Saved." : outcome.message);
    onChanged?.();
  }

  async function move(status: "ACTIVE" | "PAUSED" | "ARCHIVED") {
    if (!offer) return;
    const outcome = outcomeOf(await setStatus({ id: offer.id, status }), "setOfferStatus");
    setMessage(outcome.ok ? `Offer ${status.toLowerCase()}.` : outcome.message);
    onChanged?.();
  }

  const setCap = (index: number, patch: Partial<CapRow>) =>
    set(
      "caps",
      form.caps.map((cap, i) => (i === index ? { ...cap, ...patch } : cap)),
    );
  const setField = (index: number, patch: Partial<OfferForm["leadFormFields"][number]>) =>
    set(
      "leadFormFields",
      form.leadFormFields.map((field, i) => (i === index ? { ...field, ...patch } : field)),
    );
  const readOnly = me.role !== "ADVERTISER" && me.role !== "ADMIN";

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
      <form className="offer-form" onSubmit={save}>
        <fieldset disabled={readOnly}>
          <legend>Offer</legend>
          <label>
            Name <input required {...text("name")} />
          </label>
          <label>
            Vertical <input required {...text("vertical")} placeholder="insurance" />
          </label>
          <label className="wide">
            Description <textarea rows={3} {...text("description")} />
          </label>
          <label className="wide">
            Landing URL <input required aria-describedby="landing-macros" {...text("landingUrl")} />
          </label>
          <p id="landing-macros" className="muted wide">
            Macros: {LANDING_MACROS.map((macro) => `{${macro}}`).join(" ")}; any other <code>{"{name}"}</code>{" "}
            is filled from the click's parameter of that name (e.g. <code>{"{gclid}"}</code>).
          </p>
          <label className="wide">
            Fallback URL <input {...text("fallbackUrl")} placeholder="optional" />
          </label>
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Payout</legend>
          <label>
            Model
            <select
              value={form.payoutModel}
              onChange={(event) => set("payoutModel", event.target.value as OfferForm["payoutModel"])}
            >
              <option value="CPL">CPL (per lead)</option>
              <option value="CPA">CPA (per action)</option>
              <option value="REVSHARE">Revenue share</option>
            </select>
          </label>
          <label>
            Currency
            <select value={form.currency} onChange={(event) => set("currency", event.target.value)}>
              <option>USD</option>
              <option>EUR</option>
              <option>GBP</option>
            </select>
          </label>
          {form.payoutModel === "REVSHARE" ? (
            <>
              <label>
                Publisher share (%) <input inputMode="decimal" {...text("payoutSharePercent")} />
              </label>
              <label>
                Your cost share (%) <input inputMode="decimal" {...text("revenueSharePercent")} />
              </label>
            </>
          ) : (
            <>
              <label>
                Publisher payout ({form.currency}) <input inputMode="decimal" required {...text("payout")} />
              </label>
              <label>
                You pay per conversion ({form.currency}){" "}
                <input inputMode="decimal" required {...text("revenue")} />
              </label>
            </>
          )}
          <label>
            Confirmation
            <select
              value={form.confirmationMode}
              onChange={(event) =>
                set("confirmationMode", event.target.value as OfferForm["confirmationMode"])
              }
            >
              <option value="MANUAL">manual (leads inbox)</option>
              <option value="AUTO">automatic</option>
            </select>
          </label>
          <label>
            Hold (days) <input type="number" min={0} {...text("holdDays")} />
          </label>
          <label>
            Return window (days) <input type="number" min={0} {...text("returnWindowDays")} />
          </label>
          <label>
            Visibility
            <select
              value={form.visibility}
              onChange={(event) => set("visibility", event.target.value as OfferForm["visibility"])}
            >
              <option value="PUBLIC">public</option>
              <option value="APPROVAL_REQUIRED">approval required</option>
              <option value="PRIVATE">private (invitation)</option>
            </select>
          </label>
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Targeting</legend>
          <label className="wide">
            Countries (ISO codes, empty = everywhere) <input {...text("countries")} placeholder="US, CA" />
          </label>
          <div className="wide">
            Devices (none = every device):{" "}
            {DEVICES.map((device) => (
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
                {device.toLowerCase()}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Caps</legend>
          {form.caps.length === 0 ? <p className="muted wide">No caps: unlimited.</p> : null}
          {form.caps.map((cap, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
            <div className="row wide" key={index}>
              <select
                value={cap.scope}
                onChange={(e) => setCap(index, { scope: e.target.value as CapRow["scope"] })}
              >
                <option value="OFFER">whole offer</option>
                <option value="PER_PUBLISHER">each publisher</option>
              </select>
              <select
                value={cap.period}
                onChange={(e) => setCap(index, { period: e.target.value as CapRow["period"] })}
              >
                <option value="DAILY">daily</option>
                <option value="MONTHLY">monthly</option>
                <option value="TOTAL">total</option>
              </select>
              <select
                value={cap.metric}
                onChange={(e) => setCap(index, { metric: e.target.value as CapRow["metric"] })}
              >
                <option value="CONVERSIONS">conversions</option>
                <option value="BUDGET">budget ({form.currency})</option>
              </select>
              <input
                aria-label="Cap limit"
                value={cap.limit}
                onChange={(e) => setCap(index, { limit: e.target.value })}
                inputMode="decimal"
              />
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
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              set("caps", [
                ...form.caps,
                { scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: "100" },
              ])
            }
          >
            Add cap
          </button>
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Lead form fields</legend>
          {form.leadFormFields.map((field, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
            <div className="row wide" key={index}>
              <input
                aria-label="Field name"
                value={field.name}
                onChange={(e) => setField(index, { name: e.target.value })}
              />
              <input
                aria-label="Field label"
                value={field.label}
                onChange={(e) => setField(index, { label: e.target.value })}
              />
              <select value={field.type} onChange={(e) => setField(index, { type: e.target.value })}>
                <option value="text">text</option>
                <option value="email">email</option>
                <option value="phone">phone</option>
              </select>
              <label className="check">
                <input
                  type="checkbox"
                  checked={field.required}
                  onChange={(e) => setField(index, { required: e.target.checked })}
                />{" "}
                required
              </label>
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  set(
                    "leadFormFields",
                    form.leadFormFields.filter((_, i) => i !== index),
                  )
                }
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              set("leadFormFields", [
                ...form.leadFormFields,
                { name: "", label: "", type: "text", required: false },
              ])
            }
          >
            Add field
          </button>
        </fieldset>
        {readOnly ? null : (
          <button type="submit" disabled={creating.fetching || updating.fetching}>
            {offer ? "Save changes" : "Create offer (draft)"}
          </button>
        )}
      </form>
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
