// Lead magnets: a code pool hands out each code exactly once under concurrency, a link and a file are
// delivered through the signed reward link, and the reward is recorded on the lead.
import { signRewardLink } from "../../tracker/src/capture/reward-link.ts";
import { createFormWorld, definition, describe, expect, GOOD_FIELDS, postJson, test } from "./capture-kit.ts";

async function submitDirect(url: string, key: string, n: number) {
  const def = await definition(url, key);
  return postJson(url, key, {
    token: def.body.token,
    fields: { ...GOOD_FIELDS, email: `visitor${n}@example.com` },
    consent: true,
  });
}

describe("lead magnets", () => {
  test("a pool of 10 codes and 50 simultaneous leads: 10 distinct codes given, 40 told the pool is empty", async ({
    db,
    factories,
    tracker,
  }) => {
    const { form, offer } = await createFormWorld(factories);
    const magnet = await db.leadMagnet.create({
      data: { offerId: offer.id, kind: "CODE_POOL", title: "10 % off", lowStockThreshold: 3 },
    });
    const codes = Array.from({ length: 10 }, (_, i) => `SAVE-${i}-${magnet.id}`);
    await db.rewardCode.createMany({ data: codes.map((code) => ({ magnetId: magnet.id, code })) });

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) => submitDirect(tracker.url, form.key, n)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const given = answers.filter((a) => a.body.reward && "url" in a.body.reward);
    const empty = answers.filter((a) => a.body.reward?.empty === true);
    expect(given).toHaveLength(10);
    expect(empty).toHaveLength(40);
    for (const a of empty) expect(a.body.reward).toEqual({ kind: "CODE_POOL", empty: true });

    const claimed = await db.rewardCode.findMany({
      where: { magnetId: magnet.id, conversionId: { not: null } },
    });
    expect(claimed).toHaveLength(10);
    expect(new Set(claimed.map((c) => c.conversionId)).size).toBe(10);
    const leads = await db.conversion.findMany({ where: { offerId: offer.id } });
    expect(leads).toHaveLength(50);
    const withCode = leads.filter((l) => l.rewardCode !== null);
    expect(withCode).toHaveLength(10);
    expect(new Set(withCode.map((l) => l.rewardCode))).toEqual(new Set(codes));
    expect(leads.filter((l) => l.poolEmpty === true)).toHaveLength(40);
    for (const l of withCode) {
      expect(l).toMatchObject({ rewardKind: "CODE_POOL", poolEmpty: false });
      expect(l.rewardGivenAt).not.toBeNull();
      // The code on the lead is the one claimed for it.
      expect(claimed.find((c) => c.conversionId === l.id)?.code).toBe(l.rewardCode);
    }
    // The leads that got codes are exactly the answers that carried a link.
    expect(new Set(given.map((a) => a.body.leadId))).toEqual(new Set(withCode.map((l) => l.id)));

    // The link shows that lead's code.
    const one = given[0]?.body;
    const page = await fetch(one?.reward.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(withCode.find((l) => l.id === one?.leadId)?.rewardCode ?? "missing");
  });

  test("a LINK magnet redirects through the signed link; a FILE downloads; expired and forged links refuse", async ({
    db,
    factories,
    tracker,
  }) => {
    const linkWorld = await createFormWorld(factories);
    await db.leadMagnet.create({
      data: {
        offerId: linkWorld.offer.id,
        kind: "LINK",
        title: "Guide",
        url: "https://advertiser.example/guide",
      },
    });
    const linked = await submitDirect(tracker.url, linkWorld.form.key, 1);
    expect(linked.body.reward).toMatchObject({ kind: "LINK", title: "Guide" });
    const redirect = await fetch(linked.body.reward.url, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("https://advertiser.example/guide");
    expect(await db.conversion.findUniqueOrThrow({ where: { id: linked.body.leadId } })).toMatchObject({
      rewardKind: "LINK",
      rewardCode: null,
    });

    const fileWorld = await createFormWorld(factories);
    await db.leadMagnet.create({
      data: {
        offerId: fileWorld.offer.id,
        kind: "FILE",
        title: "Checklist",
        fileName: 'checklist "v1".pdf',
        fileType: "application/pdf",
        fileData: Buffer.from("%PDF-1.4 test"),
      },
    });
    const filed = await submitDirect(tracker.url, fileWorld.form.key, 2);
    const file = await fetch(filed.body.reward.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="checklist _v1_.pdf"/);
    expect(await file.text()).toBe("%PDF-1.4 test");

    const expired = signRewardLink("wrong-secret-wrong-secret-wrong-secret", filed.body.leadId, new Date());
    expect((await fetch(`${tracker.url}/r/${expired}`)).status).toBe(403);
    const token = new URL(filed.body.reward.url).pathname.slice(3);
    const tampered = token.replace(/\.(\d+)\./, (_m, t) => `.${Number(t) + 1}.`);
    expect((await fetch(`${tracker.url}/r/${tampered}`)).status).toBe(403);
    expect((await fetch(`${tracker.url}/r/not-a-token`)).status).toBe(403);
  });

  test("a rejected lead (a duplicate of an earlier one) gets no code", async ({ db, factories, tracker }) => {
    const { form, offer } = await createFormWorld(factories, { offer: { qualityPolicy: "REJECT" } });
    const magnet = await db.leadMagnet.create({
      data: { offerId: offer.id, kind: "CODE_POOL", title: "Code" },
    });
    await db.rewardCode.createMany({ data: ["A1", "A2"].map((code) => ({ magnetId: magnet.id, code })) });
    const first = await submitDirect(tracker.url, form.key, 7);
    const second = await submitDirect(tracker.url, form.key, 7);
    expect(first.body.reward).toMatchObject({ kind: "CODE_POOL" });
    expect(second.body.reward).toBeNull();
    expect(await db.conversion.findUniqueOrThrow({ where: { id: second.body.leadId } })).toMatchObject({
      status: "REJECTED",
      statusReason: "duplicate_lead",
      rewardCode: null,
    });
    expect(await db.rewardCode.count({ where: { magnetId: magnet.id, conversionId: { not: null } } })).toBe(
      1,
    );
  });
});
