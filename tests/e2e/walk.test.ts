// The whole path through the running services, as their users drive it: the tracker, a click writer
// and the API run as their own processes (their real entry files and environment parsing) on this
// file's database and Redis prefix, and every request goes over HTTP. An admin opens the accounts, an
// advertiser posts an offer, a publisher applies, is approved and gets a link; visitors click, the
// advertiser reports conversions by postback and pixel, confirms some leads and rejects others; finance
// generates, approves (two people) and pays the statement and the invoice; a paid lead returned later
// is clawed back on the next statement. After each step the numbers the API shows are checked against
// an independent SQL computation over the stored clicks and conversions.
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { callerFor } from "../api/harness.ts";
import { describe, expect, test } from "../src/fixtures.ts";
import { freePort, type ServiceProcess, spawnService, waitFor } from "../src/processes.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are checked by assertions, not by types
type Data = Record<string, any>;

const PASSWORD = "walk-the-whole-path";
const LANDING = "https://insure.example/quote?cid={click_id}&s1={sub1}&s2={sub2}";

/** Calls the API as `token` (an API key or a session token); throws on transport or GraphQL errors. */
function client(apiUrl: string) {
  return async (token: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${apiUrl}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Data; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data as Data;
  };
}

/** The success payload of a `DomainError | Success { data }` union, or a failed expectation. */
function ok(result: Data): Data {
  expect(result.__typename, JSON.stringify(result)).toMatch(/Success$/);
  return result.data;
}

const UNION = (fields: string) =>
  `{ __typename ... on DomainError { code message } ... on Node_ { data ${fields} } }`;
