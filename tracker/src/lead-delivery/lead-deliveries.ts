// Leads to the advertiser's CRM through a BullMQ queue, the way publisher postbacks go. The lead's
// record or approval writes lead_delivery_outbox rows in its own transaction (tracker:
// conversions/conversion-store.ts, API: leads/postback-outbox.ts; tests and replays: queueLeadDelivery
// in @leadrail/db); the tracker's one outbox relay turns each row into one job (this module's
// `outboxSource`), and a worker delivers it: a signed webhook POST or an e-mail, with exponential
// retries (BullMQ), the publisher postbacks' SSRF guard and retry verdict, and a LeadDeliveryAttempt
// row for every try.
//
// A CRM answer that matches the destination's refusal rule rejects a PENDING lead (crm-refusal.ts).
import { type LeadDeliveryOutcome, Prisma } from "@leadrail/db";
import {
  type LeadFacts,
  leadEmail,
  mapLead,
  refusalOf,
  sampleLead,
  storedFieldMapping,
  storedRefusalRule,
  storedStaticFields,
} from "@leadrail/db/lead-delivery";
import { type Job, Queue, UnrecoverableError, type Worker } from "bullmq";
import { createConversionStore } from "../conversions/conversion-store.ts";
import { send, verdictOf } from "../postbacks/delivery.ts";
import type { OutboxSource } from "../postbacks/outbox-relay.ts";
import { targetAddress } from "../postbacks/target-address.ts";
import type { DeliveryQueueOptions } from "../queues/delivery-queue-options.ts";
import { closeWorkers, startLoggedWorker } from "../queues/logged-worker.ts";
import { rejectRefusedLead } from "./crm-refusal.ts";
import { leadFacts, STORED_LEAD_SELECT } from "./lead-facts.ts";
import type { Mailer } from "./mailer.ts";
import { buildWebhook } from "./webhook.ts";

export const LEAD_QUEUE_NAME = "lead-deliveries";
/** How much of the CRM's answer the attempt log keeps (and the refusal rule reads). */
export const ANSWER_BYTES = 4096;
export const SMTP_NOT_CONFIGURED = "SMTP not configured: set SMTP_URL to deliver e-mail destinations";

export interface LeadDeliveryJob {
  /** The lead_delivery_outbox row, as text (BullMQ data is JSON). */
  deliveryId: string;
  conversionId: string | null;
  destinationId: number;
  test: boolean;
  replayOfId: string | null;
}

interface OutboxRow {
  id: bigint;
  conversionId: string | null;
  destinationId: number;
  test: boolean;
  replayOfId: bigint | null;
}

export interface LeadDeliveryOptions extends DeliveryQueueOptions {
  /** null: SMTP_URL unset, e-mail deliveries fail with SMTP_NOT_CONFIGURED. */
  mailer: Mailer | null;
  mailFrom: string;
  /** Told when a refusal rejected a lead (wakes the outbox relay for the publisher's postback). */
  onConversionChanged?: () => void;
}

export interface LeadDeliveries {
  queue: Queue<LeadDeliveryJob>;
  /** lead_delivery_outbox for the tracker's one outbox relay. */
  outboxSource: OutboxSource<OutboxRow>;
  startWorker(): Worker<LeadDeliveryJob>;
  close(): Promise<void>;
}

type AttemptFields = {
  requestUrl: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseStatus?: number | null;
  responseBody?: string | null;
  error?: string | null;
  refusalReason?: string | null;
  durationMs?: number | null;
  outcome: LeadDeliveryOutcome;
};

