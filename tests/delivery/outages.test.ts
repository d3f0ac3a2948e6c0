// Nothing is lost when Redis or the CRM is away: a lead committed while the queue's Redis is cut
// waits in lead_delivery_outbox and is delivered exactly once when Redis is back; leads sent while
// the CRM is down are retried with backoff until it answers again.
import { Redis } from "ioredis";
import { createWorld, describe, eventually, expect, test } from "../src/conversion-kit.ts";
import { startTcpProxy } from "../src/processes.ts";
import {
  attemptsOf,
  createDestination,
  crmReceiver,
  leadFormFields,
  sleep,
  startLeadDeliveries,
  submitLead,
} from "./kit.ts";

const ADA = { name: "Ada Lovelace", email: "ada@example.com", phone: "030 123456789" };

describe("lead delivery through outages", () => {
  test("Redis cut between the commit and the enqueue: delivered once when it is back", async ({
    db,
    redis,
    redisPrefix,
    redisUrl,
    factories,
    tracker,
  }) => {
    const crm = await crmReceiver();
    const target = new URL(redisUrl);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    // The queue (worker and relay) reaches Redis only through the proxy; the lead's record does not.
    const connection = new Redis(proxy.port, "127.0.0.1", { maxRetriesPerRequest: null });
    connection.on("error", () => undefined);
    const deliveries = startLeadDeliveries(redis, redisPrefix, db, {
      connection,
      relayDispatchTimeoutMs: 500,
    });
    try {
      const { offer, link } = await createWorld(factories, { confirmationMode: "MANUAL", leadFormFields });
      await createDestination(db, offer, { url: crm.url });
      await proxy.stop();
      const leadId = await submitLead(tracker, redis, db, link, ADA);

      // Committed with its outbox row; the relay keeps failing to enqueue it and gives it back.
      const [row] = await db.leadDeliveryOutbox.findMany({ where: { conversionId: leadId } });
      expect(row).toMatchObject({ dispatchedAt: null, test: false });
      await sleep(1500);
      expect(await db.leadDeliveryOutbox.findUnique({ where: { id: row?.id } })).toMatchObject({
        dispatchedAt: null,
      });
      expect(crm.received).toEqual([]);

      await proxy.start();
      await eventually(async () => crm.received.length >= 1, 30_000);
      await eventually(
        async () => (await db.leadDeliveryOutbox.findUnique({ where: { id: row?.id } }))?.dispatchedAt,
        30_000,
      );
      // Once, although enqueues sent during the outage may have reached Redis late (same job id).
      await sleep(1000);
      expect(crm.received).toHaveLength(1);
      expect(JSON.parse(crm.received[0]?.body ?? "")).toMatchObject({ conversion_id: leadId });
      expect((await attemptsOf(db, leadId)).map((a) => a.outcome)).toEqual(["DELIVERED"]);
    } finally {
      await deliveries.close();
      await proxy.stop();
      connection.disconnect();
      await crm.close();
    }
  });

  test("a CRM down for a while loses no lead", async ({ db, redis, redisPrefix, factories, tracker }) => {
    // Time is compressed: the default backoff is 2 s doubling over 10 attempts (about 17 minutes of
    // retries, so a minute's outage is well inside it); here it is 50 ms doubling over 10 attempts
    // (about 25 s) and the CRM is down for 3 s, which the same arithmetic scales from a minute. The
    // point checked is the same: tries during the outage fail and are logged, none is given up, and
    // every lead arrives exactly once after.
    const crm = await crmReceiver();
    const deliveries = startLeadDeliveries(redis, redisPrefix, db, { attempts: 10, backoffMs: 50 });
    try {
      const { offer, link } = await createWorld(factories, { confirmationMode: "MANUAL", leadFormFields });
      await createDestination(db, offer, { url: crm.url });
      await crm.down();
      const leads: string[] = [];
      for (let i = 0; i < 5; i++) {
        leads.push(await submitLead(tracker, redis, db, link, { ...ADA, email: `lead${i}@example.com` }));
      }
      await eventually(async () => {
        const retrying = await db.leadDeliveryAttempt.count({
          where: { conversionId: { in: leads }, outcome: "RETRYING" },
        });
        return retrying >= leads.length * 2;
      });
      await sleep(1500);
      expect(crm.received).toHaveLength(0);
      await crm.up();

      await eventually(
        async () =>
          (await db.leadDeliveryAttempt.count({
            where: { conversionId: { in: leads }, outcome: "DELIVERED" },
          })) === leads.length,
        30_000,
      );
      await sleep(500);
      expect(crm.received.map((r) => JSON.parse(r.body).conversion_id).sort()).toEqual([...leads].sort());
      expect(
        await db.leadDeliveryAttempt.count({ where: { conversionId: { in: leads }, outcome: "FAILED" } }),
      ).toBe(0);
      for (const lead of leads) {
        const attempts = await attemptsOf(db, lead);
        // Each try during the outage logged with its error, then one delivery.
        expect(attempts.at(-1)?.outcome).toBe("DELIVERED");
        expect(
          attempts.slice(0, -1).every((a) => a.outcome === "RETRYING" && a.error?.includes("ECONNREFUSED")),
        ).toBe(true);
        expect(attempts.length).toBeGreaterThanOrEqual(3);
      }
    } finally {
      await deliveries.close();
      await crm.close();
    }
  });
});