/** `UNION` for a mutation or query field: the success type's name comes from the field's name. */
function union(kind: "Mutation" | "Query", field: string, fields: string): string {
  return UNION(fields).replace("Node_", `${kind}${field[0]?.toUpperCase()}${field.slice(1)}Success`);
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

interface Received {
  url: string;
}

/** The publisher's own server: takes postbacks and remembers them. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    received.push({ url: req.url ?? "" });
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("the whole path through the running services", () => {
  test("offer → application → link → clicks → postbacks → decisions → statements paid → clawback", async ({
    db,
    databaseUrl,
    redisUrl,
    redisPrefix,
  }) => {
    const trackerPort = await freePort();
    const apiPort = await freePort();
    const trackerUrl = `http://127.0.0.1:${trackerPort}`;
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const shared = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix };
    const receiver = await startReceiver();
    const services: ServiceProcess[] = [
      spawnService("tracker/src/index.ts", {
        ...shared,
        TRACKER_PORT: String(trackerPort),
        HOST: "127.0.0.1",
        // Visitors below are told apart by X-Forwarded-For, as behind a load balancer.
        TRUST_PROXY: "1",
        LEAD_FORM_SECRET: "walk-test-lead-form-secret-0123456789",
        POSTBACK_BACKOFF_MS: "100",
        // The publisher's receiver below listens on loopback.
        POSTBACK_ALLOW_PRIVATE_NETWORKS: "true",
      }),
      spawnService("tracker/src/click-writer-main.ts", {
        ...shared,
        WRITER_CONSUMER: "walk-writer",
        WRITER_BLOCK_MS: "50",
        WRITER_LINGER_MS: "0",
      }),
      spawnService("api/src/index.ts", {
        ...shared,
        API_PORT: String(apiPort),
        HOST: "127.0.0.1",
        TRACKER_PUBLIC_URL: trackerUrl,
        POSTBACK_ALLOW_PRIVATE_NETWORKS: "true",
      }),
    ];
    const output = () => services.map((s) => s.output()).join("\n");
    try {
      await waitFor(
        "the tracker and the API to answer",
        async () => {
          return (await healthy(`${trackerUrl}/healthz`)) && (await healthy(`${apiUrl}/healthz`));
        },
        60_000,
      ).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${output()}`);
      });
      const gql = client(apiUrl);

      // ── 1. An admin (the one account that exists before the platform does) opens the accounts ──
      const admin = await callerFor(db, "ADMIN");
      const createdAdvertiser = ok(
        (
          await gql(
            admin.key,
            `mutation { r: createAdvertiser(name: "Harbor Home Insurance") ${union("Mutation", "createAdvertiser", "{ advertiser { id } postbackSecret }")} }`,
          )
        ).r,
      );
      const advertiserId = Number(createdAdvertiser.advertiser.id);
      const postbackSecret: string = createdAdvertiser.postbackSecret;
      const publisherId = Number(
        ok(
          (
            await gql(
              admin.key,
              `mutation { r: createPublisher(name: "Walk Media", minimumPayout: "1000", payoutCurrency: "USD") ${union("Mutation", "createPublisher", "{ id }")} }`,
            )
          ).r,
        ).id,
      );
      const login = async (role: string, email: string, accountId: number | null) => {
        ok(
          (
            await gql(
              admin.key,
              `mutation($role: Role!, $email: String!, $account: ID, $password: String) {
                r: createUser(role: $role, email: $email, name: $email, accountId: $account, password: $password)
                ${union("Mutation", "createUser", "{ id }")} }`,
              { role, email, account: accountId, password: PASSWORD },
            )
          ).r,
        );
        const session = ok(
          (
            await gql(
              null,
              `mutation($email: String!, $password: String!) { r: login(email: $email, password: $password)
                ${union("Mutation", "login", "{ token user { id role } }")} }`,
              { email, password: PASSWORD },
            )
          ).r,
        );
        expect(session.user.role).toBe(role);
        return session.token as string;
      };
      const adv = await login("ADVERTISER", "claims@harbor.example", advertiserId);
      const pub = await login("PUBLISHER", "buyer@walkmedia.example", publisherId);
      const finance = await login("FINANCE", "ap@network.example", null);
      const finance2 = await login("FINANCE", "controller@network.example", null);

      // ── 2. The advertiser posts an offer and activates it ──
      const offer = ok(
        (
          await gql(
            adv,
            `mutation($input: CreateOfferInput!) { r: createOffer(input: $input) ${union(
              "Mutation",
              "createOffer",
              "{ id status postbackInstructions { postbackUrl pixelUrl } }",
            )} }`,
            {
              input: {
                name: "Home insurance quote (walk)",
                vertical: "insurance",
                landingUrl: LANDING,
                fallbackUrl: "https://insure.example/",
                visibility: "APPROVAL_REQUIRED",
                currency: "USD",
                payoutModel: "CPL",
                payout: "1500",
                revenue: "2500",
                confirmationMode: "MANUAL",
                holdDays: 0,
                returnWindowDays: 30,
              },
            },
          )
        ).r,
      );
      const offerId = Number(offer.id);
      expect(offer.status).toBe("DRAFT");
      expect(
        offer.postbackInstructions.postbackUrl.startsWith(`${trackerUrl}/postback?offer_id=${offerId}`),
      ).toBe(true);
      ok(
        (
          await gql(
            adv,
            `mutation { r: setOfferStatus(id: ${offerId}, status: ACTIVE) ${union("Mutation", "setOfferStatus", "{ status }")} }`,
          )
        ).r,
      );

      // ── 3. The publisher finds it, applies, is approved, and gets a link ──
      const market = await gql(
        pub,
        `{ marketplace(filter: { search: "walk" }) { edges { node { id payout { amount currency } myApplication { status } } } } }`,
      );
      expect(market.marketplace.edges).toEqual([
        { node: { id: String(offerId), payout: { amount: "1500", currency: "USD" }, myApplication: null } },
      ]);
      const application = ok(
        (
          await gql(
            pub,
            `mutation { r: applyToOffer(offerId: ${offerId}, message: "Facebook lead ads, US homeowners") ${union("Mutation", "applyToOffer", "{ id status }")} }`,
          )
        ).r,
      );
      expect(application.status).toBe("APPLIED");
      // Before approval there is no link to be had.
      const early = (
        await gql(
          pub,
          `mutation { r: createTrackingLink(offerId: ${offerId}) ${union("Mutation", "createTrackingLink", "{ id }")} }`,
        )
      ).r;
      expect(early).toMatchObject({ __typename: "DomainError", code: "forbidden" });
      ok(
        (
          await gql(
            adv,
            `mutation { r: decideApplication(id: ${application.id}, decision: APPROVED, reason: "good source") ${union("Mutation", "decideApplication", "{ status }")} }`,
          )
        ).r,
      );
      const link = ok(
        (
          await gql(
            pub,
            `mutation { r: createTrackingLink(offerId: ${offerId}, name: "fb", defaultSubs: { sub1: "fb" }) ${union("Mutation", "createTrackingLink", "{ id code url }")} }`,
          )
        ).r,
      );
      expect(link.url).toBe(`${trackerUrl}/c/${link.code}?sub1=fb`);
      ok(
        (
          await gql(
            pub,
            `mutation($input: PostbackTemplateInput!) { r: setPostbackTemplate(input: $input) ${union("Mutation", "setPostbackTemplate", "{ id }")} }`,
            {
              input: {
                method: "GET",
                urlTemplate: `${receiver.url}/pb?cid={click_id}&status={status}&payout={payout}&s2={sub2}`,
              },
            },
          )
        ).r,
      );

      // ── 4. Visitors click: 10 people, one of them twice, and a crawler ──
      const visits = [
        ...Array.from({ length: 10 }, (_, i) => ({
          ip: `198.51.100.${10 + i}`,
          ua: browser(i),
          sub2: `ad-${i % 3}`,
        })),
        { ip: "198.51.100.10", ua: browser(0), sub2: "ad-0" },
        {
          ip: "198.51.100.99",
          ua: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          sub2: "ad-0",
        },
      ];
      const clickIds: string[] = [];
      for (const visit of visits) {
        const res = await fetch(`${link.url}&sub2=${visit.sub2}&url=https://evil.example/`, {
          redirect: "manual",
          headers: { "user-agent": visit.ua, "x-forwarded-for": visit.ip },
        });
        expect(res.status).toBe(302);
        const location = new URL(res.headers.get("location") ?? "");
        expect(`${location.origin}${location.pathname}`).toBe("https://insure.example/quote");
        expect(location.searchParams.get("s1")).toBe("fb");
        expect(location.searchParams.get("s2")).toBe(visit.sub2);
        clickIds.push(location.searchParams.get("cid") ?? "");
      }

      // ── 5. The advertiser reports conversions: six postbacks, a pixel, a replay and a stranger ──
      const postback = async (params: Record<string, string>) => {
        const res = await fetch(
          `${trackerUrl}/postback?${new URLSearchParams({ ...params, token: postbackSecret })}`,
        );
        return { status: res.status, body: (await res.json()) as Data };
      };
      for (let i = 0; i < 6; i += 1) {
        const answer = await postback({ click_id: clickIds[i] ?? "", txid: `Q-${i}` });
        expect(answer).toMatchObject({
          status: 200,
          body: { status: "recorded", conversion_status: "pending" },
        });
      }
      // Seconds after its click: the postback still finds the click before or after the writer stored it.
      const pixelUrl = (offer.postbackInstructions.pixelUrl as string)
        .replace("{click_id}", clickIds[6] ?? "")
        .replace("{order_id}", "Q-6");
      const pixel = await fetch(pixelUrl);
      expect([pixel.status, pixel.headers.get("x-leadrail-outcome")]).toEqual([200, "recorded"]);
      const replay = await postback({ click_id: clickIds[0] ?? "", txid: "Q-0" });
      expect(replay.body.status).toBe("duplicate");
      const stranger = await postback({
        click_id: "0190f6b2-0000-7000-8000-000000000000",
        offer_id: String(offerId),
        txid: "Q-X",
      });
      expect(stranger.body).toMatchObject({ status: "rejected" });

      // Every click reaches PostgreSQL through the writer.
      await waitFor("the writer to store every click", async () => {
        return (await db.click.count({ where: { offerId } })) === visits.length;
      });

      // ── 6. What the API reports equals what SQL counts ──
      const today = new Date().toISOString().slice(0, 10);
      const statsQuery = `query($d: String!) { stats(from: $d, to: $d, offerId: ${offerId}) {
        clicks uniqueClicks botClicks conversions pendingConversions approvedConversions rejectedConversions
        payout { amount } revenue { amount } } }`;
      const sqlCounts = async () => {
        const [clicks] = await db.$queryRaw<Data[]>`
          SELECT count(*)::int AS clicks, count(*) FILTER (WHERE is_unique)::int AS unique,
                 count(*) FILTER (WHERE is_bot)::int AS bots
          FROM clicks WHERE offer_id = ${offerId} AND publisher_id = ${publisherId}`;
        const [conversions] = await db.$queryRaw<Data[]>`
          SELECT count(*)::int AS total,
                 count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
                 count(*) FILTER (WHERE status = 'APPROVED')::int AS approved,
                 count(*) FILTER (WHERE status = 'REJECTED')::int AS rejected,
                 coalesce(sum(payout) FILTER (WHERE status = 'APPROVED'), 0)::text AS payout,
                 coalesce(sum(revenue) FILTER (WHERE status = 'APPROVED'), 0)::text AS revenue
          FROM conversions WHERE offer_id = ${offerId} AND publisher_id = ${publisherId}`;
        return { clicks: clicks as Data, conversions: conversions as Data };
      };
      const expectStatsMatch = async () => {
        const sql = await sqlCounts();
        const expected = {
          clicks: String(sql.clicks.clicks),
          uniqueClicks: String(sql.clicks.unique),
          botClicks: String(sql.clicks.bots),
          conversions: String(sql.conversions.total),
          pendingConversions: String(sql.conversions.pending),
          approvedConversions: String(sql.conversions.approved),
          rejectedConversions: String(sql.conversions.rejected),
          payout: { amount: sql.conversions.payout },
        };
        const asPublisher = (await gql(pub, statsQuery, { d: today })).stats;
        expect(asPublisher).toEqual([{ ...expected, revenue: null }]);
        const asAdvertiser = (await gql(adv, statsQuery, { d: today })).stats;
        // An advertiser sees its cost, never what publishers earn (@leadrail/db/visibility).
        expect(asAdvertiser).toEqual([
          { ...expected, payout: null, revenue: { amount: sql.conversions.revenue } },
        ]);
        // The network's report (admin: every money column) says the same, and profit is what is left.
        const report = await gql(
          admin.key,
          `query($d: String!) { report(from: $d, to: $d, groupBy: [OFFER, PUBLISHER], filter: { offerIds: ["${offerId}"] }) {
            rows { publisherId clicks uniqueClicks botClicks conversions pendingConversions approvedConversions
              rejectedConversions payout { amount } revenue { amount } profit { amount } } } }`,
          { d: today },
        );
        const row = (report.report.rows as Data[]).find((r) => r.publisherId === String(publisherId));
        const profit = BigInt(sql.conversions.revenue) - BigInt(sql.conversions.payout);
        expect(row).toEqual({
          ...expected,
          publisherId: String(publisherId),
          revenue: { amount: sql.conversions.revenue },
          profit: { amount: String(profit) },
        });
        return sql;
      };
      const first = await expectStatsMatch();
      // 12 clicks: the repeat visit is not unique, the crawler is flagged and never unique; 7 leads wait.
      expect(first.clicks).toEqual({ clicks: 12, unique: 10, bots: 1 });
      expect(first.conversions).toMatchObject({ total: 7, pending: 7, approved: 0, rejected: 0 });
      // The stranger's postback is kept as a rejected conversion of no publisher that pays nothing.
      expect(
        await db.conversion.findMany({
          where: { offerId, transactionId: "Q-X" },
          select: { status: true, publisherId: true, payout: true, revenue: true },
        }),
      ).toEqual([{ status: "REJECTED", publisherId: null, payout: 0n, revenue: 0n }]);

      // ── 7. The advertiser works the leads inbox: confirms four, rejects three ──
      const inbox = await gql(
        adv,
        `{ leads(filter: { offerId: ${offerId}, status: PENDING }, first: 50) { totalCount edges { node { id transactionId } } } }`,
      );
      const pending = (inbox.leads.edges as Data[])
        .map((edge) => edge.node)
        .sort((a, b) => a.transactionId.localeCompare(b.transactionId));
      expect(pending.map((lead) => lead.transactionId)).toEqual([
        "Q-0",
        "Q-1",
        "Q-2",
        "Q-3",
        "Q-4",
        "Q-5",
        "Q-6",
      ]);
      const confirmed = pending.slice(0, 4).map((lead) => lead.id);
      const rejected = pending.slice(4).map((lead) => lead.id);
      // The publisher cannot decide on its own leads.
      const meddling = (
        await gql(
          pub,
          `mutation($ids: [ID!]!) { r: confirmLeads(ids: $ids) ${union("Mutation", "confirmLeads", "{ id }")} }`,
          {
            ids: confirmed,
          },
        )
      ).r;
      expect(meddling).toMatchObject({ __typename: "DomainError", code: "forbidden" });
      ok(
        (
          await gql(
            adv,
            `mutation($ids: [ID!]!) { r: confirmLeads(ids: $ids) ${union("Mutation", "confirmLeads", "{ id status }")} }`,
            {
              ids: confirmed,
            },
          )
        ).r,
      );
      ok(
        (
          await gql(
            adv,
            `mutation($ids: [ID!]!) { r: rejectLeads(ids: $ids, reason: "unreachable phone") ${union("Mutation", "rejectLeads", "{ id status }")} }`,
            { ids: rejected },
          )
        ).r,
      );
      const second = await expectStatsMatch();
      expect(second.conversions).toMatchObject({
        approved: 4,
        rejected: 3,
        pending: 0,
        payout: "6000",
        revenue: "10000",
      });

      // The publisher's own server heard about each lead when the tracker recorded it, and again when the
      // advertiser decided (the API's decisions go out through the same outbox and queue).
      const heard = (status: string) =>
        new Set(
          receiver.received
            .map((r) => new URL(r.url, receiver.url).searchParams)
            .filter((params) => params.get("status") === status)
            .map((params) => params.get("cid")),
        );
      await waitFor(
        "the publisher's postbacks",
        async () => heard("pending").size === 7 && heard("approved").size + heard("rejected").size === 7,
      );
      expect([...heard("pending")].sort()).toEqual(clickIds.slice(0, 7).sort());
      expect([...heard("approved")].sort()).toEqual(clickIds.slice(0, 4).sort());
      expect([...heard("rejected")].sort()).toEqual(clickIds.slice(4, 7).sort());

      // ── 8. The publisher switches the link off: clicks are refused (and still recorded), then on again ──
      const setDisabled = (disabled: boolean) =>
        gql(
          pub,
          `mutation { r: setTrackingLinkDisabled(id: ${link.id}, disabled: ${disabled}) ${union("Mutation", "setTrackingLinkDisabled", "{ disabledAt }")} }`,
        );
      expect(ok((await setDisabled(true)).r).disabledAt).not.toBeNull();
      await waitFor("the tracker to drop the disabled link", async () => {
        const res = await fetch(link.url, {
          redirect: "manual",
          headers: { "x-forwarded-for": "198.51.100.50" },
        });
        return res.status === 302 && res.headers.get("location") === "https://insure.example/";
      });
      expect(ok((await setDisabled(false)).r).disabledAt).toBeNull();
      await waitFor("the tracker to take the link back", async () => {
        const res = await fetch(link.url, {
          redirect: "manual",
          headers: { "x-forwarded-for": "198.51.100.51" },
        });
        return (
          res.status === 302 && (res.headers.get("location") ?? "").startsWith("https://insure.example/quote")
        );
      });
      await waitFor("the writer to store the refused clicks", async () => {
        const refused = await db.click.count({
          where: { offerId, status: "REJECTED", rejectReason: "link_disabled" },
        });
        return refused > 0;
      });

      // ── 9. Finance: generate, two-person approve, pay — statement and invoice ──
      const STATEMENT =
        "{ id status total currency publisher { id } lines(first: 50) { edges { node { kind amount conversionId } } } }";
      const generated = ok(
        (
          await gql(
            finance,
            `mutation($at: DateTime!) { r: generatePayoutStatements(periodEnd: $at) ${union(
              "Mutation",
              "generatePayoutStatements",
              `{ statements ${STATEMENT} }`,
            )} }`,
            { at: new Date().toISOString() },
          )
        ).r,
      );
      const mine = (generated.statements as Data[]).filter((s) => s.publisher.id === String(publisherId));
      expect(mine).toHaveLength(1);
      const statement = mine[0] as Data;
      // Independently: the approved conversions of this publisher past their hold, on no statement yet.
      const [payable] = await db.$queryRaw<Data[]>`
        SELECT coalesce(sum(c.payout), 0)::text AS total, count(*)::int AS lines,
               array_agg(c.id::text ORDER BY c.id) AS ids
        FROM conversions c JOIN offers o ON o.id = c.offer_id
        WHERE c.publisher_id = ${publisherId} AND c.status = 'APPROVED' AND c.payout > 0
          AND c.approved_at + make_interval(days => o.hold_days) <= now()`;
      expect(statement).toMatchObject({ status: "DRAFT", currency: "USD", total: (payable as Data).total });
      expect((statement.lines.edges as Data[]).map((e) => e.node.conversionId).sort()).toEqual(
        [...(payable as Data).ids].sort(),
      );
      // Running it again creates nothing new.
      const again = ok(
        (
          await gql(
            finance,
            `mutation($at: DateTime!) { r: generatePayoutStatements(periodEnd: $at) ${union("Mutation", "generatePayoutStatements", "{ statements { id } }")} }`,
            { at: new Date().toISOString() },
          )
        ).r,
      );
      expect(again.statements).toEqual([]);
      // Whoever generated it cannot approve it.
      const selfApproval = (
        await gql(
          finance,
          `mutation { r: approveStatement(id: ${statement.id}) ${union("Mutation", "approveStatement", "{ id }")} }`,
        )
      ).r;
      expect(selfApproval.__typename).toBe("DomainError");
      ok(
        (
          await gql(
            finance2,
            `mutation { r: approveStatement(id: ${statement.id}) ${union("Mutation", "approveStatement", "{ status }")} }`,
          )
        ).r,
      );
      // Until the publisher says where to send the money, the statement cannot be paid.
      const pay = (who: string) =>
        gql(
          who,
          `mutation($at: DateTime!) { r: markStatementPaid(id: ${statement.id}, paidAt: $at, reference: "WIRE-2026-11-001")
            ${union("Mutation", "markStatementPaid", "{ status total payments { amount reference } }")} }`,
          { at: new Date().toISOString() },
        );
      expect((await pay(finance2)).r).toMatchObject({ __typename: "DomainError", code: "conflict" });
      ok(
        (
          await gql(
            pub,
            `mutation { r: setPayoutDetails(input: { method: PAYPAL, paypalEmail: "money@walkmedia.example" })
              ${union("Mutation", "setPayoutDetails", "{ method }")} }`,
          )
        ).r,
      );
      const paid = ok(
        (
          await gql(
            finance2,
            `mutation($at: DateTime!) { r: markStatementPaid(id: ${statement.id}, paidAt: $at, reference: "WIRE-2026-11-001")
              ${union("Mutation", "markStatementPaid", "{ status total payments { amount reference } }")} }`,
            { at: new Date().toISOString() },
          )
        ).r,
      );
      expect(paid).toEqual({
        status: "PAID",
        total: "6000",
        payments: [{ amount: "6000", reference: "WIRE-2026-11-001" }],
      });

      const INVOICE = "{ id status total advertiser { id } }";
      const invoices = ok(
        (
          await gql(
            finance,
            `mutation($at: DateTime!) { r: generateAdvertiserInvoices(periodEnd: $at) ${union(
              "Mutation",
              "generateAdvertiserInvoices",
              `{ invoices ${INVOICE} }`,
            )} }`,
            { at: new Date().toISOString() },
          )
        ).r,
      );
      const invoice = (invoices.invoices as Data[]).find(
        (i) => i.advertiser.id === String(advertiserId),
      ) as Data;
      const [billable] = await db.$queryRaw<Data[]>`
        SELECT coalesce(sum(revenue), 0)::text AS total FROM conversions
        WHERE offer_id = ${offerId} AND status = 'APPROVED'`;
      expect(invoice).toMatchObject({ status: "DRAFT", total: (billable as Data).total });
      ok(
        (
          await gql(
            finance2,
            `mutation { r: approveInvoice(id: ${invoice.id}) ${union("Mutation", "approveInvoice", "{ status }")} }`,
          )
        ).r,
      );
      ok(
        (
          await gql(
            finance2,
            `mutation($at: DateTime!) { r: markInvoicePaid(id: ${invoice.id}, paidAt: $at, reference: "SEPA-889") ${union("Mutation", "markInvoicePaid", "{ status }")} }`,
            { at: new Date().toISOString() },
          )
        ).r,
      );

      // The publisher sees its paid statement; the advertiser cannot see it at all.
      const PUBLISHER_STATEMENTS = `{ r: payoutStatements(first: 10) ${union("Query", "payoutStatements", "{ edges { node { id status total } } }")} }`;
      expect(ok((await gql(pub, PUBLISHER_STATEMENTS)).r).edges).toEqual([
        { node: { id: statement.id, status: "PAID", total: "6000" } },
      ]);
      const advertiserView = (await gql(adv, PUBLISHER_STATEMENTS)).r;
      expect(advertiserView.__typename === "DomainError" || advertiserView.data.edges.length === 0).toBe(
        true,
      );

      // Every money step left its audit row, with the person who took it.
      const audited = await db.auditLog.findMany({
        where: { entityType: "PayoutStatement", entityId: String(statement.id) },
        orderBy: { id: "asc" },
      });
      expect(audited.map((row) => row.action)).toEqual(
        expect.arrayContaining([expect.stringMatching(/approve/), expect.stringMatching(/pa(id|y)/)]),
      );

      // ── 10. A paid lead comes back: the advertiser returns it, the next statement claws it back ──
      ok(
        (
          await gql(
            adv,
            `mutation($id: ID!) { r: returnLead(id: $id, reason: "duplicate of an existing customer") ${union("Mutation", "returnLead", "{ status }")} }`,
            { id: confirmed[0] },
          )
        ).r,
      );
      const third = await expectStatsMatch();
      expect(third.conversions).toMatchObject({ approved: 3, payout: "4500" });
      const next = ok(
        (
          await gql(
            finance,
            `mutation($at: DateTime!) { r: generatePayoutStatements(periodEnd: $at) ${union(
              "Mutation",
              "generatePayoutStatements",
              `{ statements ${STATEMENT} carriedForward { accountId amount } }`,
            )} }`,
            { at: new Date().toISOString() },
          )
        ).r,
      );
      // Independently: what is owed back is the payout of reversed conversions paid on a live statement.
      const [owed] = await db.$queryRaw<Data[]>`
        SELECT coalesce(sum(l.amount), 0)::text AS total FROM payout_statement_lines l
        JOIN payout_statements s ON s.id = l.statement_id
        JOIN conversions c ON c.id = l.conversion_id
        WHERE s.publisher_id = ${publisherId} AND s.status = 'PAID' AND l.kind = 'PAYOUT' AND c.status = 'REVERSED'`;
      expect((owed as Data).total).toBe("1500");
      // A negative balance is below any minimum payout: no statement, the debt is carried forward.
      expect((next.statements as Data[]).filter((s) => s.publisher.id === String(publisherId))).toEqual([]);
      expect((next.carriedForward as Data[]).filter((c) => c.accountId === String(publisherId))).toEqual([
        { accountId: String(publisherId), amount: `-${(owed as Data).total}` },
      ]);
    } finally {
      await Promise.all(services.map((service) => service.kill("SIGTERM")));
      await receiver.close();
    }
  }, 120_000);
});

/** Distinct desktop browsers: the same person is the same IP and user agent. */
function browser(i: number): string {
  return `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${120 + i}.0.0.0 Safari/537.36`;
}
