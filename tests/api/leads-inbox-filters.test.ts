// The leads inbox's quality filter is applied by the API across every page (not on the loaded page),
// keeps tenancy, and combines with the other filters. The HOTTEST ordering: HOT, WARM, COLD, newest
// first within each, paged without repeats or gaps, at a moment the pages share.
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

const HOUR = 60 * MIN;
const ORDERED = `query($filter: LeadFilter, $first: Int, $after: String, $at: DateTime, $orderBy: LeadOrder) {
  leads(first: $first, after: $after, filter: $filter, orderBy: $orderBy, temperatureAt: $at) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id temperature } }
  }
}`;

/** Every lead in the order asked for, `first` at a time. */
async function ordered(
  api: ApiServer,
  caller: Caller,
  variables: { filter?: Record<string, unknown>; at?: string; orderBy?: string },
  first: number,
) {
  const nodes: { id: string; temperature: string }[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const answer = await api.call(ORDERED, { orderBy: "HOTTEST", ...variables, first, after }, caller.key);
    expect(answer.errors).toBeUndefined();
    const leads = answer.data?.leads;
    nodes.push(...leads.edges.map((e: { node: { id: string; temperature: string } }) => e.node));
    if (!leads.pageInfo.hasNextPage) return { nodes, totalCount: leads.totalCount as number };
    after = leads.pageInfo.endCursor;
  }
  throw new Error("too many pages");
}

const FORM = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
  { name: "phone", label: "Phone", type: "phone", required: false },
  { name: "zip", label: "ZIP", type: "text", required: false },
];

