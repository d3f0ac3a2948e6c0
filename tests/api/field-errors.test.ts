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
