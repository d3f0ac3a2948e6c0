// What a destination does, in words: where it sends, when, which fields, and when the CRM's answer
// refuses a lead.
import type { Destination } from "../delivery-operations.ts";

const TRIGGER_WORDS = {
  REAL_TIME: "as soon as the lead arrives",
  ON_CONFIRMATION: "when the lead is confirmed",
} as const;
const FORMAT_WORDS = { JSON: "JSON", FORM: "form-encoded" } as const;

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

export function DestinationFacts({ destination }: { destination: Destination }) {
  return (
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
  );
}
