// Leads to the advertiser's CRM by webhook: the lead recorded by the tracker's hosted form is POSTed
// to a local receiver, mapped to the CRM's names with the static fields, signed over a timestamp and
// the body, retried on 5xx with every attempt logged; a refusal by the CRM rejects a pending lead;
// a replay sends it again; ON_CONFIRMATION destinations wait for the advertiser's confirmation.
import { queueLeadDelivery } from "@leadrail/db";
import { verifyLeadSignature } from "@leadrail/db/lead-delivery-signature";
import { callerFor, startApi } from "../api/harness.ts";
import { mutation } from "../api/operations.ts";
import { createWorld, dailyStat, describe, eventually, expect, test } from "../src/conversion-kit.ts";
import {
  attemptsOf,
  createDestination,
  crmReceiver,
  leadFormFields,
  sleep,
  startLeadDeliveries,
  submitLead,
} from "./kit.ts";

const SECRET = "crm-shared-secret-0123456789";
const ADA = { name: "Ada Lovelace", email: "ada@example.com", phone: "030 123456789", zip: "10115" };
const mapping = [
  { from: "email", to: "EmailAddress" },
  { from: "phone", to: "PhoneNumber" },
  { from: "{name} ({sub1})", to: "FullName" },
  { from: "zip", to: "PostCode" },
  { from: "sub7", to: "Sub7" },
];

