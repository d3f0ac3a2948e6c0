// The publisher's click log (`myClicks`: own clicks only, newest first, reasons in words) and the
// link tester (`testTrackingLink`: the tracker's verdict for a chosen country and device, recording
// nothing; another publisher's link is not found).
import { callerFor, type Data, describe, expect, test } from "./harness.ts";

const CLICKS = `query($status: ClickStatus, $linkId: ID) { myClicks(first: 50, status: $status, linkId: $linkId) {
  id status rejectReason reasonText linkName offerName country deviceType } }`;
const TEST = `query($linkId: ID!, $country: String, $deviceType: DeviceType) {
  testTrackingLink(linkId: $linkId, country: $country, deviceType: $deviceType) {
    accepted reason reasonText destination url explanation } }`;

describe("click log and link tester", () => {
  test("a publisher's click log holds its own clicks only, with reasons in words", async ({
    db,
    api,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser);
    const [p1, p2] = [await factories.createPublisher(), await factories.createPublisher()];
    const mine = await factories.createLink(p1, offer, { name: "mine" });
    const theirs = await factories.createLink(p2, offer, { name: "theirs" });
    const now = Date.now();
    const accepted = await factories.createClick(mine, { createdAt: new Date(now - 60_000), country: "US" });
    const rejected = await factories.createClick(mine, {
      createdAt: new Date(now - 30_000),
      status: "REJECTED",
      rejectReason: "geo_not_targeted",
      country: null,
    });
    await factories.createClick(theirs, { createdAt: new Date(now - 10_000) });
    // Older than the log's week: not shown.
    await factories.createClick(mine, { createdAt: new Date(now - 9 * 86_400_000) });

    const me = await callerFor(db, "PUBLISHER", p1);
    const all = await api.call(CLICKS, {}, me.key);
    expect(all.errors).toBeUndefined();
    expect(all.data?.myClicks).toEqual([
      {
        id: rejected.id,
        status: "REJECTED",
        rejectReason: "geo_not_targeted",
        reasonText: "Country not targeted",
        linkName: "mine",
        offerName: offer.name,
        country: null,
        deviceType: null,
      },
      {
        id: accepted.id,
        status: "ACCEPTED",
        rejectReason: null,
        reasonText: null,
        linkName: "mine",
        offerName: offer.name,
        country: "US",
        deviceType: null,
      },
    ]);
    const onlyRejected = await api.call(CLICKS, { status: "REJECTED" }, me.key);
    expect(((onlyRejected.data?.myClicks ?? []) as Data[]).map((c) => c.id)).toEqual([rejected.id]);
    // Naming another publisher's link shows nothing of theirs.
    const snooping = await api.call(CLICKS, { linkId: String(theirs.id) }, me.key);
    expect(snooping.data?.myClicks).toEqual([]);
    // Advertisers have no click log.
    const owner = await callerFor(db, "ADVERTISER", advertiser);
    const refused = await api.call(CLICKS, {}, owner.key);
    expect(refused.errors?.[0]?.extensions?.code).toBe("forbidden");
  });

  test("the link tester answers as the tracker would, names why, and records nothing", async ({
    db,
    api,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const offer = await factories.createOffer(advertiser, {
      countries: ["DE", "FR"],
      devices: ["MOBILE"],
      landingUrl: "https://adv.example/lp?click={click_id}",
      fallbackUrl: "https://adv.example/elsewhere",
    });
    const [p1, p2] = [await factories.createPublisher(), await factories.createPublisher()];
    const link = await factories.createLink(p1, offer);
    const me = await callerFor(db, "PUBLISHER", p1);
    const clicksBefore = await db.click.count({ where: { linkId: link.id } });
    const ask = async (vars: Record<string, unknown>, key = me.key) => {
      const answer = await api.call(TEST, { linkId: String(link.id), ...vars }, key);
      return answer;
    };

    const us = await ask({ country: "US", deviceType: "MOBILE" });
    expect(us.errors).toBeUndefined();
    expect(us.data?.testTrackingLink).toEqual({
      accepted: false,
      reason: "geo_not_targeted",
      reasonText: "Country not targeted",
      destination: "FALLBACK_URL",
      url: "https://adv.example/elsewhere",
      explanation:
        "rejected: geo_not_targeted (country not targeted) → the offer's fallback URL https://adv.example/elsewhere, " +
        "because the click's country US is not in the offer's countries [DE, FR]",
    });
    // A click from 127.0.0.1 has no country: the tester says so.
    const local = await ask({ deviceType: "MOBILE" });
    expect(local.data?.testTrackingLink.reason).toBe("geo_not_targeted");
    expect(local.data?.testTrackingLink.explanation).toMatch(/country is unknown .*127\.0\.0\.1/);
    const desktop = await ask({ country: "DE", deviceType: "DESKTOP" });
    expect(desktop.data?.testTrackingLink.reason).toBe("device_not_targeted");
    const good = await ask({ country: "DE", deviceType: "MOBILE" });
    expect(good.data?.testTrackingLink).toMatchObject({
      accepted: true,
      reason: null,
      destination: "LANDING_PAGE",
      url: "https://adv.example/lp?click={click_id}",
    });
    // Turned off, the link is refused first, whatever the country.
    await db.trackingLink.update({ where: { id: link.id }, data: { disabledAt: new Date() } });
    expect((await ask({ country: "DE", deviceType: "MOBILE" })).data?.testTrackingLink.reason).toBe(
      "link_disabled",
    );

    // Bad input and other publishers' links are refused; nothing was recorded.
    const bad = await ask({ country: "usa" });
    expect(bad.errors?.[0]?.extensions?.code).toBe("invalid_input");
    const other = await callerFor(db, "PUBLISHER", p2);
    const notTheirs = await ask({ country: "DE" }, other.key);
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe("not_found");
    expect(await db.click.count({ where: { linkId: link.id } })).toBe(clicksBefore);
  });
});