describe("leads inbox: hottest first", () => {
  test("HOT, then WARM, then COLD, newest first within each, over pages of any size", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const postbacks = await factories.createOffer(advertiser);
    const forms = await factories.createOffer(advertiser, { leadFormFields: FORM });
    const publisher = await factories.createPublisher();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const now = Date.now();
    const ago = (ms: number) => new Date(now - ms);
    const lead = (
      offer: Offer,
      clickAgo: number | null,
      convertedAgo: number,
      extra: Parameters<Factories["createConversion"]>[2] = {},
    ) =>
      factories.createConversion(offer, publisher, {
        status: "PENDING",
        clickAt: clickAgo === null ? null : ago(clickAgo),
        convertedAt: ago(convertedAgo),
        ...extra,
      });
    const full = { name: "Ada", email: "ada@example.com", phone: "+4930123456", zip: "10115" };
    const L = {
      // HOT
      a: await lead(postbacks, 5 * MIN, 4 * MIN), // clicked 15 min: +3
      b: await lead(postbacks, HOUR, 59 * MIN, { returningVisitor: true }), // +2 +1
      h: await lead(postbacks, null, 3 * MIN), // no click: its own time, +3
      l: await lead(forms, 3 * HOUR, 3 * HOUR - MIN, {
        source: "LEAD_FORM",
        leadFields: full,
        returningVisitor: true,
      }), // +1 +1 +1
      // WARM
      c: await lead(postbacks, 10 * MIN, 9 * MIN, { qualitySignals: FLAG }), // +3 −2
      d: await lead(postbacks, 30 * HOUR, 30 * HOUR - MIN, { returningVisitor: true }), // 0 +1
      n: await lead(forms, 3 * HOUR, 3 * HOUR - 2 * MIN, {
        source: "LEAD_FORM",
        leadFields: { name: "Ada", email: "ada@example.com" },
      }), // +1, half a form counts neither way
      // COLD
      e: await lead(postbacks, 50 * HOUR, 50 * HOUR), // 0
      f: await lead(postbacks, 100 * HOUR, 100 * HOUR), // −2
      g: await lead(postbacks, MIN, MIN / 2, { status: "REJECTED" }), // not payable
      r: await lead(postbacks, 2 * MIN, MIN, { status: "REVERSED" }),
      i: await lead(postbacks, null, 80 * HOUR, { returningVisitor: true }), // −2 +1
      j: await lead(postbacks, 80 * HOUR, 2 * MIN, { returningVisitor: true }), // clicked long ago: −2 +1
      m: await lead(forms, 3 * HOUR, 3 * HOUR - 3 * MIN, {
        source: "LEAD_FORM",
        leadFields: { name: "Ada" },
      }), // +1 −1
      x: await lead(postbacks, 20 * MIN, 19 * MIN, { qualitySignals: FLAG }), // +2 −2
    };
    const newestFirst = (names: (keyof typeof L)[]) =>
      names
        .map((name) => L[name])
        .sort((p, q) => q.convertedAt.getTime() - p.convertedAt.getTime())
        .map((c) => c.id);
    const expected = [
      ...newestFirst(["a", "b", "h", "l"]),
      ...newestFirst(["c", "d", "n"]),
      ...newestFirst(["e", "f", "g", "r", "i", "j", "m", "x"]),
    ];
    const at = new Date(now).toISOString();
    for (const first of [1, 2, 3, 4, 7, 50]) {
      const result = await ordered(api, adv, { at }, first);
      expect(result.nodes.map((n) => n.id)).toEqual(expected);
      expect(result.totalCount).toBe(15);
    }
    // What the inbox shows agrees with the order (the badge is computed now, a moment later).
    const shown = (await ordered(api, adv, { at }, 50)).nodes.map((n) => n.temperature);
    expect(shown).toEqual([...Array(4).fill("HOT"), ...Array(3).fill("WARM"), ...Array(8).fill("COLD")]);
    // Without a moment: now. The default order is unchanged: newest first.
    expect((await ordered(api, adv, {}, 50)).nodes.map((n) => n.id)).toEqual(expected);
    const newest = await ordered(api, adv, { orderBy: "NEWEST" }, 4);
    expect(newest.nodes.map((n) => n.id)).toEqual(newestFirst(Object.keys(L) as (keyof typeof L)[]));
    const plain = await api.call(PAGE, { first: 50 }, adv.key);
    expect(plain.data?.leads.edges.map((e: { node: Node }) => e.node.id)).toEqual(
      newest.nodes.map((n) => n.id),
    );

    // With the filters: the same leads as newest-first, in temperature order.
    for (const filter of [
      { status: "PENDING" },
      { quality: "FLAGGED" },
      { offerId: String(forms.id) },
      { from: ago(4 * HOUR).toISOString(), status: "PENDING" },
    ]) {
      const hot = await ordered(api, adv, { filter, at }, 2);
      const plainIds = (await ordered(api, adv, { filter, orderBy: "NEWEST" }, 50)).nodes.map((n) => n.id);
      expect(hot.nodes.map((n) => n.id)).toEqual(expected.filter((id) => plainIds.includes(id)));
      expect(hot.totalCount).toBe(plainIds.length);
    }

    // Backwards paging is refused, with nothing read.
    const back = await api.call(
      `query { leads(last: 2, orderBy: HOTTEST) { edges { node { id } } } }`,
      {},
      adv.key,
    );
    expect(back.errors?.[0]?.extensions?.code).toBe("invalid_input");
    // A moment long ago would read most of the inbox; one ahead is a mistake.
    for (const moment of [ago(25 * HOUR), new Date(now + HOUR)]) {
      const answer = await api.call(ORDERED, { first: 5, at: moment.toISOString() }, adv.key);
      expect(answer.errors?.[0]?.extensions?.code).toBe("invalid_input");
      expect(answer.data ?? null).toBeNull();
    }
  });

  test("pages share one moment: a lead that cools between pages is neither repeated nor skipped", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const publisher = await factories.createPublisher();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const now = Date.now();
    const lead = (clickAgo: number, extra: Parameters<Factories["createConversion"]>[2] = {}) =>
      factories.createConversion(offer, publisher, {
        status: "PENDING",
        clickAt: new Date(now - clickAgo),
        convertedAt: new Date(now - clickAgo + 1000),
        ...extra,
      });
    // r: clicked 20 h ago, a returning visitor: WARM now (+1 +1), HOT 19 h 55 min ago (+3 +1).
    // s: clicked 30 min ago with a signal: WARM now (+2 −2 +1) and then (+3 −2 +1).
    const r = await lead(20 * HOUR, { returningVisitor: true });
    const s = await lead(30 * MIN, { returningVisitor: true, qualitySignals: FLAG });
    const then = new Date(now - 20 * HOUR + 5 * MIN).toISOString();
    expect((await ordered(api, adv, { at: then }, 1)).nodes.map((n) => n.id)).toEqual([r.id, s.id]);
    expect((await ordered(api, adv, {}, 1)).nodes.map((n) => n.id)).toEqual([s.id, r.id]);

    // Page one at `then` ends with r; page two at `then` goes on with s. Asking page two at a later
    // moment (r has cooled to WARM, behind s) would skip s: the moment belongs with the cursor.
    const first = await api.call(ORDERED, { orderBy: "HOTTEST", first: 1, at: then }, adv.key);
    const cursor = first.data?.leads.pageInfo.endCursor;
    const second = await api.call(
      ORDERED,
      { orderBy: "HOTTEST", first: 1, after: cursor, at: then },
      adv.key,
    );
    expect(second.data?.leads.edges.map((e: { node: Node }) => e.node.id)).toEqual([s.id]);
    const drifted = await api.call(ORDERED, { orderBy: "HOTTEST", first: 1, after: cursor }, adv.key);
    expect(drifted.data?.leads.edges).toEqual([]);

    // Someone else's lead is no cursor: an empty page, as for a cursor that does not exist.
    const other = await factories.createAdvertiser();
    const theirs = await factories.createConversion(await factories.createOffer(other), publisher, {
      status: "PENDING",
    });
    const foreign = Buffer.from(`GPC:S:${theirs.id}`).toString("base64");
    const probe = await api.call(ORDERED, { orderBy: "HOTTEST", first: 5, after: foreign }, adv.key);
    expect(probe.errors).toBeUndefined();
    expect(probe.data?.leads.edges).toEqual([]);
  });
});