describe("lead delivery by webhook", () => {
  test("mapped, signed, retried: 500 twice then 200 gives three logged attempts and one delivery", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const crm = await crmReceiver((n) => (n < 2 ? { status: 500, body: "busy" } : { status: 200 }));
    const deliveries = startLeadDeliveries(redis, redisPrefix, db);
    try {
      const { offer, publisher, link } = await createWorld(factories, {
        confirmationMode: "MANUAL",
        leadFormFields,
      });
      const destination = await createDestination(db, offer, {
        url: crm.url,
        secret: SECRET,
        fieldMapping: mapping,
        staticFields: { campaign: "c-42" },
      });
      const leadId = await submitLead(tracker, redis, db, link, ADA);

      await eventually(async () => (await attemptsOf(db, leadId)).some((a) => a.outcome === "DELIVERED"));
      const attempts = await attemptsOf(db, leadId);
      expect(attempts.map((a) => [a.attempt, a.outcome, a.responseStatus])).toEqual([
        [1, "RETRYING", 500],
        [2, "RETRYING", 500],
        [3, "DELIVERED", 200],
      ]);
      expect(attempts.every((a) => a.destinationId === destination.id)).toBe(true);
      expect(new Set(attempts.map((a) => a.deliveryId)).size).toBe(1);
      expect(attempts[0]?.responseBody).toBe("busy");

      expect(crm.received).toHaveLength(3);
      const expected = {
        EmailAddress: "ada@example.com",
        PhoneNumber: "+4930123456789",
        FullName: "Ada Lovelace (ad-9)",
        PostCode: "10115",
        campaign: "c-42",
      };
      const now = Math.floor(Date.now() / 1000);
      for (const [i, request] of crm.received.entries()) {
        expect(request.method).toBe("POST");
        expect(request.headers["content-type"]).toBe("application/json");
        expect(JSON.parse(request.body)).toEqual(expected);
        const signature = String(request.headers["x-leadrail-signature"]);
        expect(verifyLeadSignature(signature, request.body, SECRET, now)).toBe(true);
        expect(verifyLeadSignature(signature, request.body, "some-other-secret-value", now)).toBe(false);
        expect(request.headers["x-leadrail-delivery"]).toBe(String(attempts[0]?.deliveryId));
        expect(request.headers["x-leadrail-attempt"]).toBe(String(i + 1));
        // The attempt log holds the request as the receiver saw it.
        expect(attempts[i]?.requestBody).toBe(request.body);
        expect(attempts[i]?.requestHeaders).toMatchObject({ "x-leadrail-signature": signature });
      }
      // Delivered once: no further attempt comes.
      await sleep(300);
      expect(crm.received).toHaveLength(3);
      // A delivered lead keeps its status.
      expect(await db.conversion.findUniqueOrThrow({ where: { id: leadId } })).toMatchObject({
        status: "PENDING",
      });
      expect(await dailyStat(db, offer, publisher)).toMatchObject({
        pendingConversions: 1n,
        rejectedConversions: 0n,
      });
    } finally {
      await deliveries.close();
      await crm.close();
    }
  });

  test("form-encoded, unsigned without a secret; a 4xx is not retried", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const crm = await crmReceiver(() => ({ status: 422, body: "bad zip" }));
    const deliveries = startLeadDeliveries(redis, redisPrefix, db);
    try {
      const { offer, link } = await createWorld(factories, { confirmationMode: "MANUAL", leadFormFields });
      await createDestination(db, offer, { url: crm.url, format: "FORM", fieldMapping: mapping });
      const leadId = await submitLead(tracker, redis, db, link, ADA);

      await eventually(async () => (await attemptsOf(db, leadId)).length > 0);
      await sleep(300);
      const attempts = await attemptsOf(db, leadId);
      expect(attempts.map((a) => [a.attempt, a.outcome, a.responseStatus, a.error])).toEqual([
        [1, "FAILED", 422, "HTTP 422"],
      ]);
      const [request] = crm.received;
      expect(crm.received).toHaveLength(1);
      expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(request?.headers["x-leadrail-signature"]).toBeUndefined();
      expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
        EmailAddress: "ada@example.com",
        PhoneNumber: "+4930123456789",
        FullName: "Ada Lovelace (ad-9)",
        PostCode: "10115",
      });
    } finally {
      await deliveries.close();
      await crm.close();
    }
  });

  test("a CRM refusal rejects a pending lead with its reason; an approved lead stays approved", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const crm = await crmReceiver(() => ({
      status: 200,
      body: JSON.stringify({ result: "rejected", message: "Duplicate lead in CRM" }),
    }));
    const deliveries = startLeadDeliveries(redis, redisPrefix, db);
    const refusalRule = { jsonPath: "result", equals: "rejected", reason: "refused", reasonPath: "message" };
    try {
      const manual = await createWorld(factories, { confirmationMode: "MANUAL", leadFormFields });
      await createDestination(db, manual.offer, { url: crm.url, refusalRule });
      const pendingId = await submitLead(tracker, redis, db, manual.link, ADA);

      await eventually(async () => (await attemptsOf(db, pendingId)).length > 0);
      const [refused] = await attemptsOf(db, pendingId);
      expect(refused).toMatchObject({
        outcome: "REFUSED",
        refusalReason: "Duplicate lead in CRM",
        error: null,
        responseStatus: 200,
      });
      await eventually(
        async () =>
          (await db.conversion.findUniqueOrThrow({ where: { id: pendingId } })).status === "REJECTED",
      );
      expect(await db.conversion.findUniqueOrThrow({ where: { id: pendingId } })).toMatchObject({
        status: "REJECTED",
        statusReason: "crm_refused",
      });
      // Through the one status change: the rollups moved and the publisher's postback event is written.
      expect(await dailyStat(db, manual.offer, manual.publisher)).toMatchObject({
        pendingConversions: 0n,
        rejectedConversions: 1n,
      });
      expect(
        (await db.postbackOutbox.findMany({ where: { conversionId: pendingId } })).map((row) => row.status),
      ).toEqual(["PENDING", "REJECTED"]);

      // An AUTO offer approves on arrival: the refusal is logged, the approval stands.
      const auto = await createWorld(factories, { confirmationMode: "AUTO", leadFormFields });
      await createDestination(db, auto.offer, { url: crm.url, refusalRule });
      const approvedId = await submitLead(tracker, redis, db, auto.link, {
        ...ADA,
        email: "grace@example.com",
      });
      await eventually(async () => (await attemptsOf(db, approvedId)).length > 0);
      const [logged] = await attemptsOf(db, approvedId);
      expect(logged?.outcome).toBe("REFUSED");
      expect(logged?.error).toMatch(/APPROVED: it stays so/);
      expect(await db.conversion.findUniqueOrThrow({ where: { id: approvedId } })).toMatchObject({
        status: "APPROVED",
      });
    } finally {
      await deliveries.close();
      await crm.close();
    }
  });

  test("a replay sends the delivery again; a test sends sample values without a lead", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const crm = await crmReceiver();
    const deliveries = startLeadDeliveries(redis, redisPrefix, db);
    try {
      const { offer, link } = await createWorld(factories, { confirmationMode: "MANUAL", leadFormFields });
      const destination = await createDestination(db, offer, { url: crm.url, fieldMapping: mapping });
      const leadId = await submitLead(tracker, redis, db, link, ADA);
      await eventually(async () => crm.received.length === 1);
      // The receiver has the request before the worker has logged its answer: wait for the row.
      await eventually(async () => (await attemptsOf(db, leadId)).length === 1);
      const [first] = await attemptsOf(db, leadId);
      expect(first?.outcome).toBe("DELIVERED");

      const [replayId] = await db.$transaction((tx) =>
        queueLeadDelivery(tx, { conversionId: leadId, replayOf: first?.deliveryId }),
      );
      await eventually(async () => crm.received.length === 2);
      expect(crm.received[1]?.body).toBe(crm.received[0]?.body);
      expect(crm.received[1]?.headers["x-leadrail-delivery"]).toBe(String(replayId));
      await eventually(async () => (await attemptsOf(db, leadId)).length === 2);
      expect((await attemptsOf(db, leadId))[1]).toMatchObject({
        deliveryId: replayId,
        replayOfId: first?.deliveryId,
        outcome: "DELIVERED",
        test: false,
      });

      // "Send test lead": sample values, marked as a test, even before the destination is switched on.
      await db.leadDestination.update({ where: { id: destination.id }, data: { active: false } });
      const [testId] = await db.$transaction((tx) =>
        queueLeadDelivery(tx, { conversionId: null, destinationId: destination.id, test: true }),
      );
      await eventually(async () => crm.received.length === 3);
      expect(crm.received[2]?.headers["x-leadrail-test"]).toBe("1");
      expect(JSON.parse(crm.received[2]?.body ?? "")).toMatchObject({
        EmailAddress: "test.lead@example.com",
        FullName: "Test Lead (test)",
      });
      await eventually(
        async () => (await db.leadDeliveryAttempt.count({ where: { deliveryId: testId } })) === 1,
      );
      // A switched-off destination gets no new leads.
      const quietId = await submitLead(tracker, redis, db, link, { ...ADA, email: "quiet@example.com" });
      await sleep(300);
      expect(await db.leadDeliveryOutbox.count({ where: { conversionId: quietId } })).toBe(0);
      expect(crm.received).toHaveLength(3);
    } finally {
      await deliveries.close();
      await crm.close();
    }
  });

  test("ON_CONFIRMATION destinations get the lead when the advertiser confirms it, REAL_TIME ones at once", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const realTime = await crmReceiver();
    const confirmed = await crmReceiver();
    const deliveries = startLeadDeliveries(redis, redisPrefix, db);
    const api = await startApi({ db, redis, redisPrefix });
    try {
      const { advertiser, offer, link } = await createWorld(factories, {
        confirmationMode: "MANUAL",
        leadFormFields,
      });
      await createDestination(db, offer, { name: "live", url: realTime.url });
      await createDestination(db, offer, { name: "billing", url: confirmed.url, trigger: "ON_CONFIRMATION" });
      const leadId = await submitLead(tracker, redis, db, link, ADA);
      await eventually(async () => realTime.received.length === 1);
      await sleep(300);
      expect(confirmed.received).toHaveLength(0);

      const adv = await callerFor(db, "ADVERTISER", advertiser);
      const answer = await api.call(
        mutation("confirmLeads", "$ids: [ID!]!", "ids: $ids", "{ id status }"),
        { ids: [leadId] },
        adv.key,
      );
      expect(answer.errors).toBeUndefined();
      await eventually(async () => confirmed.received.length === 1);
      expect(JSON.parse(confirmed.received[0]?.body ?? "")).toMatchObject({
        conversion_id: leadId,
        status: "approved",
        email: "ada@example.com",
        zip: "10115",
      });
      await sleep(300);
      expect(realTime.received).toHaveLength(1);
    } finally {
      await api.close();
      await deliveries.close();
      await realTime.close();
      await confirmed.close();
    }
  });

  test("erasing the lead empties what its delivery log said about the person", async ({
    db,
    redis,
    redisPrefix,
    factories,
  }) => {
    const crm = await crmReceiver(() => ({ status: 200, body: '{"echo":"ada@example.com"}' }));
    const deliveries = startLeadDeliveries(redis, redisPrefix, db);
    const api = await startApi({ db, redis, redisPrefix });
    try {
      const { advertiser, publisher, offer } = await createWorld(factories, { confirmationMode: "MANUAL" });
      await createDestination(db, offer, { url: crm.url, secret: SECRET });
      // A lead whose click is stored (erasure waits for that), sent from the dashboard's "resend".
      const lead = await factories.createConversion(offer, publisher, {
        status: "PENDING",
        source: "LEAD_FORM",
        leadName: "Ada Lovelace",
        leadEmail: "ada@example.com",
      });
      const leadId = lead.id;
      await db.$transaction((tx) => queueLeadDelivery(tx, { conversionId: leadId }));
      await eventually(async () => (await attemptsOf(db, leadId)).some((a) => a.outcome === "DELIVERED"));
      expect((await attemptsOf(db, leadId))[0]?.requestBody).toContain("ada@example.com");

      const adv = await callerFor(db, "ADVERTISER", advertiser);
      const answer = await api.call(
        mutation("eraseLeadPersonalData", "$id: ID!", "id: $id", "{ id erasedAt }"),
        { id: leadId },
        adv.key,
      );
      expect(answer.errors).toBeUndefined();
      const [attempt] = await attemptsOf(db, leadId);
      expect(attempt).toMatchObject({
        requestBody: "",
        responseBody: null,
        outcome: "DELIVERED",
        requestUrl: crm.url,
      });
      // A replay of an erased lead sends nothing personal: it is refused and logged.
      await db.$transaction((tx) =>
        queueLeadDelivery(tx, { conversionId: leadId, replayOf: attempt?.deliveryId }),
      );
      await eventually(async () => (await attemptsOf(db, leadId)).length === 2);
      expect((await attemptsOf(db, leadId))[1]).toMatchObject({
        outcome: "FAILED",
        error: "the lead was erased",
      });
      expect(crm.received).toHaveLength(1);
    } finally {
      await api.close();
      await deliveries.close();
      await crm.close();
    }
  });

  test("the SSRF guard refuses a private address without retrying", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const crm = await crmReceiver();
    const deliveries = startLeadDeliveries(redis, redisPrefix, db, { allowPrivateNetworks: false });
    try {
      const { offer, link } = await createWorld(factories, { confirmationMode: "MANUAL", leadFormFields });
      await createDestination(db, offer, { url: crm.url });
      const leadId = await submitLead(tracker, redis, db, link, ADA);
      await eventually(async () => (await attemptsOf(db, leadId)).length > 0);
      await sleep(300);
      const attempts = await attemptsOf(db, leadId);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ outcome: "FAILED", responseStatus: null });
      expect(attempts[0]?.error).toMatch(/^blocked: 127\.0\.0\.1 is a/);
      expect(crm.received).toHaveLength(0);
    } finally {
      await deliveries.close();
      await crm.close();
    }
  });
});
