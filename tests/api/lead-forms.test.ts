// An offer's lead form, landing and lead magnet through the API: save (created with a key, consent
// version bumped only when the text changes, audited, announced to the trackers), bad input named by
// field and changing nothing, the hosted landing needing a form, magnets of each kind (file type and
// size checks, URL checks), the code pool (dedupe, counts, low stock, removing unclaimed codes while
// claimed ones stay), and tenancy: another advertiser and publishers see nothing, admins everything,
// the marketplace only the fields and whether a magnet exists.
import type { Advertiser } from "@leadrail/db";
import {
  callerFor,
  describe,
  eventually,
  expect,
  expectOk,
  outcome,
  subscribe,
  TRACKER_URL,
  test,
} from "./harness.ts";
import { mutation } from "./operations.ts";

const FORM_FIELDS = `{ id key title intro consentText consentVersion submitLabel thankYouTitle thankYouText
  minFillSeconds rateLimitPerHour hostedUrl widgetScriptUrl embedSnippet
  fields { name label type required options placeholder maxLength } faq { question keywords answer } }`;
const SAVE_FORM = `mutation($offerId: ID!, $input: LeadFormInput!) {
  saveLeadForm(offerId: $offerId, input: $input) {
    __typename
    ... on DomainError { code message fields { path message } }
    ... on MutationSaveLeadFormSuccess { data ${FORM_FIELDS} }
  }
}`;
const SET_LANDING = mutation(
  "setOfferLanding",
  "$offerId: ID!, $mode: LandingMode!",
  "offerId: $offerId, mode: $mode",
  "{ id landingMode }",
);
const MAGNET_FIELDS =
  "{ id kind title url fileName fileType fileSize lowStockThreshold active pool { total claimed left threshold low } }";
const SAVE_MAGNET = `mutation($offerId: ID!, $input: LeadMagnetInput!) {
  saveLeadMagnet(offerId: $offerId, input: $input) {
    __typename
    ... on DomainError { code message fields { path message } }
    ... on MutationSaveLeadMagnetSuccess { data ${MAGNET_FIELDS} }
  }
}`;
const ADD_CODES = `mutation($m: ID!, $codes: [String!]!) {
  addRewardCodes(magnetId: $m, codes: $codes) {
    __typename
    ... on DomainError { code message fields { path message } }
    ... on MutationAddRewardCodesSuccess { data { added skipped removed magnet { pool { total claimed left threshold low } } } }
  }
}`;
const REMOVE_CODES = mutation(
  "removeUnclaimedRewardCodes",
  "$m: ID!",
  "magnetId: $m",
  "{ removed magnet { pool { total claimed left low } } }",
);
const OFFER_FORM = `query($id: ID!) { offer(id: $id) { id landingMode leadForm ${FORM_FIELDS} leadMagnet ${MAGNET_FIELDS} } }`;

const formInput = (overrides: Record<string, unknown> = {}) => ({
  title: "Get a quote in 2 minutes",
  intro: "Tell us how to reach you.",
  fields: [
    { name: "name", label: "Your name", type: "text", required: true, maxLength: 80 },
    { name: "email", label: "E-mail", type: "email", required: true, placeholder: "you@example.com" },
    { name: "plan", label: "Plan", type: "select", required: true, options: ["Basic", "Plus"] },
    { name: "newsletter", label: "Send me offers", type: "checkbox", required: false },
  ],
  consentText: "I agree to be contacted about my quote.",
  submitLabel: "Get my quote",
  thankYouTitle: "Thanks!",
  thankYouText: "We will call you within a day.",
  faq: [{ question: "Is it free?", keywords: ["free", "cost"], answer: "Yes, the quote is free." }],
  minFillSeconds: 4,
  rateLimitPerHour: 10,
  ...overrides,
});

const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n").toString("base64");

