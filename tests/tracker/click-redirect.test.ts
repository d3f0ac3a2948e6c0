// GET /c/:code answers 302 to the offer's landing URL with its macros filled, records the click in the
// stream with its recent-click pointer, and never sends a visitor anywhere but the offer's origin.
import { RECENT_CLICK_TTL_SECONDS, recentClicksKey } from "../../tracker/src/tracking/click-record.ts";
import { click, streamClicks } from "../src/tracker.ts";
import { describe, expect, test } from "../src/tracker-fixtures.ts";

const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describe("redirect", () => {
  test("fills the macros, URL-encoded, and records the click it names", async ({
    factories,
    tracker,
    redis,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, {
      landingUrl:
        "https://adv.example/lp/{sub2}?cid={click_id}&o={offer_id}&p={publisher_id}&s1={sub1}&src={source}&g={gclid}&x={nothing}",
    });
    const link = await factories.createLink(publisher, offer);
    const sub1 = "a b & c=d ünï 🚀";
    const sub2 = "//evil.com/x?y#z";
    const query = new URLSearchParams({ sub1, sub2, source: "push", gclid: "G-1", other: "ignored" });

    const res = await click(tracker.url, `/c/${link.code}?${query}`, { "user-agent": BROWSER_UA });

    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.origin).toBe("https://adv.example");
    expect(decodeURIComponent(location.pathname)).toBe(`/lp/${sub2}`);
    const clickId = location.searchParams.get("cid");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      cid: clickId,
      o: String(offer.id),
      p: String(publisher.id),
      s1: sub1,
      src: "push",
      g: "G-1",
      x: "",
    });

    const entry = (await streamClicks(redis)).find((e) => e.click.id === clickId);
    const recorded = entry?.click;
    expect(recorded).toMatchObject({
      status: "ACCEPTED",
      rejectReason: null,
      linkId: link.id,
      offerId: offer.id,
      publisherId: publisher.id,
      subs: { sub1, sub2 },
      source: "push",
      deviceType: "DESKTOP",
      os: "Windows",
      browser: "Chrome",
      isBot: false,
      isUnique: true,
    });
    expect(recorded?.ipHash).toMatch(/^[0-9a-f]{32}$/);
    // Its minute's pointer hash leads to that entry, for attribution before the writer stored it.
    const pointers = recentClicksKey("", recorded?.createdAt ?? 0);
    expect(await redis.hget(pointers, clickId ?? "")).toBe(entry?.entryId);
    expect(await redis.ttl(pointers)).toBeGreaterThan(RECENT_CLICK_TTL_SECONDS - 60);
  });

  test("applies the link's default sub ids when the click URL lacks them", async ({ factories, tracker }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, {
      landingUrl: "https://adv.example/?s1={sub1}&s2={sub2}&s3={sub3}",
    });
    const link = await factories.createLink(publisher, offer, {
      defaultSubs: { sub1: "default-1", sub2: "default-2" },
    });

    const res = await click(tracker.url, `/c/${link.code}?sub2=given&sub3=`);

    const location = new URL(res.headers.get("location") ?? "");
    expect(Object.fromEntries(location.searchParams)).toEqual({ s1: "default-1", s2: "given", s3: "" });
  });
});

describe("no open redirect", () => {
  test("url= and redirect= parameters are ignored", async ({ factories, tracker }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, { landingUrl: "https://adv.example/lp" });
    const link = await factories.createLink(publisher, offer);

    for (const param of ["url", "redirect", "redirect_uri", "next", "to", "dest", "return"]) {
      const res = await click(
        tracker.url,
        `/c/${link.code}?${param}=${encodeURIComponent("https://evil.com/")}`,
      );
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("https://adv.example/lp");
    }
  });

  test("a sub id cannot move a path macro to another host", async ({ factories, tracker }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, { landingUrl: "https://adv.example/{sub1}" });
    const link = await factories.createLink(publisher, offer);

    for (const sub1 of ["//evil.com", "/\\evil.com", "@evil.com", "https://evil.com", "..%2F%2Fevil.com"]) {
      const res = await click(tracker.url, `/c/${link.code}?sub1=${encodeURIComponent(sub1)}`);
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get("location") ?? "").origin).toBe("https://adv.example");
    }
  });

  test("a template with a macro in its host never redirects there", async ({ factories, tracker, redis }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    for (const landingUrl of ["https://{sub1}/lp", "https://adv.example{sub1}/lp", "https:///{sub1}"]) {
      const offer = await factories.createOffer(advertiser, { landingUrl });
      const link = await factories.createLink(publisher, offer);

      const res = await click(tracker.url, `/c/${link.code}?sub1=evil.com`);

      expect(res.status).toBe(404);
      expect(res.headers.get("location")).toBeNull();
      const recorded = (await streamClicks(redis)).map((e) => e.click).filter((c) => c.linkId === link.id);
      expect(recorded).toMatchObject([{ status: "REJECTED", rejectReason: "invalid_landing_url" }]);
    }
  });
});
