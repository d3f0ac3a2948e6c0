// The leads inbox's quality filter is applied by the API across every page (not on the loaded page),
// keeps tenancy, and combines with the other filters.
import type { Offer, Publisher } from "@leadrail/db";
import type { Factories } from "../src/factories.ts";
import { type ApiServer, type Caller, callerFor, describe, expect, test } from "./harness.ts";

const MIN = 60_000;
const PAGE = `query($filter: LeadFilter, $first: Int, $after: String) {
  leads(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status qualitySignals { code } offer { id } } }
  }
}`;

interface Node {
  id: string;
  status: string;
  qualitySignals: { code: string }[];
  offer: { id: string };
}

/** Every lead the caller gets for `filter`, following the cursors page by page. */
async function allPages(api: ApiServer, caller: Caller, filter: Record<string, unknown>, first = 50) {
  const nodes: Node[] = [];
  let after: string | undefined;
  let totalCount = -1;
  let pages = 0;
  for (;;) {
    const answer = await api.call(PAGE, { filter, first, after }, caller.key);
    expect(answer.errors).toBeUndefined();
    const leads = answer.data?.leads;
    totalCount = leads.totalCount;
    nodes.push(...leads.edges.map((e: { node: Node }) => e.node));
    pages += 1;
    if (!leads.pageInfo.hasNextPage) break;
    after = leads.pageInfo.endCursor;
  }
  return { nodes, totalCount, pages };
}

const FLAG = [{ code: "duplicate_lead", detail: "same e-mail as an earlier lead" }];

/** `count` leads one minute apart, newest first; the ones at `flagged` positions carry a signal. */
async function leads(
  factories: Factories,
  offer: Offer,
  publisher: Publisher,
  count: number,
  flagged: Set<number>,
  start = Date.now(),
) {
  const created = [];
  for (let i = 0; i < count; i += 1) {
    created.push(
      factories.createConversion(offer, publisher, {
        status: i % 2 === 0 ? "PENDING" : "APPROVED",
        convertedAt: new Date(start - i * MIN),
        qualitySignals: flagged.has(i) ? FLAG : [],
      }),
    );
  }
  return Promise.all(created);
}

describe("leads inbox: quality filter", () => {
  test("finds flagged leads on every page, not just the first, and clean ones likewise", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const publisher = await factories.createPublisher();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    // 130 leads, newest first: the flagged ones sit on the second and third pages of 50.
    const flaggedAt = new Set([57, 98, 120, 129]);
    const created = await leads(factories, offer, publisher, 130, flaggedAt);
    const flaggedIds = created.filter((_, i) => flaggedAt.has(i)).map((c) => c.id);

    // Without the filter the first page holds none of them: a page-local filter would find nothing.
    const firstPage = await api.call(PAGE, { first: 50 }, adv.key);
    expect(firstPage.data?.leads.totalCount).toBe(130);
    expect(
      firstPage.data?.leads.edges.filter((e: { node: Node }) => e.node.qualitySignals.length > 0),
    ).toEqual([]);

    const flagged = await api.call(PAGE, { first: 50, filter: { quality: "FLAGGED" } }, adv.key);
    expect(flagged.errors).toBeUndefined();
    expect(flagged.data?.leads.totalCount).toBe(4);
    expect(flagged.data?.leads.pageInfo.hasNextPage).toBe(false);
    // Newest first, as always.
    expect(flagged.data?.leads.edges.map((e: { node: Node }) => e.node.id)).toEqual(flaggedIds);

    // Paging through the filtered list with small pages: each flagged lead once, nothing else.
    const paged = await allPages(api, adv, { quality: "FLAGGED" }, 3);
    expect(paged.pages).toBe(2);
    expect(paged.nodes.map((n) => n.id)).toEqual(flaggedIds);

    const clean = await allPages(api, adv, { quality: "CLEAN" });
    expect(clean.totalCount).toBe(126);
    expect(clean.nodes).toHaveLength(126);
    expect(clean.pages).toBe(3);
    expect(clean.nodes.every((n) => n.qualitySignals.length === 0)).toBe(true);
    expect(new Set(clean.nodes.map((n) => n.id)).size).toBe(126);

    // Combined with the status filter (even positions are PENDING: 98 and 120 of the flagged).
    const pendingFlagged = await allPages(api, adv, { quality: "FLAGGED", status: "PENDING" });
    expect(pendingFlagged.totalCount).toBe(2);
    expect(pendingFlagged.nodes.map((n) => n.id)).toEqual(
      created.filter((_, i) => i === 98 || i === 120).map((c) => c.id),
    );

    const bad = await api.call(PAGE, { filter: { quality: "DIRTY" } }, adv.key);
    expect(bad.errors?.length).toBeGreaterThan(0);
    expect(bad.data ?? null).toBeNull();
  });

  test("keeps tenancy: an advertiser's filter sees only its offers' leads; admins see all", async ({
    api,
    db,
    factories,
  }) => {
    const mine = await factories.createAdvertiser();
    const theirs = await factories.createAdvertiser();
    const myOffer = await factories.createOffer(mine);
    const theirOffer = await factories.createOffer(theirs);
    const publisher = await factories.createPublisher();
    const me = await callerFor(db, "ADVERTISER", mine);
    const them = await callerFor(db, "ADVERTISER", theirs);
    const admin = await callerFor(db, "ADMIN");
    const myLeads = await leads(factories, myOffer, publisher, 60, new Set([55]));
    const theirLeads = await leads(factories, theirOffer, publisher, 60, new Set([1, 2, 59]));

    const flaggedOf = (list: typeof myLeads, at: number[]) => at.map((i) => list[i]?.id);
    const meFlagged = await allPages(api, me, { quality: "FLAGGED" });
    expect(meFlagged.nodes.map((n) => n.id)).toEqual(flaggedOf(myLeads, [55]));
    expect(meFlagged.totalCount).toBe(1);
    // Naming the other advertiser's offer finds nothing of theirs.
    const probing = await allPages(api, me, { quality: "FLAGGED", offerId: String(theirOffer.id) });
    expect(probing).toMatchObject({ totalCount: 0, nodes: [] });
    const themFlagged = await allPages(api, them, { quality: "FLAGGED" });
    expect(themFlagged.nodes.map((n) => n.id)).toEqual(flaggedOf(theirLeads, [1, 2, 59]));
    expect((await allPages(api, them, { quality: "CLEAN" })).totalCount).toBe(57);

    // The admin sees every advertiser's (other tests' leads live in this database too: filter by offer).
    const adminMine = await allPages(api, admin, { quality: "FLAGGED", offerId: String(myOffer.id) });
    expect(adminMine.nodes.map((n) => n.id)).toEqual(flaggedOf(myLeads, [55]));
    const adminTheirs = await allPages(api, admin, { quality: "FLAGGED", offerId: String(theirOffer.id) });
    expect(adminTheirs.totalCount).toBe(3);

    // Roles that cannot list leads still cannot, filter or not.
    for (const role of ["PUBLISHER", "FINANCE"] as const) {
      const caller = await callerFor(db, role, role === "PUBLISHER" ? publisher : null);
      const answer = await api.call(PAGE, { filter: { quality: "FLAGGED" } }, caller.key);
      expect(answer.errors?.[0]?.extensions?.code).toBe("forbidden");
    }
  });
});
