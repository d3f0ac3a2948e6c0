// Test kit for lead delivery: a local CRM that records what it receives and answers from a script,
// the lead deliveries (queue, worker and an outbox relay of their own) on the file's Redis prefix, and
// a lead sent through the tracker's hosted form, the path a real lead takes.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db, LeadDestination, Offer, Prisma, TrackingLink } from "@leadrail/db";
import type { Redis } from "ioredis";
import { pino } from "pino";
import {
  createLeadDeliveries,
  type LeadDeliveryOptions,
} from "../../tracker/src/lead-delivery/lead-deliveries.ts";
import { createOutboxRelay } from "../../tracker/src/postbacks/outbox-relay.ts";
import { createRedisClick, type RunningTracker } from "../src/conversion-kit.ts";

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CrmAnswer {
  status: number;
  body?: string;
  contentType?: string;
}

/**
 * A CRM on 127.0.0.1: records each request and answers `answer(n)` for the n-th (0-based). `down()`
 * closes it (connections refused), `up()` listens again on the same port.
 */
export async function crmReceiver(
  answer: (n: number, request: Received) => CrmAnswer = () => ({ status: 200 }),
) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const n = received.length;
      received.push(request);
      const reply = answer(n, request);
      res
        .writeHead(reply.status, { "content-type": reply.contentType ?? "application/json" })
        .end(reply.body ?? '{"ok":true}');
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}/leads`,
    received,
    down: close,
    async up() {
      server.listen(port, "127.0.0.1");
      await once(server, "listening");
    },
    close: () => (server.listening ? close() : Promise.resolve()),
  };
}

/**
 * Lead deliveries on this file's Redis prefix with a worker and an outbox relay of their own, fast
 * retries (backoffMs 20: tries at about 0, 20, 60, 140 ms...) and private networks allowed (the
 * receivers listen on 127.0.0.1; the SSRF test turns the guard back on).
 */
export function startLeadDeliveries(
  redis: Redis,
  redisPrefix: string,
  db: Db,
  overrides: Partial<Omit<LeadDeliveryOptions, "keyPrefix" | "db">> & {
    relayDispatchTimeoutMs?: number;
  } = {},
) {
  const { relayDispatchTimeoutMs, ...rest } = overrides;
  const connection = rest.connection ?? redis.duplicate({ keyPrefix: "", maxRetriesPerRequest: null });
  const logger = pino({ level: "silent" });
  const deliveries = createLeadDeliveries({
    keyPrefix: redisPrefix,
    db,
    logger,
    attempts: 5,
    backoffMs: 20,
    timeoutMs: 2000,
    concurrency: 4,
    allowPrivateNetworks: true,
    mailer: null,
    mailFrom: "Leadrail tests <leads@leadrail.test>",
    ...rest,
    connection,
  });
  deliveries.startWorker();
  const relay = createOutboxRelay({
    db,
    logger,
    sources: [deliveries.outboxSource],
    intervalMs: 50,
    ...(relayDispatchTimeoutMs === undefined ? {} : { dispatchTimeoutMs: relayDispatchTimeoutMs }),
  });
  relay.start();
  return {
    ...deliveries,
    relay,
    async close() {
      await relay.stop();
      await deliveries.close();
      connection.disconnect();
    },
  };
}

export const leadFormFields = [
  { name: "name", label: "Full name", type: "text", required: true },
  { name: "email", label: "E-mail", type: "email", required: true },
  { name: "phone", label: "Phone", type: "phone", required: true },
  { name: "zip", label: "ZIP code", type: "text", required: false },
];

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name} in the form`);
  return match[1] ?? "";
}

/** A lead through the hosted form of `link`: a click, the form, the submission; the lead's id. */
export async function submitLead(
  tracker: RunningTracker,
  redis: Redis,
  db: Db,
  link: TrackingLink,
  fields: Record<string, string>,
): Promise<string> {
  const click = await createRedisClick(redis, link, { country: "DE", subs: { sub1: "ad-9" } });
  const form = await fetch(`${tracker.url}/f/${link.code}?click_id=${click.id}`).then((res) => res.text());
  const res = await fetch(`${tracker.url}/f/${link.code}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      click_id: hidden(form, "click_id"),
      form_token: hidden(form, "form_token"),
      consent: "yes",
      ...fields,
    }),
  });
  if (res.status !== 200) throw new Error(`lead form answered ${res.status}: ${await res.text()}`);
  const lead = await db.conversion.findFirstOrThrow({ where: { clickId: click.id }, select: { id: true } });
  return lead.id;
}

/** A destination for `offer` (a signed JSON webhook to `url` unless overridden). */
export function createDestination(
  db: Db,
  offer: Offer,
  data: Partial<Prisma.LeadDestinationUncheckedCreateInput> = {},
): Promise<LeadDestination> {
  return db.leadDestination.create({
    data: { offerId: offer.id, name: "CRM", kind: "WEBHOOK", ...data },
  });
}

export function attemptsOf(db: Db, conversionId: string) {
  return db.leadDeliveryAttempt.findMany({ where: { conversionId }, orderBy: { id: "asc" } });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
