// invalid_input refusals name each refused field (DomainError.fields) so a form can show the message
// beside its input, while `message` keeps the one-line form existing clients read.
import { callerFor, describe, expect, test } from "./harness.ts";
import { offerInput } from "./operations.ts";

const CREATE = `mutation($input: CreateOfferInput!) {
  createOffer(input: $input) {
    __typename
    ... on DomainError { code message fields { path message } }
  }
}`;

describe("field errors", () => {
  test("a single-field rule names its field, with the argument first", async ({ api, db, factories }) => {
    const adv = await callerFor(db, "ADVERTISER", await factories.createAdvertiser());
    const answer = await api.call(CREATE, { input: offerInput({ name: " " }) }, adv.key);
    const error = answer.data?.createOffer;
    expect(error.code).toBe("invalid_input");
    expect(error.fields).toEqual([{ path: ["input", "name"], message: "must not be empty" }]);
    expect(error.message).toContain("input.name: must not be empty");
  });

  test("a cross-field rule names its field; the message keeps its old form", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const before = await db.offer.count({ where: { advertiserId: advertiser.id } });
    const answer = await api.call(
      CREATE,
      {
        input: offerInput({
          consentText: null,
          caps: [{ scope: "PUBLISHER", period: "DAILY", metric: "CONVERSIONS", limit: "5" }],
        }),
      },
      adv.key,
    );
    const error = answer.data?.createOffer;
    expect(error.code).toBe("invalid_input");
    expect(error.fields).toEqual([
      {
        path: ["input", "consentText"],
        message: "required when the offer collects personal data with a lead form",
      },
      {
        path: ["input", "caps", "0", "publisherId"],
        message: "required for PUBLISHER caps and only for them",
      },
    ]);
    expect(error.message).toBe(
      "consentText: required when the offer collects personal data with a lead form; caps.0.publisherId: required for PUBLISHER caps and only for them",
    );
    expect(await db.offer.count({ where: { advertiserId: advertiser.id } })).toBe(before);
  });
});

describe("field errors the API alone can make", () => {
  test("a postback to a private address names the template's field", async ({ api, db, factories }) => {
    const publisher = await factories.createPublisher();
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const answer = await api.call(
      `mutation($i: PostbackTemplateInput!) {
        r: setPostbackTemplate(input: $i) { __typename ... on DomainError { code message fields { path message } } }
      }`,
      { i: { method: "GET", urlTemplate: "http://10.0.0.1/pb?c={click_id}" } },
      pub.key,
    );
    expect(answer.data?.r).toMatchObject({
      code: "invalid_input",
      fields: [
        {
          path: ["input", "urlTemplate"],
          message: "must not point at a non-public address (10.0.0.1 is a private address)",
        },
      ],
      message: "input.urlTemplate: must not point at a non-public address (10.0.0.1 is a private address)",
    });
    expect(await db.publisherPostback.count({ where: { publisherId: publisher.id } })).toBe(0);
  });

  test("a custom payout above the offer's revenue names the payout", async ({ api, db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, { visibility: "PUBLIC" });
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    await api.call(
      `mutation($o: ID!) { applyToOffer(offerId: $o) { __typename } }`,
      { o: offer.id },
      pub.key,
    );
    const stored = await db.offer.findUniqueOrThrow({ where: { id: offer.id } });
    const answer = await api.call(
      `mutation($i: SetCustomPayoutInput!) {
        r: setCustomPayout(input: $i) { __typename ... on DomainError { code fields { path message } } }
      }`,
      { i: { offerId: offer.id, publisherId: publisher.id, payout: String(stored.defaultRevenue + 1n) } },
      adv.key,
    );
    expect(answer.data?.r).toMatchObject({
      code: "invalid_input",
      fields: [{ path: ["input", "payout"], message: "must not exceed the offer's revenue" }],
    });
    expect(await db.customPayout.count({ where: { offerId: offer.id } })).toBe(0);
  });
});
