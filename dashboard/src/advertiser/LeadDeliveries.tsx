// The lead page's deliveries: each time this lead went to one of its offer's destinations (replayable),
// and "send to" for a destination it has not reached (one added after the lead arrived, say).
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { outcomeOf } from "../ui/result.ts";
import { DeliveryLog } from "./DeliveryLog.tsx";
import { ReplayMutation } from "./delivery-operations.ts";

const LeadDestinationsQuery = graphql(`
  query LeadDestinationChoices($offerId: ID!) {
    leadDestinations(offerId: $offerId) { id name active }
  }
`);

export function LeadDeliveries({
  lead,
}: {
  lead: { id: string; offer: { id: string }; erasedAt: string | null };
}) {
  const [destinations] = useQuery({ query: LeadDestinationsQuery, variables: { offerId: lead.offer.id } });
  const [sending, send] = useMutation(ReplayMutation);
  const [note, setNote] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const choices = destinations.data?.leadDestinations ?? [];

  async function onSend(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const destinationId = String(new FormData(event.currentTarget).get("destination") ?? "");
    if (!destinationId) return;
    const outcome = outcomeOf(await send({ conversionId: lead.id, destinationId }), "replayLeadDelivery");
    const name = choices.find((d) => d.id === destinationId)?.name ?? "the destination";
    setNote(
      outcome.ok ? `Sending this lead to ${name}; the attempt shows below in a moment.` : outcome.message,
    );
    if (outcome.ok) for (const wait of [700, 1500, 3000]) setTimeout(() => setRefreshKey((k) => k + 1), wait);
  }

  return (
    <div className="panel">
      <h2>Deliveries to your CRM</h2>
      <p className="muted">
        Each time this lead was sent to one of the offer's{" "}
        <Link to={`/offers/${lead.offer.id}/delivery`}>delivery destinations</Link>, with what came back.
      </p>
      {choices.length && !lead.erasedAt ? (
        <form className="filters" onSubmit={onSend} aria-label="Send this lead">
          <label>
            Send this lead to
            <select name="destination" defaultValue={choices[0]?.id}>
              {choices.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                  {d.active ? "" : " (switched off)"}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="secondary" disabled={sending.fetching}>
            Send now
          </button>
        </form>
      ) : null}
      {note ? (
        <p role="status" className="notice">
          {note}
        </p>
      ) : null}
      <DeliveryLog
        label="Deliveries of this lead"
        conversionId={lead.id}
        refreshKey={refreshKey}
        showDestination
        empty="Not sent anywhere yet: this offer has no destination, or this lead waits for its trigger."
        canReplay={!lead.erasedAt}
      />
    </div>
  );
}
