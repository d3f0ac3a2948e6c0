// Bad input: each case is answered with a typed error (a DomainError with code invalid_input, or a
// request-level validation error for documents over the limits) and changes nothing.
import { dbDigest } from "./db-digest.ts";
import { callerFor, describe, expect, type GraphQLAnswer, outcome, test } from "./harness.ts";
import { CREATE_LINK, CREATE_OFFER, mutation, offerInput, UPDATE_OFFER } from "./operations.ts";

interface Case {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  field?: string;
  /** The error message (or part of it) that says what is wrong. */
  says: RegExp;
  /** For a request-level error (no `field`): its `extensions.code`. */
  code?: string;
}

/** A query `depth` levels deep through Offer.applications → OfferApplication.offer → ... */
function deepQuery(levels: number): string {
  let inner = "id";
  for (let i = 0; i < levels; i += 1) inner = `myApplication { offer { ${inner} } }`;
  return `{ marketplace { edges { node { ${inner} } } } }`;
}

describe("bad input", () => {
  test("every case is a typed error and nothing changes", { timeout: 120_000 }, async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, { visibility: "PUBLIC" });
    await db.offerApplication.create({
      data: { offerId: offer.id, publisherId: publisher.id, status: "APPROVED" },
    });
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const admin = await callerFor(db, "ADMIN");

    const create = (
      overrides: Record<string, unknown>,
      says: RegExp,
      name = JSON.stringify(overrides).slice(0, 60),
    ): Case => ({
      name: `createOffer ${name}`,
      query: CREATE_OFFER,
      variables: { input: offerInput(overrides) },
      field: "createOffer",
      says,
    });
    const update = (input: Record<string, unknown>, says: RegExp): Case => ({
      name: `updateOffer ${JSON.stringify(input).slice(0, 60)}`,
      query: UPDATE_OFFER,
      variables: { id: offer.id, input },
      field: "updateOffer",
      says,
    });

    const advertiserCases: Case[] = [
      create({ payout: "-1" }, /payout: must not be negative/),
      create({ currency: "usd" }, /currency: must be an ISO 4217 code/),
      create({ currency: "XYZ" }, /currency: must be an ISO 4217 code/),
      create(
        { landingUrl: "javascript:alert(document.cookie)" },
        /landingUrl: must be an absolute http\(s\) URL/,
      ),
      create({ landingUrl: "javascript://x.example/%0aalert(1)" }, /landingUrl: must use http or https/),
      create(
        { landingUrl: "https://{sub1}.evil.example/land" },
        /landingUrl: macros are not allowed in the host/,
      ),
      create({ fallbackUrl: "data:text/html,hi" }, /fallbackUrl: must be an absolute http\(s\) URL/),
      create({ landingUrl: "https://advertiser.example/?x={pass-word}" }, /\{pass-word\} is not a macro/),
      create({ attributionWindowHours: 0 }, /attributionWindowHours: must be at least 1 hour/),
      create({ holdDays: -1 }, /holdDays: must not be negative/),
      create({ countries: ["US", "XX"] }, /countries\.1: must be an ISO 3166-1 alpha-2 code/),
      create(
        { leadFormFields: [{ name: "dob", label: "Date of birth", type: "date", required: true }] },
        /leadFormFields\.0\.type: must be one of text, email, phone/,
      ),
      create({ name: "x".repeat(10_000) }, /name: must be at most 200 characters/, "10k-character name"),
      create({ name: "   " }, /name: must not be empty/),
      create({ payout: "2500" }, /payout: must not exceed revenue/),
      create({ payoutModel: "REVSHARE", payout: "0", revenue: "0" }, /payoutShareBps: required for REVSHARE/),
      create({ payoutShareBps: 20000 }, /payoutShareBps: must be at most 10000/),
      create(
        {
          leadFormFields: [{ name: "email", label: "E-mail", type: "email", required: true }],
          consentText: null,
        },
        /consentText: required/,
      ),
      create(
        { caps: [{ scope: "PUBLISHER", period: "DAILY", metric: "CONVERSIONS", limit: "10" }] },
        /caps\.0\.publisherId: required/,
      ),
      create(
        { caps: [{ scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: "0" }] },
        /limit: must be at least 1/,
      ),
      // Text PostgreSQL refuses (NUL) or nobody means (other control characters), anywhere in the input.
      create({ name: "nul\u0000name" }, /input\.name: must not contain control characters \(found U\+0000\)/),
      create({ description: "bell\u0007" }, /input\.description: must not contain control characters/),
      // Beyond PostgreSQL's bigint: 26 digits, and 19 digits just past the top.
      create(
        { payout: "99999999999999999999999999" },
        /input\.payout: must be between -9223372036854775808 and 9223372036854775807/,
      ),
      create({ revenue: "9223372036854775808" }, /input\.revenue: must be between/),
      update(
        { leadFormFields: [{ name: "email\u0000", label: "E-mail", type: "email", required: true }] },
        /input\.leadFormFields\.0\.name: must not contain control characters/,
      ),
      {
        name: "setCustomPayout with an out-of-range payout written inline",
        query: mutation(
          "setCustomPayout",
          "",
          `input: { offerId: "${offer.id}", publisherId: "${publisher.id}", payout: "99999999999999999999999999" }`,
          "{ id }",
        ),
        variables: {},
        field: "setCustomPayout",
        says: /input\.payout: must be between/,
      },
      {
        name: "a BigInt variable that is no integer",
        query: CREATE_OFFER,
        variables: { input: offerInput({ payout: "12.50" }) },
        says: /"input\.payout"; BigInt must be an integer string/,
        code: "invalid_input",
      },
      update({ currency: "usd" }, /currency: must be an ISO 4217 code/),
      update({ name: null }, /name: cannot be null/),
      update({ landingUrl: "https://evil.example:{sub2}/" }, /macros are not allowed in the host/),
      update({ attributionWindowHours: 0 }, /attributionWindowHours: must be at least 1 hour/),
      update({ revenue: "100" }, /payout: must not exceed revenue/),
      {
        name: "setCustomPayout negative",
        query: mutation("setCustomPayout", "$i: SetCustomPayoutInput!", "input: $i", "{ id }"),
        variables: { i: { offerId: offer.id, publisherId: publisher.id, payout: "-5" } },
        field: "setCustomPayout",
        says: /payout: must not be negative/,
      },
      {
        name: "setCustomPayout unknown country",
        query: mutation("setCustomPayout", "$i: SetCustomPayoutInput!", "input: $i", "{ id }"),
        variables: { i: { offerId: offer.id, publisherId: publisher.id, payout: "5", country: "XX" } },
        field: "setCustomPayout",
        says: /country: must be an ISO 3166-1 alpha-2 code/,
      },
      {
        name: "setCustomPayout a share on a CPL offer",
        query: mutation("setCustomPayout", "$i: SetCustomPayoutInput!", "input: $i", "{ id }"),
        variables: { i: { offerId: offer.id, publisherId: publisher.id, payoutShareBps: 500 } },
        field: "setCustomPayout",
        says: /CPL offers take an amount/,
      },
      {
        name: "offer id that is not a number",
        query: UPDATE_OFFER,
        variables: { id: "1 OR 1=1", input: { name: "x" } },
        field: "updateOffer",
        says: /id: must be a numeric id/,
      },
      {
        name: "rejectLeads without ids",
        query: mutation("rejectLeads", "$ids: [ID!]!", 'ids: $ids, reason: "x"', "{ id }"),
        variables: { ids: [] },
        field: "rejectLeads",
        says: /must name at least one lead/,
      },
      {
        name: "confirmLeads with a malformed id",
        query: mutation("confirmLeads", "$ids: [ID!]!", "ids: $ids", "{ id }"),
        variables: { ids: ["not-a-uuid"] },
        field: "confirmLeads",
        says: /must be a UUID/,
      },
      {
        name: "overturnLeadRejection with a malformed id",
        query: mutation("overturnLeadRejection", "$id: ID!", "id: $id", "{ id }"),
        variables: { id: "not-a-uuid" },
        field: "overturnLeadRejection",
        says: /must be a UUID/,
      },
    ];
    const publisherCases: Case[] = [
      {
        name: "applyToOffer with a 10k-character message",
        query: mutation("applyToOffer", "$o: ID!, $m: String", "offerId: $o, message: $m", "{ id }"),
        variables: { o: offer.id, m: "x".repeat(10_000) },
        field: "applyToOffer",
        says: /message: must be at most 1000 characters/,
      },
      {
        name: "createTrackingLink with a 300-character sub ID",
        query: CREATE_LINK,
        variables: { offerId: offer.id, defaultSubs: { sub1: "x".repeat(300) } },
        field: "createTrackingLink",
        says: /sub1: must be at most 255 characters/,
      },
      {
        name: "setPostbackTemplate over ftp",
        query: mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", "{ id }"),
        variables: { i: { method: "GET", urlTemplate: "ftp://pub.example/pb" } },
        field: "setPostbackTemplate",
        says: /urlTemplate: must use http or https/,
      },
      {
        name: "setPostbackTemplate with a macro in the host",
        query: mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", "{ id }"),
        variables: { i: { method: "GET", urlTemplate: "https://{sub1}/pb?c={click_id}" } },
        field: "setPostbackTemplate",
        says: /macros are not allowed in the host/,
      },
      {
        name: "setPostbackTemplate to http://127.0.0.1:8080/pb?c={click_id}",
        query: mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", "{ id }"),
        variables: { i: { method: "GET", urlTemplate: "http://127.0.0.1:8080/pb?c={click_id}" } },
        field: "setPostbackTemplate",
        says: /must not point at a non-public address \(.*127.0.0.1 is a loopback address\)/,
      },
      {
        name: "setPostbackTemplate to http://10.0.0.1/pb",
        query: mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", "{ id }"),
        variables: { i: { method: "GET", urlTemplate: "http://10.0.0.1/pb" } },
        field: "setPostbackTemplate",
        says: /must not point at a non-public address \(.*10.0.0.1 is a private address\)/,
      },
      {
        name: "setPostbackTemplate to http://169.254.169.254/latest/meta-data",
        query: mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", "{ id }"),
        variables: { i: { method: "GET", urlTemplate: "http://169.254.169.254/latest/meta-data" } },
        field: "setPostbackTemplate",
        says: /must not point at a non-public address \(.*169.254.169.254 is a link-local address\)/,
      },
      {
        name: "setPostbackTemplate to http://[::1]/pb",
        query: mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", "{ id }"),
        variables: { i: { method: "GET", urlTemplate: "http://[::1]/pb" } },
        field: "setPostbackTemplate",
        says: /must not point at a non-public address \(\[::1\] is a loopback address\)/,
      },
      {
        name: "setPostbackTemplate to http://[::ffff:a00:1]/pb",
        query: mutation("setPostbackTemplate", "$i: PostbackTemplateInput!", "input: $i", "{ id }"),
        variables: { i: { method: "GET", urlTemplate: "http://[::ffff:a00:1]/pb" } },
        field: "setPostbackTemplate",
        says: /must not point at a non-public address \(.*is a private address\)/,
      },
      {
        name: "marketplace with minPayout above maxPayout",
        query: `{ marketplace(filter: { minPayout: "500", maxPayout: "100" }) { edges { node { id } } } }`,
        variables: {},
        says: /minPayout must not exceed maxPayout/,
      },
      {
        name: "stats over more than a year",
        query: `{ stats(from: "2025-01-01", to: "2026-06-01") { day } }`,
        variables: {},
        says: /at most 366 days/,
      },
      {
        name: "stats with a date that does not exist",
        query: `{ stats(from: "2026-02-30", to: "2026-03-01") { day } }`,
        variables: {},
        says: /from: must be a real date/,
      },
      {
        name: "a query deeper than the depth limit",
        query: deepQuery(6),
        variables: {},
        says: /depth limit of 10/i,
      },
      {
        name: "100 aliases",
        query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: marketplace { totalCount }`).join(" ")} }`,
        variables: {},
        says: /aliases limit of 15/i,
      },
    ];
    const adminCases: Case[] = [
      {
        name: "a DateTime variable that is no date",
        query: mutation(
          "generatePayoutStatements",
          "$d: DateTime!",
          "periodEnd: $d",
          "{ carriedForward { currency } }",
        ),
        variables: { d: "end of month" },
        says: /\$d.*DateTime must be an ISO-8601 string/,
        code: "invalid_input",
      },
      {
        name: "a query's filter with a NUL",
        query: `query($f: AccountFilter) { advertisers(filter: $f) { edges { node { id } } } }`,
        variables: { f: { search: "acme\u0000" } },
        says: /filter\.search: must not contain control characters/,
        code: "invalid_input",
      },
      {
        name: "createUser with a bad e-mail",
        query: mutation("createUser", "", 'role: FINANCE, email: "not an email", name: "F"', "{ id }"),
        variables: {},
        field: "createUser",
        says: /email: must be an e-mail address/,
      },
      {
        name: "createUser with a short password",
        query: mutation(
          "createUser",
          "",
          'role: FINANCE, email: "f@example.com", name: "F", password: "short"',
          "{ id }",
        ),
        variables: {},
        field: "createUser",
        says: /password: must be at least 12 characters/,
      },
      {
        name: "createUser ADVERTISER without an account",
        query: mutation("createUser", "", 'role: ADVERTISER, email: "a@example.com", name: "A"', "{ id }"),
        variables: {},
        field: "createUser",
        says: /accountId: choose the advertiser this user belongs to/,
      },
      {
        name: "createPublisher with currency usd",
        query: mutation("createPublisher", "", 'name: "P", payoutCurrency: "usd"', "{ id }"),
        variables: {},
        field: "createPublisher",
        says: /payoutCurrency: must be an ISO 4217 code/,
      },
    ];

    const before = await dbDigest(db);
    const run = async (cases: Case[], key: string) => {
      for (const c of cases) {
        const answer: GraphQLAnswer = await api.call(c.query, c.variables, key);
        try {
          if (c.field) {
            const result = outcome(answer, c.field);
            // A DomainError union member, not a masked error.
            expect(answer.data?.[c.field]?.__typename ?? answer.errors?.[0]?.message).toBe("DomainError");
            expect(result).toMatchObject({ ok: false, code: "invalid_input" });
            expect(result.ok || result.message).toMatch(c.says);
          } else {
            expect(answer.errors?.[0]?.message).toMatch(c.says);
            expect(answer.errors?.[0]?.message).not.toBe("Unexpected error.");
            if (c.code) expect(answer.errors?.[0]?.extensions?.code).toBe(c.code);
          }
          expect(await dbDigest(db)).toEqual(before);
        } catch (error) {
          throw new Error(`${c.name}: ${(error as Error).message}\n${JSON.stringify(answer).slice(0, 500)}`);
        }
      }
    };
    await run(advertiserCases, adv.key);
    await run(publisherCases, pub.key);
    await run(adminCases, admin.key);
  });

  test("the depth limit leaves room for real queries", async ({ api, db, factories }) => {
    const publisher = await factories.createPublisher();
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const answer = await api.call(
      `{ marketplace { edges { node { myApplication { offer { advertiser { name } } } } } } }`,
      {},
      pub.key,
    );
    expect(answer.errors).toBeUndefined();
  });
});
