// One offer as a publisher sees it: terms, targeting, lead form; apply, and once approved get a link.
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { formatEnum, formatPercent } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";
import { CapHeadroom } from "./CapHeadroom.tsx";
import { EPC_HINT, EPC_LABEL } from "./epc.ts";

const OfferQuery = graphql(`
  query MarketplaceOffer($id: ID!) {
    marketplaceOffer(id: $id) {
      id name description vertical payoutModel payoutShareBps currency countries devices visibility
      conversionRate holdDays attributionWindowHours returnWindowDays confirmationMode
      payout { formatted }
      epc { formatted }
      advertiser { name }
      countryPayouts { country payout { formatted } payoutShareBps }
      leadFormFields { name label type required }
      myApplication { status decisionReason }
    }
  }
`);

const ApplyMutation = graphql(`
  mutation ApplyToOffer($offerId: ID!, $message: String) {
    applyToOffer(offerId: $offerId, message: $message) {
      __typename
      ... on MutationApplyToOfferSuccess { data { id status } }
      ... on DomainError { message }
    }
  }
`);

const CreateLinkMutation = graphql(`
  mutation CreateTrackingLink($offerId: ID!, $name: String) {
    createTrackingLink(offerId: $offerId, name: $name) {
      __typename
      ... on MutationCreateTrackingLinkSuccess { data { id code url name } }
      ... on DomainError { message }
    }
  }
`);

export function MarketplaceOfferPage() {
  const { id = "" } = useParams();
  const [result, refetch] = useQuery({ query: OfferQuery, variables: { id } });
  const [applying, apply] = useMutation(ApplyMutation);
  const [creating, createLink] = useMutation(CreateLinkMutation);
  const [message, setMessage] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; name: string } | null>(null);

  async function onApply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get("message") ?? "");
    const outcome = outcomeOf<{ status: string }>(
      await apply({ offerId: id, message: note }),
      "applyToOffer",
    );
    setMessage(outcome.ok ? `Application ${outcome.data.status.toLowerCase()}.` : outcome.message);
    refetch({ requestPolicy: "network-only" });
  }

  async function onCreateLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    const outcome = outcomeOf<{ url: string; name: string }>(
      await createLink({ offerId: id, name: name || undefined }),
      "createTrackingLink",
    );
    if (outcome.ok) {
      setLink(outcome.data);
      setMessage(null);
    } else setMessage(outcome.message);
  }

  return (
    <QueryState
      {...result}
      retry={() => refetch({ requestPolicy: "network-only" })}
      isEmpty={(d) => d.marketplaceOffer === null}
      empty="This offer is not in your marketplace."
    >
      {(data) => {
        const offer = data.marketplaceOffer;
        if (!offer) return null;
        const approved = offer.myApplication?.status === "APPROVED";
        return (
          <section>
            <p>
              <Link to="/marketplace">← Marketplace</Link>
            </p>
            <h1>{offer.name}</h1>
            <p className="muted">
              {offer.advertiser.name} · {formatEnum(offer.vertical)} · {formatEnum(offer.payoutModel)}
            </p>
            <p>{offer.description}</p>
            <dl className="figures">
              <div>
                <dt>Payout</dt>
                <dd>
                  {offer.payoutModel === "REVSHARE"
                    ? formatPercent((offer.payoutShareBps ?? 0) / 10_000)
                    : offer.payout.formatted}
                </dd>
              </div>
              <div>
                <dt>
                  <abbr title={EPC_HINT}>{EPC_LABEL}</abbr>
                </dt>
                <dd>{offer.epc?.formatted ?? "—"}</dd>
              </div>
              <div>
                <dt>Conv. rate</dt>
                <dd>{formatPercent(offer.conversionRate)}</dd>
              </div>
              <div>
                <dt>Hold</dt>
                <dd>{offer.holdDays} days</dd>
              </div>
            </dl>
            <h2>Targeting</h2>
            <p>
              Countries: {offer.countries.length ? offer.countries.join(", ") : "all"} · Devices:{" "}
              {offer.devices.length ? offer.devices.map(formatEnum).join(", ") : "all"} · Attribution window:{" "}
              {offer.attributionWindowHours} h
            </p>
            {offer.countryPayouts.length ? (
              <p>
                Your country payouts:{" "}
                {offer.countryPayouts
                  .map((c) => `${c.country} ${c.payout?.formatted ?? `${(c.payoutShareBps ?? 0) / 100} %`}`)
                  .join(", ")}
              </p>
            ) : null}
            {offer.leadFormFields.length ? (
              <>
                <h2>Lead form</h2>
                <p>{offer.leadFormFields.map((f) => `${f.label}${f.required ? " *" : ""}`).join(" · ")}</p>
              </>
            ) : null}
            {offer.myApplication ? <CapHeadroom offerId={offer.id} /> : null}
            <h2>Run this offer</h2>
            {offer.myApplication ? (
              <p>
                Your application: <StatusBadge status={offer.myApplication.status} />{" "}
                {offer.myApplication.decisionReason ?? ""}
              </p>
            ) : null}
            {!offer.myApplication || offer.myApplication.status === "REJECTED" ? (
              offer.visibility === "PUBLIC" ? null : (
                <form onSubmit={onApply} className="inline-form">
                  <label>
                    Message to the advertiser <input name="message" placeholder="your traffic sources" />
                  </label>
                  <button type="submit" disabled={applying.fetching}>
                    Apply
                  </button>
                </form>
              )
            ) : null}
            {approved || offer.visibility === "PUBLIC" ? (
              <form onSubmit={onCreateLink} className="inline-form">
                <label>
                  Link name <input name="name" placeholder="e.g. facebook-campaign-1" />
                </label>
                <button type="submit" disabled={creating.fetching}>
                  Get tracking link
                </button>
              </form>
            ) : null}
            {message ? <p role="alert">{message}</p> : null}
            {link ? (
              <div className="link-result">
                <p>
                  New link <strong>{link.name}</strong>:
                </p>
                <code data-testid="new-link-url">{link.url}</code> <CopyButton text={link.url} />
                <p>
                  <Link to="/links">All my links and the sub-ID builder →</Link>
                </p>
              </div>
            ) : null}
          </section>
        );
      }}
    </QueryState>
  );
}
