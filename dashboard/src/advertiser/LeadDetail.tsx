// One lead: contact and consent (with its version), where it came from (publisher, click, sub IDs,
// country, device, capture channel) and the reward it got, a chat lead's conversation, its
// quality signals and temperature, its history; and what can be done with it now (confirm, reject with
// a reason code the publisher sees, return within the offer's window with a reason, overturn).
import {
  conversionReasonWords,
  qualitySignalWords,
  temperatureReasonWords,
} from "@leadrail/db/conversion-reasons";
import { type FormEvent, Fragment, useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import type { ResultOf } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDateTime, formatEnum, formatMoney } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";
import { LeadDeliveries } from "./LeadDeliveries.tsx";
import { canDo, REJECT_REASONS, reasonText } from "./lead-actions.ts";
import {
  ConfirmMutation,
  LeadQuery,
  OverturnMutation,
  RejectMutation,
  ReturnMutation,
} from "./lead-operations.ts";
import { TemperatureBadge } from "./temperature.tsx";

type Lead = NonNullable<ResultOf<typeof LeadQuery>["lead"]>;
type Event = Lead["history"][number];

const ACTION_WORDS: Record<string, string> = {
  received: "Received",
  "lead.confirm": "Confirmed",
  "lead.reject": "Rejected",
  "lead.return": "Returned",
  "lead.overturn": "Rejection overturned",
  "lead.erase": "Personal data erased",
};

const CHANNEL_WORDS: Record<string, string> = {
  form: "Hosted form",
  widget: "Widget on a page",
  chat: "Chat widget",
  api: "Lead API",
};

const REWARD_WORDS: Record<string, string> = { FILE: "file", LINK: "link", CODE_POOL: "code" };

function rewardText(lead: Lead): string {
  if (lead.poolEmpty) return "none: the code pool was empty";
  if (!lead.rewardKind) return "—";
  const what = lead.rewardCode
    ? `code ${lead.rewardCode}`
    : (REWARD_WORDS[lead.rewardKind] ?? lead.rewardKind);
  return lead.rewardGivenAt ? `${what}, given ${formatDateTime(lead.rewardGivenAt)}` : what;
}

const historyColumns: Column<Event>[] = [
  { id: "at", header: "When", cell: (e) => formatDateTime(e.at) },
  {
    id: "action",
    header: "What",
    cell: (e) => ACTION_WORDS[e.action] ?? formatEnum(e.action.replace(/^lead\./, "")),
  },
  { id: "status", header: "Status", cell: (e) => (e.status ? <StatusBadge status={e.status} /> : "—") },
  {
    id: "reason",
    header: "Reason",
    // A stored code in words; free text (a return's reason, a note) as written.
    cell: (e) =>
      e.reason && /^[a-z_]+$/.test(e.reason) ? conversionReasonWords(e.reason) : (e.reason ?? "—"),
  },
];

export function LeadDetail() {
  const { id = "" } = useParams();
  const [result, refetch] = useQuery({ query: LeadQuery, variables: { id } });
  return (
    <section>
      <p>
        <Link to="/leads">← Leads</Link>
      </p>
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.lead === null}
        empty="This lead does not exist or is not yours."
      >
        {(data) =>
          data.lead ? (
            <LeadView lead={data.lead} onChanged={() => refetch({ requestPolicy: "network-only" })} />
          ) : null
        }
      </QueryState>
    </section>
  );
}

