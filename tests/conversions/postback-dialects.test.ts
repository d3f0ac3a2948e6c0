// Every parameter alias and status word docs/advertiser-guide.md promises, through the real endpoint.
import { PARAM_ALIASES } from "../../tracker/src/conversions/postback-params.ts";
import { STATUS_WORDS } from "../../tracker/src/conversions/status-mapping.ts";
import { createWorld, describe, expect, getPostback, test } from "../src/conversion-kit.ts";

describe("postback dialects", () => {
  test.for(PARAM_ALIASES.clickId.map((name) => ({ name })))(
    "the click id may be sent as $name",
    async ({ name }, { db, factories, tracker }) => {
      const { advertiser, offer, link } = await createWorld(factories);
      const click = await factories.createClick(link);
      const answer = await getPostback(tracker, { [name]: click.id, token: advertiser.postbackSecret });
      expect(answer.body).toMatchObject({ status: "recorded" });
      expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
        clickId: click.id,
        status: "APPROVED",
      });
    },
  );

  test.for(PARAM_ALIASES.amount.map((name) => ({ name })))(
    "the sale amount may be sent as $name",
    async ({ name }, { db, factories, tracker }) => {
      const { advertiser, offer, link } = await createWorld(factories, {
        payoutModel: "REVSHARE",
        defaultPayout: 0n,
        defaultRevenue: 0n,
        payoutShareBps: 2500,
        revenueShareBps: 4000,
      });
      const click = await factories.createClick(link);
      const answer = await getPostback(tracker, {
        click_id: click.id,
        [name]: "80.00",
        token: advertiser.postbackSecret,
      });
      expect(answer.body).toMatchObject({ status: "recorded" });
      expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
        saleAmount: 8000n,
        payout: 2000n,
        revenue: 3200n,
      });
    },
  );

  test.for(PARAM_ALIASES.transactionId.map((name) => ({ name })))(
    "the advertiser's transaction id may be sent as $name",
    async ({ name }, { db, factories, tracker }) => {
      const { advertiser, offer, link } = await createWorld(factories);
      const click = await factories.createClick(link);
      const answer = await getPostback(tracker, {
        click_id: click.id,
        [name]: `T-${name}`,
        token: advertiser.postbackSecret,
      });
      expect(answer.body).toMatchObject({ status: "recorded", transaction_id: `T-${name}` });
      expect(await db.conversion.count({ where: { offerId: offer.id, transactionId: `T-${name}` } })).toBe(1);
    },
  );

  test.for(PARAM_ALIASES.goal.map((name) => ({ name })))(
    "the goal may be sent as $name, and each goal of a click is its own conversion",
    async ({ name }, { db, factories, tracker }) => {
      const { advertiser, offer, link } = await createWorld(factories);
      const click = await factories.createClick(link);
      for (const goal of ["registration", "deposit"]) {
        const answer = await getPostback(tracker, {
          click_id: click.id,
          [name]: goal,
          token: advertiser.postbackSecret,
        });
        expect(answer.body).toMatchObject({
          status: "recorded",
          transaction_id: `click:${click.id}:${goal}`,
        });
      }
      const goals = await db.conversion.findMany({ where: { offerId: offer.id }, orderBy: { goal: "asc" } });
      expect(goals.map((c) => c.goal)).toEqual(["deposit", "registration"]);
    },
  );

  test("currency may be sent, in any case, when it is the offer's", async ({ db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories, { currency: "EUR" });
    const click = await factories.createClick(link);
    const answer = await getPostback(tracker, {
      click_id: click.id,
      currency: "eur",
      token: advertiser.postbackSecret,
    });
    expect(answer.body).toMatchObject({ status: "recorded" });
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      currency: "EUR",
    });
  });

  const statusCases = Object.entries(STATUS_WORDS).flatMap(([intent, words]) =>
    words.flatMap((word) =>
      PARAM_ALIASES.status.map((param) => ({
        word,
        param,
        expected: { approved: "APPROVED", pending: "PENDING", rejected: "REJECTED", reversed: "REJECTED" }[
          intent
        ],
      })),
    ),
  );
  test.for(statusCases)(
    "a new conversion with $param=$word is $expected",
    async ({ word, param, expected }, { db, factories, tracker }) => {
      const { advertiser, offer, link } = await createWorld(factories);
      const click = await factories.createClick(link);
      const answer = await getPostback(tracker, {
        click_id: click.id,
        [param]: word,
        token: advertiser.postbackSecret,
      });
      expect(answer.status).toBe(200);
      const conversion = await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } });
      expect(conversion.status).toBe(expected);
      // Rejected pays nothing; pending and approved carry the stamped payout.
      expect(conversion.payout).toBe(expected === "REJECTED" ? 0n : 1500n);
    },
  );

  test("a POST with a form body works like a GET", async ({ db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories);
    const click = await factories.createClick(link);
    const res = await fetch(
      `${tracker.url}/postback?token=${encodeURIComponent(advertiser.postbackSecret)}`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ subid: click.id, tid: "FORM-1", status: "lead" }),
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "recorded", conversion_status: "pending" });
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      transactionId: "FORM-1",
      status: "PENDING",
    });
  });

  test("a POST with a JSON body works like a GET, numbers included", async ({ db, factories, tracker }) => {
    const { advertiser, offer, link } = await createWorld(factories, {
      payoutModel: "REVSHARE",
      payoutShareBps: 1000,
      revenueShareBps: 2000,
    });
    const click = await factories.createClick(link);
    const res = await fetch(
      `${tracker.url}/postback?token=${encodeURIComponent(advertiser.postbackSecret)}`,
      {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify({
          transaction_id: click.id,
          adv_sub: "JSON-1",
          amount: 12.5,
          offer_id: offer.id,
        }),
      },
    );
    expect(res.status).toBe(200);
    expect(await db.conversion.findFirstOrThrow({ where: { offerId: offer.id } })).toMatchObject({
      transactionId: "JSON-1",
      saleAmount: 1250n,
      payout: 125n,
      revenue: 250n,
    });
  });
});
