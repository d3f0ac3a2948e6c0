// A suspended advertiser or publisher stops tracking at once: the admin's mutation tells every
// tracker to drop the cached links (pub/sub), so a click that was just cached as "go to the offer"
// goes to the fallback URL (or the "not available" page) like a paused offer's; new postbacks and
// lead forms for them are refused with a reason and record nothing. Reactivation restarts all of it.
import { test as apiTest, callerFor, describe, expect, expectOk } from "../api/harness.ts";
import { mutation } from "../api/operations.ts";
import { getPostback } from "../src/conversion-kit.ts";
import type { Factories } from "../src/factories.ts";
import { click, proxiedTracker, type RunningTracker, streamClicks } from "../src/tracker.ts";

const test = apiTest.extend("tracker", { scope: "file" }, proxiedTracker);

const UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FALLBACK = "https://fallback.example/more-offers";
const leadFormFields = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
];

const setPublisherStatus = mutation(
  "setPublisherStatus",
  "$id: ID!, $status: AccountStatus!, $reason: String",
  "id: $id, status: $status, reason: $reason",
  "{ id status }",
);
const setAdvertiserStatus = mutation(
  "setAdvertiserStatus",
  "$id: ID!, $status: AccountStatus!, $reason: String",
  "id: $id, status: $status, reason: $reason",
  "{ id status }",
);

let ip = 0;
function get(tracker: RunningTracker, code: string) {
  ip += 1;
  return click(tracker.url, `/c/${code}`, { "user-agent": UA, "x-forwarded-for": `198.51.100.${ip}` });
}

/** The click's answer once the invalidation has reached the tracker (pub/sub is asynchronous). */
async function clickUntil(tracker: RunningTracker, code: string, wanted: (res: Response) => boolean) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const res = await get(tracker, code);
    if (wanted(res)) return res;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the click on ${code} never changed its answer`);
}

const toLanding = (res: Response) => (res.headers.get("location") ?? "").startsWith("https://adv.");
const toFallback = (res: Response) => res.headers.get("location") === FALLBACK;

async function world(factories: Factories, offer: { fallbackUrl?: string | null } = {}) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const created = await factories.createOffer(advertiser, {
    fallbackUrl: FALLBACK,
    landingUrl: "https://adv.example/land?click={click_id}",
    leadFormFields,
    ...offer,
  });
  const link = await factories.createLink(publisher, created);
  return { advertiser, publisher, offer: created, link };
}

async function clickId(res: Response): Promise<string> {
  const id = new URL(res.headers.get("location") ?? "").searchParams.get("click");
  if (!id) throw new Error("no click id on the landing URL");
  return id;
}

/** The offer's hosted form for a click (the old /f/<link code> address redirects here). */
async function openForm(tracker: RunningTracker, key: string, id: string) {
  const res = await fetch(`${tracker.url}/form/${key}?click_id=${id}`);
  const html = await res.text();
  const token = /name="form_token" value="([^"]*)"/.exec(html)?.[1] ?? null;
  return { status: res.status, html, token };
}

/** A real submission of the form (a token from a page rendered before), as a visitor's browser sends it. */
async function submitForm(tracker: RunningTracker, key: string, id: string, token: string) {
  const res = await fetch(`${tracker.url}/form/${key}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ click_id: id, form_token: token, name: "Ann", email: "ann@example.com" }),
  });
  return { status: res.status, html: await res.text() };
}

