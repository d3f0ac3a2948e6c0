// One lead: contact and consent (with its version), where it came from (publisher, click, sub IDs,
// country, device, capture channel) and the reward it got, a chat lead's conversation, its
// quality signals and temperature, its history; and what can be done with it now (confirm, reject with
// a reason code the publisher sees, return within the offer's window with a reason, overturn).
import {
  conversionReasonWords,
  qualitySignalWords,
  temperatureReasonWords,
} from "@leadrail/db/conversion-reasons";
import { leadRejectForm, reasonForm } from "@leadrail/db/decision-reasons";
import { Fragment, useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import type { ResultOf } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatDateTime, formatEnum, formatMoney } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";
import { applyRefusal, FormInput, FormSelect, useZodForm } from "../ui/zod-form.tsx";
import { LeadDeliveries } from "./LeadDeliveries.tsx";
import { canDo, REJECT_REASONS } from "./lead-actions.ts";
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
  const [confirming, confirm] = useMutation(ConfirmMutation);
  const [rejecting, reject] = useMutation(RejectMutation);
  const [returning, returnLead] = useMutation(ReturnMutation);
  const [overturning, overturn] = useMutation(OverturnMutation);
  const busy = confirming.fetching || rejecting.fetching || returning.fetching || overturning.fetching;

  async function done(outcome: { ok: boolean; message?: string }, success: string) {
    setMessage(outcome.ok ? success : (outcome.message ?? "Refused."));
    onChanged();
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
            <RejectLeadForm
              busy={busy}
              send={async (reason) => {
                const answer = await reject({ ids: [lead.id], reason });
                if (outcomeOf(answer, "rejectLeads").ok) await done({ ok: true }, "Lead rejected.");
                return answer.data?.rejectLeads;
              }}
            />
          ) : null}
          {canDo("return", lead) ? (
            <ReturnLeadForm
              busy={busy}
              until={lead.returnableUntil}
              send={async (reason) => {
                const answer = await returnLead({ id: lead.id, reason });
                if (outcomeOf(answer, "returnLead").ok) await done({ ok: true }, "Lead returned.");
                return answer.data?.returnLead;
              }}
            />
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

type Refusal = { __typename: "DomainError"; message: string; fields?: readonly FieldIssue[] | null };
type Answer = { __typename: string } | Refusal | null | undefined;
type FieldIssue = { path: string[]; message: string };

const isRefusal = (answer: Answer): answer is Refusal => answer?.__typename === "DomainError";

/**
 * A reason code the publisher reads, and an optional note: the API's rule for a lead's reason
 * (@leadrail/db/decision-reasons) runs before the round trip; its refusals land on the same fields.
 */
function RejectLeadForm(props: { busy: boolean; send: (reason: string) => Promise<Answer> }) {
  const form = useZodForm(leadRejectForm(true), { defaultValues: { code: "", note: "" } });
  const [refused, setRefused] = useState<string | null>(null);
  const submit = form.handleSubmit(async ({ reason }) => {
    setRefused(null);
    const answer = await props.send(reason);
    if (isRefusal(answer)) setRefused(applyRefusal(form, answer, () => "note"));
    else if (!answer) setRefused("No answer from the server.");
  });
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Reject this lead" noValidate>
      <FormSelect form={form} name="code" label="Reason code">
        <option value="">choose…</option>
        {REJECT_REASONS.map(([code, words]) => (
          <option key={code} value={code}>
            {words}
          </option>
        ))}
      </FormSelect>
      <FormInput form={form} name="note" label="Note" placeholder="optional" />
      <button type="submit" className="danger" disabled={props.busy}>
        Reject lead
      </button>
      {refused ? <p role="alert">{refused}</p> : null}
    </form>
  );
}

/** Returning a lead within the offer's window, with a reason the publisher reads. */
function ReturnLeadForm(props: {
  busy: boolean;
  until: string | null;
  send: (reason: string) => Promise<Answer>;
}) {
  const form = useZodForm(reasonForm("lead", "say why you return this lead; the publisher sees it"), {
    defaultValues: { reason: "" },
  });
  const [refused, setRefused] = useState<string | null>(null);
  const submit = form.handleSubmit(async ({ reason }) => {
    setRefused(null);
    const answer = await props.send(reason);
    if (isRefusal(answer)) setRefused(applyRefusal(form, answer));
    else if (!answer) setRefused("No answer from the server.");
  });
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Return this lead" noValidate>
      <FormInput
        form={form}
        name="reason"
        label="Return reason"
        hint={`Returnable until ${formatDateTime(props.until)}.`}
      />
      <button type="submit" className="danger" disabled={props.busy}>
        Return lead
      </button>
      {refused ? <p role="alert">{refused}</p> : null}
    </form>
  );
}
