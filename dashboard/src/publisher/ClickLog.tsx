// Click log and link tester: the publisher's recent clicks with the tracker's verdict and reason, and
// a tester that asks what the tracker would do with a click from a chosen country and device — and
// why — without sending traffic. Answers "my clicks go to the fallback URL" (a click from localhost
// has no country, so a geo-targeted offer refuses it).
import { type FormEvent, useState } from "react";
import { useQuery } from "urql";
import { graphql, type ResultOf } from "../graphql.ts";
import { Badge } from "../ui/Badge.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { formatDateTime, formatEnum } from "../ui/format.ts";
import { ErrorState, Loading } from "../ui/states.tsx";

const ClicksQuery = graphql(`
  query ClickLog($status: ClickStatus) {
    myClicks(first: 200, status: $status) {
      id createdAt status rejectReason reasonText linkName offerName country deviceType sub1 isBot isUnique
    }
  }
`);

const LinkChoicesQuery = graphql(`
  query LinkChoices {
    myLinks(first: 100) { edges { node { id name offer { name countries devices } } } }
  }
`);

const TestQuery = graphql(`
  query TestTrackingLink($linkId: ID!, $country: String, $deviceType: DeviceType) {
    testTrackingLink(linkId: $linkId, country: $country, deviceType: $deviceType) {
      accepted reason reasonText destination url explanation
    }
  }
`);

type Click = ResultOf<typeof ClicksQuery>["myClicks"][number];
type Status = "ACCEPTED" | "REJECTED";
const DEVICES = ["DESKTOP", "MOBILE", "TABLET", "OTHER"] as const;

export function ClickLog() {
  const [status, setStatus] = useState<Status | null>(null);
  const [result, refetch] = useQuery({ query: ClicksQuery, variables: { status } });
  return (
    <section>
      <h1>Click log</h1>
      <LinkTester />
      <div className="heading-row">
        <h2>Recent clicks (last 7 days)</h2>
        <label className="inline">
          Show{" "}
          <select
            value={status ?? ""}
            onChange={(event) => setStatus((event.target.value || null) as Status | null)}
          >
            <option value="">all clicks</option>
            <option value="ACCEPTED">accepted only</option>
            <option value="REJECTED">rejected only</option>
          </select>
        </label>
      </div>
      <DataTable<Click>
        label="Recent clicks"
        rows={result.data?.myClicks}
        fetching={result.fetching}
        error={result.error}
        retry={() => refetch({ requestPolicy: "network-only" })}
        rowKey={(click) => click.id}
        empty="No clicks in the last 7 days."
        pageSize={50}
        columns={[
          {
            id: "time",
            header: "Time",
            sortValue: (c) => c.createdAt,
            cell: (c) => formatDateTime(c.createdAt),
          },
          { id: "link", header: "Link", sortValue: (c) => c.linkName, cell: (c) => c.linkName ?? "—" },
          { id: "offer", header: "Offer", sortValue: (c) => c.offerName, cell: (c) => c.offerName ?? "—" },
          {
            id: "verdict",
            header: "Verdict",
            sortValue: (c) => c.status,
            cell: (c) => <Badge tone={c.status}>{formatEnum(c.status)}</Badge>,
          },
          {
            id: "reason",
            header: "Reason",
            sortValue: (c) => c.reasonText,
            cell: (c) => c.reasonText ?? "—",
          },
          {
            id: "country",
            header: "Country",
            sortValue: (c) => c.country,
            cell: (c) => c.country ?? <span className="muted">unknown</span>,
          },
          {
            id: "device",
            header: "Device",
            sortValue: (c) => c.deviceType,
            cell: (c) => formatEnum(c.deviceType),
          },
          { id: "sub1", header: "sub1", sortValue: (c) => c.sub1, cell: (c) => c.sub1 ?? "—" },
          {
            id: "flags",
            header: "Flags",
            cell: (c) =>
              [c.isBot ? "bot" : null, c.isUnique ? null : "repeat"].filter(Boolean).join(", ") || "—",
          },
        ]}
      />
    </section>
  );
}

function LinkTester() {
  const [links] = useQuery({ query: LinkChoicesQuery });
  const [asked, setAsked] = useState<{
    linkId: string;
    country: string | null;
    deviceType: string | null;
  } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [answer] = useQuery({
    query: TestQuery,
    variables: {
      linkId: asked?.linkId ?? "0",
      country: asked?.country ?? null,
      deviceType: (asked?.deviceType ?? null) as (typeof DEVICES)[number] | null,
    },
    pause: asked === null,
    requestPolicy: "network-only",
  });
  const options = links.data?.myLinks.edges.map((edge) => edge.node) ?? [];

  function test(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const country = String(form.get("country") ?? "")
      .trim()
      .toUpperCase();
    if (country !== "" && !/^[A-Z]{2}$/.test(country)) {
      setProblem(
        "Enter a two-letter country code such as US or DE, or leave it empty for an unknown country.",
      );
      return;
    }
    setProblem(null);
    setAsked({
      linkId: String(form.get("link") ?? ""),
      country: country || null,
      deviceType: String(form.get("device") ?? "") || null,
    });
  }

  const verdict = answer.data?.testTrackingLink;
  return (
    <div className="panel link-tester">
      <h2>Link tester</h2>
      <p className="muted">
        What would the tracker do with a click from this country and device? Nothing is sent or recorded. A
        click from your own computer (localhost, a private network) has no country.
      </p>
      {links.error ? <ErrorState error={links.error} /> : null}
      <form className="filters" onSubmit={test} aria-label="Test a link">
        <label>
          Link
          <select name="link" required>
            {options.map((link) => (
              <option key={link.id} value={link.id}>
                {link.name} ({link.offer.name})
              </option>
            ))}
          </select>
        </label>
        <label>
          Country
          <input
            name="country"
            placeholder="e.g. US; empty = unknown"
            maxLength={2}
            size={10}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "tester-problem" : undefined}
          />
        </label>
        <label>
          Device
          <select name="device" defaultValue="MOBILE">
            <option value="">unknown</option>
            {DEVICES.map((device) => (
              <option key={device} value={device}>
                {formatEnum(device)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={options.length === 0}>
          Test
        </button>
      </form>
      {problem ? (
        <p role="alert" id="tester-problem" className="error-text">
          {problem}
        </p>
      ) : null}
      {answer.fetching ? <Loading what="Asking the tracker's rules" /> : null}
      {answer.error ? <ErrorState error={answer.error} /> : null}
      {verdict && !answer.fetching ? (
        <div
          className={verdict.accepted ? "verdict accepted" : "verdict rejected"}
          data-testid="link-verdict"
        >
          <p>
            <strong>{verdict.accepted ? "Accepted" : `Rejected: ${verdict.reasonText}`}</strong>
          </p>
          <p>{verdict.explanation}</p>
          {verdict.url ? (
            <p>
              Goes to <code>{verdict.url}</code>
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
