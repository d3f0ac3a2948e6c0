// An offer's delivery to the advertiser's CRM: its destinations (a webhook or an e-mail inbox), a form
// to add or change one (delivery/DestinationEditor.tsx: field mapping, fixed fields, when to send, when
// the CRM's answer refuses a lead, a preview of what a lead would look like), and each destination's
// card (delivery/DestinationCard.tsx: a test lead with its result, the attempt log with replay).
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { Empty, QueryState } from "../ui/states.tsx";
import { DestinationCard } from "./delivery/DestinationCard.tsx";
import { DestinationEditor } from "./delivery/DestinationEditor.tsx";
import { type SecretNote, SecretPanel } from "./delivery/SecretPanel.tsx";
import { DeliveryScreenQuery, type Destination } from "./delivery-operations.ts";

type Editing = { mode: "new" } | { mode: "edit"; destination: Destination } | null;

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
