// One destination on the Delivery screen: what it does, its actions (test lead, edit, switch on or
// off, rotate the secret, delete) and its attempt log with replay.
import { useId, useState } from "react";
import { useMutation } from "urql";
import { Badge } from "../../ui/Badge.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { outcomeOf } from "../../ui/result.ts";
import { DeliveryLog } from "../DeliveryLog.tsx";
import {
  DeleteDestinationMutation,
  type Destination,
  RotateSecretMutation,
  SetActiveMutation,
} from "../delivery-operations.ts";
import { DestinationFacts } from "./DestinationFacts.tsx";
import { TestLeadResult, useTestLead } from "./test-lead.tsx";

export function DestinationCard(props: {
  destination: Destination;
  onEdit: () => void;
  onSecret: (secret: string) => void;
  onChanged: () => void;
}) {
  const { destination } = props;
  const [note, setNote] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);
  const testLead = useTestLead(destination.id, setNote, () => setRefreshKey((key) => key + 1));
  const [, setActive] = useMutation(SetActiveMutation);
  const [, rotate] = useMutation(RotateSecretMutation);
  const [, remove] = useMutation(DeleteDestinationMutation);

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
      <DestinationFacts destination={destination} />
      <div className="actions-row">
        <button type="button" onClick={() => void testLead.send()} disabled={testLead.busy}>
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
      <TestLeadResult result={testLead.result} />
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