function LeadView({ lead, onChanged }: { lead: Lead; onChanged: () => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<{ form: "reject" | "return"; text: string } | null>(null);
  const [confirming, confirm] = useMutation(ConfirmMutation);
  const [rejecting, reject] = useMutation(RejectMutation);
  const [returning, returnLead] = useMutation(ReturnMutation);
  const [overturning, overturn] = useMutation(OverturnMutation);
  const busy = confirming.fetching || rejecting.fetching || returning.fetching || overturning.fetching;

  async function done(outcome: { ok: boolean; message?: string }, success: string) {
    setMessage(outcome.ok ? success : (outcome.message ?? "Refused."));
    if (outcome.ok) setReasonError(null);
    onChanged();
  }

  async function onReject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = String(form.get("code") ?? "");
    if (!code) {
      setReasonError({ form: "reject", text: "Reason code: choose one; the publisher sees it." });
      return;
    }
    const outcome = outcomeOf(
      await reject({ ids: [lead.id], reason: reasonText(code, String(form.get("note") ?? "")) }),
      "rejectLeads",
    );
    await done(outcome, "Lead rejected.");
  }

  async function onReturn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    if (!reason) {
      setReasonError({
        form: "return",
        text: "Return reason: say why you return this lead; the publisher sees it.",
      });
      return;
    }
    await done(outcomeOf(await returnLead({ id: lead.id, reason }), "returnLead"), "Lead returned.");
  }

  const subs = Object.entries(lead.subs).filter(([key, value]) => key !== "__typename" && value);
  const fields =
    lead.leadFields && typeof lead.leadFields === "object"
      ? Object.entries(lead.leadFields as Record<string, unknown>)
      : [];

  return (
    <>
      <div className="heading-row">
        <h1>{lead.leadName ?? `Lead ${lead.transactionId}`}</h1>
        <span>
          <StatusBadge status={lead.status} />{" "}
          <TemperatureBadge temperature={lead.temperature} reasons={lead.temperatureReasons} />
        </span>
      </div>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <div className="lead-detail">
        <div className="panel">
          <h2>Contact</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{lead.leadName ?? "—"}</dd>
            <dt>E-mail</dt>
            <dd>{lead.leadEmail ?? "—"}</dd>
            <dt>Phone</dt>
            <dd>{lead.leadPhone ?? "—"}</dd>
            {fields
              .filter(([key]) => !["name", "email", "phone"].includes(key))
              .map(([key, value]) => (
                <Fragment key={key}>
                  <dt>{key}</dt>
                  <dd>{String(value)}</dd>
                </Fragment>
              ))}
            <dt>Consent</dt>
            <dd>
              {lead.consentText ? (
                <>
                  “{lead.consentText}”<br />
                  <span className="muted">
                    given {formatDateTime(lead.consentAt)}
                    {lead.consentVersion ? `, version ${lead.consentVersion}` : ""}
                  </span>
                </>
              ) : (
                "—"
              )}
            </dd>
            {lead.erasedAt ? (
              <>
                <dt>Erased</dt>
                <dd>{formatDateTime(lead.erasedAt)}</dd>
              </>
            ) : null}
          </dl>
        </div>
        <div className="panel">
          <h2>Source</h2>
          <dl className="facts">
            <dt>Offer</dt>
            <dd>
              <Link to={`/offers/${lead.offer.id}`}>{lead.offer.name}</Link>
            </dd>
            <dt>Publisher</dt>
            <dd>{lead.publisher?.name ?? "—"}</dd>
            <dt>Clicked</dt>
            <dd>{formatDateTime(lead.clickAt)}</dd>
            <dt>Click ID</dt>
            <dd>
              <code>{lead.clickId ?? "—"}</code>
            </dd>
            <dt>Converted</dt>
            <dd>{formatDateTime(lead.convertedAt)}</dd>
            <dt>Transaction ID</dt>
            <dd>
              <code>{lead.transactionId}</code>
            </dd>
            <dt>Sub IDs</dt>
            <dd>{subs.length ? subs.map(([key, value]) => `${key}=${value}`).join(", ") : "—"}</dd>
            <dt>Country</dt>
            <dd>{lead.country ?? "—"}</dd>
            <dt>Device</dt>
            <dd>{lead.deviceType ? formatEnum(lead.deviceType) : "—"}</dd>
            <dt>Captured by</dt>
            <dd>{lead.captureChannel ? (CHANNEL_WORDS[lead.captureChannel] ?? lead.captureChannel) : "—"}</dd>
            <dt>Reward</dt>
            <dd>{rewardText(lead)}</dd>
            <dt>Cost</dt>
            <dd>{formatMoney(lead.revenue.amount, lead.revenue.currency)}</dd>
          </dl>
        </div>
        <div className="panel">
          <h2>Quality</h2>
          <dl className="facts">
            <dt>Signals</dt>
            <dd>
              {lead.qualitySignals.length === 0
                ? "none"
                : lead.qualitySignals
                    .map((s) => `${qualitySignalWords(s.code)}${s.detail ? ` (${s.detail})` : ""}`)
                    .join("; ")}
            </dd>
            <dt>Temperature</dt>
            <dd>
              {formatEnum(lead.temperature)}:{" "}
              {lead.temperatureReasons.map(temperatureReasonWords).join(", ") || "—"}
            </dd>
            <dt>Status reason</dt>
            <dd>{lead.statusReason ?? "—"}</dd>
          </dl>
        </div>
      </div>
      {lead.conversation?.length ? (
        <div className="panel">
          <h2>Conversation</h2>
          <ol className="chat-log" aria-label="Chat conversation">
            {lead.conversation.map((message, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a transcript is fixed, in order
              <li key={index} className={message.from === "visitor" ? "from-visitor" : "from-bot"}>
                <span className="muted">{message.from === "visitor" ? "Visitor" : "Form"}</span>{" "}
                {message.text}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <div className="panel">
        <h2>Decide</h2>
        <div className="lead-actions">
          {canDo("confirm", lead) ? (
            <button
              type="button"
              disabled={busy}
              onClick={async () =>
                done(outcomeOf(await confirm({ ids: [lead.id] }), "confirmLeads"), "Lead confirmed.")
              }
            >
              Confirm lead
            </button>
          ) : null}
          {canDo("overturn", lead) ? (
            <button
              type="button"
              disabled={busy}
              onClick={async () =>
                done(
                  outcomeOf(await overturn({ id: lead.id }), "overturnLeadRejection"),
                  "Rejection overturned.",
                )
              }
            >
              Overturn rejection
            </button>
          ) : null}
          {canDo("reject", lead) ? (
            <form className="inline-form" onSubmit={onReject} aria-label="Reject this lead" noValidate>
              <label htmlFor="reject-code">Reason code</label>
              <select
                id="reject-code"
                name="code"
                defaultValue=""
                aria-invalid={reasonError?.form === "reject" ? true : undefined}
                aria-describedby={reasonError?.form === "reject" ? "reject-error" : undefined}
              >
                <option value="">choose…</option>
                {REJECT_REASONS.map(([code, words]) => (
                  <option key={code} value={code}>
                    {words}
                  </option>
                ))}
              </select>
              <label htmlFor="reject-note">Note</label>
              <input id="reject-note" name="note" placeholder="optional" />
              <button type="submit" className="danger" disabled={busy}>
                Reject lead
              </button>
              {reasonError?.form === "reject" ? (
                <span id="reject-error" className="field-error">
                  {reasonError.text}
                </span>
              ) : null}
            </form>
          ) : null}
          {canDo("return", lead) ? (
            <form className="inline-form" onSubmit={onReturn} aria-label="Return this lead" noValidate>
              <label htmlFor="return-reason">Return reason</label>
              <input
                id="return-reason"
                name="reason"
                aria-invalid={reasonError?.form === "return" ? true : undefined}
                aria-describedby={["return-window", reasonError?.form === "return" ? "return-error" : ""]
                  .join(" ")
                  .trim()}
              />
              <button type="submit" className="danger" disabled={busy}>
                Return lead
              </button>
              <span id="return-window" className="muted">
                Returnable until {formatDateTime(lead.returnableUntil)}.
              </span>
              {reasonError?.form === "return" ? (
                <span id="return-error" className="field-error">
                  {reasonError.text}
                </span>
              ) : null}
            </form>
          ) : null}
          {!["confirm", "reject", "return", "overturn"].some((a) => canDo(a as "confirm", lead)) ? (
            <p className="muted">
              {`Nothing to decide: the lead is ${formatEnum(lead.status).toLowerCase()}${
                lead.status === "APPROVED" && lead.offer.returnWindowDays > 0
                  ? " and its return window has closed"
                  : ""
              }.`}
            </p>
          ) : null}
        </div>
      </div>
      <div className="panel">
        <h2>History</h2>
        <DataTable
          label="Lead history"
          columns={historyColumns}
          rows={lead.history}
          rowKey={(e) => `${e.at}-${e.action}`}
        />
      </div>
      <LeadDeliveries lead={lead} />
    </>
  );
}