describe("lead forms", () => {
  test("saving creates the form with a key, bumps the consent version only when the text changes, audits and invalidates", async ({
    api,
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = await factories.createOffer(advertiser);
    const invalidations = await subscribe(redis, `${redisPrefix}config:invalidate`);

    const created = expectOk(
      await api.call(SAVE_FORM, { offerId: offer.id, input: formInput() }, adv.key),
      "saveLeadForm",
    );
    expect(created.key).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(created).toMatchObject({
      title: "Get a quote in 2 minutes",
      consentVersion: 1,
      hostedUrl: `${TRACKER_URL}/form/${created.key}`,
      widgetScriptUrl: `${TRACKER_URL}/w.js`,
      embedSnippet: `<script src="${TRACKER_URL}/w.js" data-form="${created.key}" data-mode="inline" async></script>`,
      fields: [
        { name: "name", type: "text", required: true, maxLength: 80, options: null },
        { name: "email", type: "email", placeholder: "you@example.com" },
        { name: "plan", type: "select", options: ["Basic", "Plus"] },
        { name: "newsletter", type: "checkbox", required: false },
      ],
      faq: [{ question: "Is it free?", keywords: ["free", "cost"], answer: "Yes, the quote is free." }],
    });
    const stored = await db.leadForm.findUniqueOrThrow({ where: { offerId: offer.id } });
    expect(stored).toMatchObject({
      key: created.key,
      minFillSeconds: 4,
      rateLimitPerHour: 10,
      consentVersion: 1,
    });
    await eventually(() =>
      expect(invalidations.messages).toContain(JSON.stringify({ type: "offer", id: offer.id })),
    );

    // Same consent text: same version. New text: next version. No text: 0. Text again: next again.
    const again = expectOk(
      await api.call(SAVE_FORM, { offerId: offer.id, input: formInput({ title: "Quote" }) }, adv.key),
      "saveLeadForm",
    );
    expect(again).toMatchObject({ key: created.key, title: "Quote", consentVersion: 1 });
    const changed = expectOk(
      await api.call(
        SAVE_FORM,
        { offerId: offer.id, input: formInput({ consentText: "I agree, v2." }) },
        adv.key,
      ),
      "saveLeadForm",
    );
    expect(changed.consentVersion).toBe(2);
    const none = expectOk(
      await api.call(SAVE_FORM, { offerId: offer.id, input: formInput({ consentText: "  " }) }, adv.key),
      "saveLeadForm",
    );
    expect(none).toMatchObject({ consentText: null, consentVersion: 0 });
    const back = expectOk(
      await api.call(SAVE_FORM, { offerId: offer.id, input: formInput() }, adv.key),
      "saveLeadForm",
    );
    expect(back.consentVersion).toBe(1);

    const audits = await db.auditLog.findMany({
      where: { entityType: "LeadForm", entityId: String(stored.id) },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.action)).toEqual([
      "lead_form.create",
      "lead_form.update",
      "lead_form.update",
      "lead_form.update",
      "lead_form.update",
    ]);
    expect(audits[2]?.before).toMatchObject({
      consentVersion: 1,
      consentText: "I agree to be contacted about my quote.",
    });
    expect(audits[2]?.after).toMatchObject({ consentVersion: 2, consentText: "I agree, v2." });
    invalidations.close();
  });

  test.for([
    ["no fields", { fields: [] }, "input.fields"],
    [
      "a select without options",
      { fields: [{ name: "plan", label: "Plan", type: "select", required: true }] },
      "input.fields.0.options",
    ],
    [
      "an unknown type",
      { fields: [{ name: "age", label: "Age", type: "number", required: true }] },
      "input.fields.0.type",
    ],
    [
      "a reserved name",
      { fields: [{ name: "click_id", label: "Click", type: "text", required: false }] },
      "input.fields.0.name",
    ],
    [
      "a bad identifier",
      { fields: [{ name: "E-mail", label: "E-mail", type: "email", required: true }] },
      "input.fields.0.name",
    ],
    [
      "repeated names",
      {
        fields: [
          { name: "email", label: "A", type: "email", required: true },
          { name: "email", label: "B", type: "email", required: true },
        ],
      },
      "input.fields",
    ],
    [
      "21 fields",
      {
        fields: Array.from({ length: 21 }, (_, i) => ({
          name: `f${i}`,
          label: `F${i}`,
          type: "text",
          required: false,
        })),
      },
      "input.fields",
    ],
    [
      "options on a text field",
      { fields: [{ name: "a", label: "A", type: "text", required: false, options: ["x"] }] },
      "input.fields.0.options",
    ],
    ["an empty title", { title: "  " }, "input.title"],
    ["a control character in the title", { title: "Quote\u0007" }, "input.title"],
    ["a negative fill time", { minFillSeconds: -1 }, "input.minFillSeconds"],
    ["a zero rate limit", { rateLimitPerHour: 0 }, "input.rateLimitPerHour"],
    [
      "an FAQ without keywords",
      { faq: [{ question: "Q?", keywords: [], answer: "A." }] },
      "input.faq.0.keywords",
    ],
    [
      "11 FAQ entries",
      { faq: Array.from({ length: 11 }, () => ({ question: "Q?", keywords: ["q"], answer: "A." })) },
      "input.faq",
    ],
  ] as [string, Record<string, unknown>, string][])(
    "%s is refused naming the field, and nothing changes",
    async ([_what, patch, path], { api, db, factories }) => {
      const advertiser = await factories.createAdvertiser();
      const adv = await callerFor(db, "ADVERTISER", advertiser);
      const offer = await factories.createOffer(advertiser);
      const audits = await db.auditLog.count();
      const answer = await api.call(SAVE_FORM, { offerId: offer.id, input: formInput(patch) }, adv.key);
      const result = answer.data?.saveLeadForm;
      expect(result?.__typename, JSON.stringify(answer)).toBe("DomainError");
      expect(result.code).toBe("invalid_input");
      // Control characters are refused by the API's input guard before any rule, naming the path in its message.
      if (result.fields)
        expect(result.fields.map((f: { path: string[] }) => f.path.join("."))).toContain(path);
      else expect(result.message).toMatch(new RegExp(`^${path.replace(/\./g, "\\.")}: `));
      expect(await db.leadForm.count({ where: { offerId: offer.id } })).toBe(0);
      expect(await db.auditLog.count()).toBe(audits);
    },
  );

  test("the hosted landing needs a form; switching is audited and announced", async ({
    api,
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = await factories.createOffer(advertiser);
    const refused = outcome(
      await api.call(SET_LANDING, { offerId: offer.id, mode: "HOSTED_FORM" }, adv.key),
      "setOfferLanding",
    );
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    expect((await db.offer.findUniqueOrThrow({ where: { id: offer.id } })).landingMode).toBe("URL");

    expectOk(await api.call(SAVE_FORM, { offerId: offer.id, input: formInput() }, adv.key), "saveLeadForm");
    const invalidations = await subscribe(redis, `${redisPrefix}config:invalidate`);
    const set = expectOk(
      await api.call(SET_LANDING, { offerId: offer.id, mode: "HOSTED_FORM" }, adv.key),
      "setOfferLanding",
    );
    expect(set.landingMode).toBe("HOSTED_FORM");
    expect((await db.offer.findUniqueOrThrow({ where: { id: offer.id } })).landingMode).toBe("HOSTED_FORM");
    await eventually(() =>
      expect(invalidations.messages).toContain(JSON.stringify({ type: "offer", id: offer.id })),
    );
    expect(
      await db.auditLog.findFirst({
        where: { entityType: "Offer", entityId: String(offer.id), action: "offer.landing" },
      }),
    ).toMatchObject({ before: { landingMode: "URL" }, after: { landingMode: "HOSTED_FORM" } });
    invalidations.close();
  });

  test("magnets: a file (type and size checked), a link (URL checked), a code pool with dedupe, counts and low stock", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = await factories.createOffer(advertiser);
    const save = (input: Record<string, unknown>) =>
      api.call(SAVE_MAGNET, { offerId: offer.id, input }, adv.key);
    const refusedPaths = async (input: Record<string, unknown>) => {
      const result = (await save(input)).data?.saveLeadMagnet;
      expect(result?.__typename).toBe("DomainError");
      return result.fields.map((f: { path: string[] }) => f.path.join("."));
    };

    // FILE: a PDF is kept with its name, type and size; a renamed executable, a missing file and a wrong type are not.
    expect(await refusedPaths({ kind: "FILE", title: "Guide" })).toEqual(["input.file"]);
    expect(
      await refusedPaths({
        kind: "FILE",
        title: "Guide",
        file: {
          name: "guide.pdf",
          type: "application/pdf",
          base64: Buffer.from("MZ\x90\x00binary").toString("base64"),
        },
      }),
    ).toEqual(["input.file.data"]);
    expect(
      await refusedPaths({
        kind: "FILE",
        title: "Guide",
        file: { name: "a.exe", type: "application/x-msdownload", base64: PDF },
      }),
    ).toEqual(["input.file.type"]);
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    big.write("%PDF-");
    expect(
      await refusedPaths({
        kind: "FILE",
        title: "Guide",
        file: { name: "big.pdf", type: "application/pdf", base64: big.toString("base64") },
      }),
    ).toEqual(["input.file.data"]);
    expect(await db.leadMagnet.count({ where: { offerId: offer.id } })).toBe(0);
    const file = expectOk(
      await save({
        kind: "FILE",
        title: "Guide",
        file: { name: "guide.pdf", type: "application/pdf", base64: PDF },
      }),
      "saveLeadMagnet",
    );
    expect(file).toMatchObject({
      kind: "FILE",
      fileName: "guide.pdf",
      fileType: "application/pdf",
      pool: null,
    });
    expect(file.fileSize).toBe(Buffer.from(PDF, "base64").length);
    const stored = await db.leadMagnet.findUniqueOrThrow({ where: { offerId: offer.id } });
    expect(Buffer.from(stored.fileData ?? []).toString("base64")).toBe(PDF);
    // Saved again without a file: the file stays.
    expectOk(await save({ kind: "FILE", title: "The guide" }), "saveLeadMagnet");
    expect((await db.leadMagnet.findUniqueOrThrow({ where: { offerId: offer.id } })).fileName).toBe(
      "guide.pdf",
    );

    // LINK: only an absolute http(s) URL.
    for (const url of ["javascript:alert(1)", "/relative", "ftp://x.example/a", "", "https://"]) {
      expect(await refusedPaths({ kind: "LINK", title: "Course", url })).toEqual(["input.url"]);
    }
    const link = expectOk(
      await save({ kind: "LINK", title: "Course", url: "https://learn.example/free" }),
      "saveLeadMagnet",
    );
    expect(link).toMatchObject({ kind: "LINK", url: "https://learn.example/free", fileName: null });
    expect(
      await refusedPaths({ kind: "LINK", title: "", url: "https://a.example", linkTtlHours: 0 }),
    ).toEqual(["input.title", "input.linkTtlHours"]);

    // CODE_POOL: codes added with repeats skipped (within the list and against the pool).
    const pool = expectOk(
      await save({ kind: "CODE_POOL", title: "10% off", lowStockThreshold: 3 }),
      "saveLeadMagnet",
    );
    expect(pool.pool).toEqual({ total: 0, claimed: 0, left: 0, threshold: 3, low: true });
    const first = expectOk(
      await api.call(
        ADD_CODES,
        { m: pool.id, codes: [" SAVE-1 ", "SAVE-2", "SAVE-2", "", "SAVE-3", "SAVE-4", "SAVE-5"] },
        adv.key,
      ),
      "addRewardCodes",
    );
    expect(first).toMatchObject({
      added: 5,
      skipped: 1,
      magnet: { pool: { total: 5, claimed: 0, left: 5, low: false } },
    });
    const second = expectOk(
      await api.call(ADD_CODES, { m: pool.id, codes: ["SAVE-5", "SAVE-6"] }, adv.key),
      "addRewardCodes",
    );
    expect(second).toMatchObject({ added: 1, skipped: 1 });
    expect(
      (await db.rewardCode.findMany({ where: { magnetId: Number(pool.id) }, orderBy: { id: "asc" } })).map(
        (c) => c.code,
      ),
    ).toEqual(["SAVE-1", "SAVE-2", "SAVE-3", "SAVE-4", "SAVE-5", "SAVE-6"]);
    // Bad codes: named by index, nothing added.
    const bad = (await api.call(ADD_CODES, { m: pool.id, codes: ["OK-1", "two words"] }, adv.key)).data
      ?.addRewardCodes;
    expect(bad).toMatchObject({
      __typename: "DomainError",
      code: "invalid_input",
      fields: [{ path: ["codes", "1"] }],
    });
    expect(
      outcome(await api.call(ADD_CODES, { m: pool.id, codes: [" ", ""] }, adv.key), "addRewardCodes"),
    ).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
    expect(await db.rewardCode.count({ where: { magnetId: Number(pool.id) } })).toBe(6);

    // Three codes claimed by leads: 3 left = the threshold, so low.
    const publisher = await factories.createPublisher();
    const codes = await db.rewardCode.findMany({
      where: { magnetId: Number(pool.id) },
      orderBy: { id: "asc" },
      take: 3,
    });
    for (const code of codes) {
      const lead = await factories.createConversion(offer, publisher);
      await db.rewardCode.update({
        where: { id: code.id },
        data: { conversionId: lead.id, claimedAt: new Date() },
      });
    }
    const read = (await api.call(OFFER_FORM, { id: offer.id }, adv.key)).data?.offer;
    expect(read.leadMagnet.pool).toEqual({ total: 6, claimed: 3, left: 3, threshold: 3, low: true });

    // Removing the unclaimed codes keeps the claimed ones.
    const removed = expectOk(
      await api.call(REMOVE_CODES, { m: pool.id }, adv.key),
      "removeUnclaimedRewardCodes",
    );
    expect(removed).toMatchObject({
      removed: 3,
      magnet: { pool: { total: 3, claimed: 3, left: 0, low: true } },
    });
    expect(
      await db.rewardCode.count({ where: { magnetId: Number(pool.id), conversionId: { not: null } } }),
    ).toBe(3);
    expect(
      (
        await db.auditLog.findMany({
          where: { entityType: "LeadMagnet", entityId: String(pool.id) },
          orderBy: { id: "asc" },
        })
      ).map((a) => a.action),
    ).toEqual([
      "lead_magnet.create",
      "lead_magnet.update",
      "lead_magnet.update",
      "lead_magnet.update",
      "reward_codes.add",
      "reward_codes.add",
      "reward_codes.remove_unclaimed",
    ]);

    // Codes go only into a pool.
    const linkAgain = expectOk(
      await save({ kind: "LINK", title: "Course", url: "https://learn.example/free" }),
      "saveLeadMagnet",
    );
    expect(
      outcome(await api.call(ADD_CODES, { m: linkAgain.id, codes: ["X"] }, adv.key), "addRewardCodes"),
    ).toMatchObject({
      ok: false,
      code: "conflict",
    });
  });

  test("tenancy: another advertiser, publishers and finance cannot change anything; admins can; the marketplace shows fields and whether a magnet exists", async ({
    api,
    db,
    factories,
  }) => {
    const owner: Advertiser = await factories.createAdvertiser();
    const other = await factories.createAdvertiser();
    const mine = await callerFor(db, "ADVERTISER", owner);
    const stranger = await callerFor(db, "ADVERTISER", other);
    const publisherAccount = await factories.createPublisher();
    const publisher = await callerFor(db, "PUBLISHER", publisherAccount);
    const finance = await callerFor(db, "FINANCE");
    const admin = await callerFor(db, "ADMIN");
    const offer = await factories.createOffer(owner);
    const form = expectOk(
      await api.call(SAVE_FORM, { offerId: offer.id, input: formInput() }, mine.key),
      "saveLeadForm",
    );
    const magnet = expectOk(
      await api.call(
        SAVE_MAGNET,
        { offerId: offer.id, input: { kind: "CODE_POOL", title: "Code" } },
        mine.key,
      ),
      "saveLeadMagnet",
    );
    const before = await db.leadForm.findUniqueOrThrow({ where: { offerId: offer.id } });

    // Another advertiser: not found, as if the offer did not exist.
    for (const [query, variables, field] of [
      [SAVE_FORM, { offerId: offer.id, input: formInput({ title: "Mine now" }) }, "saveLeadForm"],
      [SET_LANDING, { offerId: offer.id, mode: "HOSTED_FORM" }, "setOfferLanding"],
      [
        SAVE_MAGNET,
        { offerId: offer.id, input: { kind: "LINK", title: "x", url: "https://evil.example" } },
        "saveLeadMagnet",
      ],
      [ADD_CODES, { m: magnet.id, codes: ["STOLEN"] }, "addRewardCodes"],
      [REMOVE_CODES, { m: magnet.id }, "removeUnclaimedRewardCodes"],
    ] as const) {
      expect(outcome(await api.call(query, variables, stranger.key), field), field).toMatchObject({
        ok: false,
        code: "not_found",
      });
      for (const caller of [publisher, finance]) {
        expect(outcome(await api.call(query, variables, caller.key), field), field).toMatchObject({
          ok: false,
          code: "forbidden",
        });
      }
      expect(outcome(await api.call(query, variables, null), field), field).toMatchObject({
        ok: false,
        code: "unauthenticated",
      });
    }
    expect((await api.call(OFFER_FORM, { id: offer.id }, stranger.key)).data?.offer).toBeNull();
    expect(await db.leadForm.findUniqueOrThrow({ where: { offerId: offer.id } })).toEqual(before);
    expect(await db.rewardCode.count({ where: { magnetId: Number(magnet.id) } })).toBe(0);
    expect((await db.offer.findUniqueOrThrow({ where: { id: offer.id } })).landingMode).toBe("URL");

    // Finance reads; an admin changes.
    expect((await api.call(OFFER_FORM, { id: offer.id }, finance.key)).data?.offer.leadForm.key).toBe(
      form.key,
    );
    expectOk(
      await api.call(
        SAVE_FORM,
        { offerId: offer.id, input: formInput({ title: "By the network" }) },
        admin.key,
      ),
      "saveLeadForm",
    );
    expectOk(await api.call(ADD_CODES, { m: magnet.id, codes: ["ADMIN-1"] }, admin.key), "addRewardCodes");
    expect((await db.leadForm.findUniqueOrThrow({ where: { offerId: offer.id } })).title).toBe(
      "By the network",
    );

    // The marketplace: the fields and that a reward is promised; no key, no magnet details.
    const market = await api.call(
      `query($id: ID!) { marketplaceOffer(id: $id) { leadFormFields { name label type required options } hasLeadMagnet } }`,
      { id: offer.id },
      publisher.key,
    );
    expect(market.data?.marketplaceOffer).toEqual({
      leadFormFields: [
        { name: "name", label: "Your name", type: "text", required: true, options: null },
        { name: "email", label: "E-mail", type: "email", required: true, options: null },
        { name: "plan", label: "Plan", type: "select", required: true, options: ["Basic", "Plus"] },
        { name: "newsletter", label: "Send me offers", type: "checkbox", required: false, options: null },
      ],
      hasLeadMagnet: true,
    });
    const peek = await api.call(
      `query($id: ID!) { marketplaceOffer(id: $id) { leadForm { key } } }`,
      { id: offer.id },
      publisher.key,
    );
    expect(peek.errors?.[0]?.message).toMatch(/Cannot query field "leadForm"/);
  });
});