export function createLeadDeliveries(options: LeadDeliveryOptions): LeadDeliveries {
  const { connection, db, logger } = options;
  const prefix = `${options.keyPrefix}bull`;
  const queue = new Queue<LeadDeliveryJob>(LEAD_QUEUE_NAME, { connection, prefix });
  queue.on("error", (error) => logger.warn({ err: error }, "lead delivery queue error"));
  const workers: Worker<LeadDeliveryJob>[] = [];
  const store = createConversionStore(db);

  const outboxSource: OutboxSource<OutboxRow> = {
    table: "lead_delivery_outbox",
    columns: Prisma.sql`id, conversion_id::text AS "conversionId", destination_id AS "destinationId", test,
      replay_of_id AS "replayOfId"`,
    async dispatch(rows) {
      await queue.addBulk(
        rows.map((row) => ({
          name: "deliver",
          data: {
            deliveryId: String(row.id),
            conversionId: row.conversionId,
            destinationId: row.destinationId,
            test: row.test,
            replayOfId: row.replayOfId === null ? null : String(row.replayOfId),
          },
          opts: {
            // From the outbox row: a batch the relay retries re-adds the same ids, BullMQ keeps one.
            jobId: `ld-${row.id}`,
            // A test is watched as it happens: one attempt, its answer at once.
            attempts: row.test ? 1 : options.attempts,
            backoff: { type: "exponential", delay: options.backoffMs },
            removeOnComplete: { age: 86_400 },
            removeOnFail: { age: 7 * 86_400 },
          },
        })),
      );
    },
  };

  async function deliver(job: Job<LeadDeliveryJob>): Promise<void> {
    const { conversionId, destinationId, test } = job.data;
    const deliveryId = BigInt(job.data.deliveryId);
    const replayOfId = job.data.replayOfId === null ? null : BigInt(job.data.replayOfId);
    const attempt = job.attemptsMade + 1;
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);

    const destination = await db.leadDestination.findUnique({
      where: { id: destinationId },
      include: { offer: { select: { id: true, name: true } } },
    });
    // Deleted since; or switched off since (tests and replays were asked for by a person: they go).
    if (!destination) return;
    if (!destination.active && !test && replayOfId === null) return;

    const record = (fields: AttemptFields) =>
      db.leadDeliveryAttempt.create({
        data: { destinationId, conversionId, deliveryId, attempt, test, replayOfId, ...fields },
      });
    /** A failed try: logged as RETRYING while BullMQ will try again, else FAILED; then thrown. */
    const fail = async (fields: Omit<AttemptFields, "outcome">, retry: boolean): Promise<never> => {
      const why = fields.error ?? "failed";
      await record({ ...fields, outcome: retry && !lastAttempt ? "RETRYING" : "FAILED" });
      throw retry ? new Error(why) : new UnrecoverableError(why);
    };

    let lead: LeadFacts;
    if (conversionId === null) {
      lead = sampleLead(destination.offer, `test-${deliveryId}`, new Date());
    } else {
      const stored = await db.conversion.findUnique({
        where: { id: conversionId },
        select: STORED_LEAD_SELECT,
      });
      if (!stored) return;
      if (stored.erasedAt !== null) {
        return fail(
          {
            requestUrl: destination.url ?? "mailto:",
            requestHeaders: {},
            requestBody: "",
            error: "the lead was erased",
          },
          false,
        );
      }
      lead = leadFacts(stored, destination.offer.name);
    }
    const payload = mapLead(
      lead,
      storedFieldMapping(destination.fieldMapping),
      storedStaticFields(destination.staticFields),
    );

    if (destination.kind === "EMAIL") {
      const mail = leadEmail(lead, payload, test);
      const requestUrl = `mailto:${destination.recipients.join(",")}`;
      const requestHeaders = {
        from: options.mailFrom,
        to: destination.recipients.join(", "),
        subject: mail.subject,
      };
      if (!options.mailer)
        return fail(
          { requestUrl, requestHeaders, requestBody: mail.text, error: SMTP_NOT_CONFIGURED },
          false,
        );
      const started = performance.now();
      const sent = await options.mailer.send({
        from: options.mailFrom,
        to: destination.recipients,
        subject: mail.subject,
        text: mail.text,
      });
      const durationMs = Math.round(performance.now() - started);
      if (sent.ok) {
        await record({
          requestUrl,
          requestHeaders,
          requestBody: mail.text,
          responseStatus: sent.code,
          responseBody: sent.response.slice(0, ANSWER_BYTES),
          durationMs,
          outcome: "DELIVERED",
        });
        return;
      }
      return fail(
        {
          requestUrl,
          requestHeaders,
          requestBody: mail.text,
          responseStatus: sent.code,
          error: sent.error,
          durationMs,
        },
        !sent.permanent,
      );
    }

    const built = buildWebhook(
      { url: destination.url ?? "", format: destination.format, secret: destination.secret },
      payload,
      { deliveryId, attempt, test, now: Math.floor(Date.now() / 1000) },
    );
    if (!built.ok) {
      return fail(
        {
          requestUrl: (destination.url ?? "").slice(0, 2000),
          requestHeaders: {},
          requestBody: "",
          error: built.error,
        },
        false,
      );
    }
    const { request } = built;
    const logged = {
      requestUrl: request.url,
      requestHeaders: request.headers,
      requestBody: request.body ?? "",
    };
    const target = await targetAddress(new URL(request.url).hostname, options.allowPrivateNetworks);
    if (target.kind !== "ok") {
      // An address that is not allowed stays so: no retry. DNS trouble may pass: retried.
      const error = target.kind === "blocked" ? `blocked: ${target.reason}` : target.reason;
      return fail({ ...logged, error }, target.kind !== "blocked");
    }
    const sent = await send(request, options.timeoutMs, target.pinned, ANSWER_BYTES);
    const answer = {
      ...logged,
      responseStatus: sent.httpStatus,
      responseBody: sent.answer ?? null,
      durationMs: sent.durationMs,
    };

    if (sent.httpStatus !== null) {
      const reason = refusalOf(storedRefusalRule(destination.refusalRule), {
        status: sent.httpStatus,
        body: sent.answer ?? "",
      });
      if (reason !== null) {
        // Final: the CRM has answered, asking again would only get the same answer.
        const kept =
          test || conversionId === null
            ? "a test: the lead is not rejected"
            : await rejectRefusedLead(db, store, conversionId, options.onConversionChanged);
        await record({ ...answer, refusalReason: reason, error: kept, outcome: "REFUSED" });
        return;
      }
    }
    const verdict = verdictOf(sent.httpStatus);
    if (verdict === "delivered") {
      await record({ ...answer, outcome: "DELIVERED" });
      return;
    }
    return fail({ ...answer, error: sent.error ?? `HTTP ${sent.httpStatus}` }, verdict === "retry");
  }

  return {
    queue,
    outboxSource,
    startWorker() {
      return startLoggedWorker({
        queueName: LEAD_QUEUE_NAME,
        processor: deliver,
        connection,
        prefix,
        concurrency: options.concurrency,
        logger,
        what: "lead delivery",
        running: workers,
      });
    },
    async close() {
      await closeWorkers(workers);
      await queue.close();
      options.mailer?.close();
    },
  };
}
