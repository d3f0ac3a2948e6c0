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
import { SearchPicker } from "../ui/SearchPicker.tsx";
import { ErrorState, Loading } from "../ui/states.tsx";
import { linkOption, useLinkSearch } from "./link-search.ts";

const ClicksQuery = graphql(`
  query ClickLog($status: ClickStatus) {
    myClicks(first: 200, status: $status) {
      id createdAt status rejectReason reasonText linkName offerName country deviceType sub1 isBot isUnique
    }
  }
`);

// The newest link is the tester's first choice; any other is found with the picker (link-search.ts).
const NewestLinkQuery = graphql(`
  query NewestLink {
    myLinks(first: 1) { edges { node { id name code offer { name } } } }
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
  const [links] = useQuery({ query: NewestLinkQuery });
  const newestNode = links.data?.myLinks.edges[0]?.node;
  const newest = newestNode ? linkOption(newestNode) : null;
  // undefined: nothing picked yet, so the newest link; null: the picker was cleared.
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const linkId = picked === undefined ? (newest?.id ?? null) : picked;
  const search = useLinkSearch();
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
    // Test is disabled until a link is picked (and so is submitting with Enter).
    if (!linkId) return;
    setProblem(null);
    setAsked({
      linkId,
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
        <SearchPicker
          // Mounted again once the newest link has loaded, to show it as the first choice.
          key={newest?.id ?? "none"}
          label="Link"
          value={linkId}
          initial={newest}
          onChange={(id) => setPicked(id)}
          search={search}
          placeholder="Type part of a link's or offer's name…"
          disabled={links.fetching && !links.data}
        />
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
        <button type="submit" disabled={!linkId}>
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