describe("suspended accounts at the tracker", () => {
  test("a suspended publisher's cached link goes to the fallback URL; postbacks and forms are refused; reactivation restores them", async ({
    api,
    db,
    factories,
    tracker,
    redis,
  }) => {
    const admin = await callerFor(db, "ADMIN");
    const { advertiser, publisher, offer, link } = await world(factories);
    const before = await get(tracker, link.code);
    expect(toLanding(before)).toBe(true);
    const earlier = await clickId(before);
    const key = offer.leadForm?.key as string;
    // An open form for an earlier click.
    const open = await openForm(tracker, key, earlier);
    expect(open.status).toBe(200);
    expect(open.token).not.toBeNull();

    expectOk(
      await api.call(
        setPublisherStatus,
        { id: publisher.id, status: "SUSPENDED", reason: "fraud" },
        admin.key,
      ),
      "setPublisherStatus",
    );
    // The link was cached as "to the landing page": only the invalidation can change the answer.
    const after = await clickUntil(tracker, link.code, toFallback);
    expect(after.status).toBe(302);
    const recorded = (await streamClicks(redis)).map((e) => e.click).filter((c) => c.linkId === link.id);
    expect(recorded.at(-1)).toMatchObject({ status: "REJECTED", rejectReason: "not_approved" });

    // A postback for the click made before the suspension: refused, nothing stored, logged with its reason.
    const answer = await getPostback(tracker, {
      click_id: earlier,
      offer_id: String(offer.id),
      token: advertiser.postbackSecret,
      txid: "T-1",
    });
    expect(answer).toEqual({
      status: 403,
      body: {
        status: "rejected",
        reason: "publisher_suspended",
        message: "the click's publisher account is suspended: no conversion is recorded",
      },
    });
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
    expect(
      await db.inboundPostback.findMany({
        where: { offerId: offer.id },
        select: { outcome: true, reason: true },
      }),
    ).toEqual([{ outcome: "rejected", reason: "publisher_suspended" }]);

    // The offer's form still shows (it is the advertiser's), but a lead for the suspended publisher's
    // click is refused: not available, nothing recorded.
    const posted = await submitForm(tracker, key, earlier, open.token as string);
    expect(posted.status).toBe(403);
    expect(posted.html).toContain("not taking requests");
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);

    expectOk(
      await api.call(setPublisherStatus, { id: publisher.id, status: "ACTIVE" }, admin.key),
      "setPublisherStatus",
    );
    await clickUntil(tracker, link.code, toLanding);
    expect((await openForm(tracker, key, earlier)).status).toBe(200);
    const retried = await getPostback(tracker, {
      click_id: earlier,
      offer_id: String(offer.id),
      token: advertiser.postbackSecret,
      txid: "T-1",
    });
    expect(retried.body).toMatchObject({ status: "recorded", transaction_id: "T-1" });
  });

  test("a suspended advertiser's offers stop: fallback URL, or the not-available page without one; postbacks and forms refused", async ({
    api,
    db,
    factories,
    tracker,
    redis,
  }) => {
    const admin = await callerFor(db, "ADMIN");
    const { advertiser, offer, link } = await world(factories);
    // A second offer of the same advertiser, with no fallback URL, linked by another publisher.
    const bare = await factories.createOffer(advertiser, {
      fallbackUrl: null,
      landingUrl: "https://adv.example/bare?click={click_id}",
    });
    const bareLink = await factories.createLink(await factories.createPublisher(), bare);
    // An unrelated advertiser's link keeps working throughout.
    const other = await world(factories);
    const earlier = await clickId(await get(tracker, link.code));
    const key = offer.leadForm?.key as string;
    const open = await openForm(tracker, key, earlier);
    expect(open.status).toBe(200);
    expect(toLanding(await get(tracker, bareLink.code))).toBe(true);
    expect(toLanding(await get(tracker, other.link.code))).toBe(true);

    expectOk(
      await api.call(
        setAdvertiserStatus,
        { id: advertiser.id, status: "SUSPENDED", reason: "unpaid invoices" },
        admin.key,
      ),
      "setAdvertiserStatus",
    );
    await clickUntil(tracker, link.code, toFallback);
    const notFound = await clickUntil(tracker, bareLink.code, (res) => res.status === 404);
    expect(notFound.headers.get("location")).toBeNull();
    expect(await notFound.text()).toContain("Link not found");
    const recorded = (await streamClicks(redis)).map((e) => e.click).filter((c) => c.linkId === bareLink.id);
    expect(recorded.at(-1)).toMatchObject({ status: "REJECTED", rejectReason: "offer_not_active" });
    expect(toLanding(await get(tracker, other.link.code))).toBe(true);

    const answer = await getPostback(tracker, {
      click_id: earlier,
      offer_id: String(offer.id),
      token: advertiser.postbackSecret,
    });
    expect(answer).toMatchObject({ status: 403, body: { reason: "advertiser_suspended" } });
    // A suspended advertiser's offer takes no leads: its form is gone, and a page opened before
    // cannot submit.
    expect((await openForm(tracker, key, earlier)).status).toBe(404);
    expect((await submitForm(tracker, key, earlier, open.token as string)).status).toBe(404);
    expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);

    expectOk(
      await api.call(setAdvertiserStatus, { id: advertiser.id, status: "ACTIVE" }, admin.key),
      "setAdvertiserStatus",
    );
    await clickUntil(tracker, link.code, toLanding);
    await clickUntil(tracker, bareLink.code, toLanding);
  });
});
