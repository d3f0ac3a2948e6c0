// POST /v1/leads: a publisher's server posts a lead it collected on its own landing page.
//
//   key (Redis-cached, api-key-cache.ts) → rate limit per key → JSON body ≤ 32 KB → shape
//   (lead-request.ts) → idempotency (same request id: the stored answer, or 409) → offer access
//   (@leadrail/db offer-access.ts, the link-creation rule) → the offer's form rules, consent and the
//   click (theirs, on this offer) → the hosted form's recorder (captureChannel "api")
//
// Every refusal answers before anything is written, so bad input stores nothing. See docs/lead-api.md.
import { createHash } from "node:crypto";
import { type Db, offerAccess } from "@leadrail/db";
import type { Express, Request, Response } from "express";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { sharedIpCountryDatabase } from "../clicks/visitor/ip-country.ts";
import { classifyUserAgent } from "../clicks/visitor/user-agent.ts";
import type { ClickLookup } from "../conversions/click-lookup.ts";
import { normalizeClickId } from "../conversions/click-lookup.ts";
import type { ConversionRecorder, RecordedConversion } from "../conversions/record-conversion.ts";
import { readBody } from "../conversions/request-body.ts";
import { conversionTransactionId } from "../conversions/transaction-id.ts";
import type { TransactionLock } from "../conversions/transaction-lock.ts";
import { createApiKeyLookup } from "./api-key-cache.ts";
import { type ErrorAnswer, type InvalidInputAnswer, LEAD_API_ERRORS, type LeadApiError } from "./errors.ts";
import { formInput } from "./form-input.ts";
import { bodyHash, findAnswer, storeAnswer } from "./idempotency.ts";
import { loadLeadOffer } from "./lead-offer.ts";
import { type LeadRequest, parseLeadRequest, REQUEST_ID } from "./lead-request.ts";
import { createRateLimiter } from "./rate-limit.ts";

export interface LeadApiSettings {
  /** How long a key's owner is remembered (a revoked key works at most this long). */
  keyCacheSeconds: number;
  /** Requests per key per minute. */
  rateLimitPerMinute: number;
}

export const DEFAULT_LEAD_API_SETTINGS: LeadApiSettings = { keyCacheSeconds: 30, rateLimitPerMinute: 600 };

export const MAX_BODY_BYTES = 32 * 1024;

export interface LeadApiDeps {
  db: Db;
  redis: Redis;
  /** REDIS_KEY_PREFIX: every key this route names starts with it (see redis-clients.ts). */
  keyPrefix: string;
  logger: Logger;
  findClick: ClickLookup;
  record: ConversionRecorder;
  lock: TransactionLock;
  settings: LeadApiSettings;
}

function refuse(res: Response, error: LeadApiError, message: string, field?: string): void {
  const body: ErrorAnswer = { error, message, ...(field ? { field } : {}) };
  res.status(LEAD_API_ERRORS[error]).set("cache-control", "no-store").json(body);
}

function invalid(res: Response, fields: Record<string, string>): void {
  const body: InvalidInputAnswer = {
    error: "invalid_input",
    message: `invalid ${Object.keys(fields).join(", ")}`,
    fields,
  };
  res.status(422).set("cache-control", "no-store").json(body);
}

/** The 201 answer: the lead's id, our verdict on it and what it pays the publisher. */
export function leadAnswer(
  conversion: Pick<RecordedConversion, "id" | "status" | "statusReason" | "payout" | "currency">,
) {
  return {
    lead_id: conversion.id,
    status: conversion.status,
    ...(conversion.statusReason ? { reason: conversion.statusReason } : {}),
    // Minor units as a decimal string (like the GraphQL API's BigInt): never a float.
    payout: { amount: conversion.payout.toString(), currency: conversion.currency },
  };
}

export function registerLeadApiRoutes(app: Express, deps: LeadApiDeps): void {
  const { db, redis, logger, findClick, record, lock, settings } = deps;
  const lookupKey = createApiKeyLookup({
    redis,
    keyPrefix: deps.keyPrefix,
    db,
    ttlSeconds: settings.keyCacheSeconds,
  });
  const limit = createRateLimiter(redis, deps.keyPrefix, settings.rateLimitPerMinute);

  app.post("/v1/leads", async (req: Request, res: Response) => {
    try {
      await handle(req, res);
    } catch (error) {
      // PostgreSQL or Redis failed: the publisher retries with the same request id, which is safe.
      logger.error({ err: error }, "lead API request failed");
      if (res.headersSent) res.destroy();
      else refuse(res, "unavailable", "temporarily unavailable: retry with the same request id");
    }
  });

  async function handle(req: Request, res: Response): Promise<void> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const caller = token ? await lookupKey(token) : null;
    if (caller === null) {
      res.set("www-authenticate", 'Bearer realm="leads"');
      return refuse(
        res,
        "unauthorized",
        "send a valid API key as Authorization: Bearer lr_…",
        "Authorization",
      );
    }
    if (caller.role !== "PUBLISHER" || caller.publisherId === null) {
      return refuse(res, "forbidden", "the lead API takes keys of publisher accounts only", "Authorization");
    }
    const publisherId = caller.publisherId;
    const limited = await limit(caller.keyId);
    if (!limited.ok) {
      res.set("retry-after", String(limited.retryAfterSeconds));
      return refuse(
        res,
        "rate_limited",
        `more than ${settings.rateLimitPerMinute} requests a minute for this key`,
      );
    }

    const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") {
      return refuse(res, "unsupported_media_type", "send the lead as application/json", "Content-Type");
    }
    const read = await readBody(req, MAX_BODY_BYTES);
    if (!read.ok)
      return refuse(res, "payload_too_large", `the body must be at most ${MAX_BODY_BYTES} bytes`, "body");
    let body: unknown;
    try {
      body = JSON.parse(read.body.toString("utf8"));
    } catch {
      return refuse(res, "invalid_json", "the body is not valid JSON", "body");
    }
    const parsed = parseLeadRequest(body);
    if (!parsed.ok) return invalid(res, parsed.fields);
    const lead = parsed.request;

    const header = req.headers["idempotency-key"];
    const headerId = typeof header === "string" ? header : null;
    if (headerId !== null && !REQUEST_ID.test(headerId)) {
      return invalid(res, { "Idempotency-Key": "must be 1-200 printable characters without spaces" });
    }
    if (headerId !== null && lead.requestId !== null && headerId !== lead.requestId) {
      return invalid(res, { request_id: "differs from the Idempotency-Key header" });
    }
    const requestId = headerId ?? lead.requestId;
    const hash = bodyHash(body as Record<string, unknown>);

    if (requestId === null) return accept(res, publisherId, lead, null, hash);
    // One request id at a time per publisher: a retry racing the original waits for its answer.
    // (Offer 0 never exists: the lock's namespace for lead API request ids.)
    return lock(0, `lead-api:${publisherId}:${requestId}`, () =>
      accept(res, publisherId, lead, requestId, hash),
    );
  }

  async function accept(
    res: Response,
    publisherId: number,
    lead: LeadRequest,
    requestId: string | null,
    hash: string,
  ): Promise<void> {
    if (requestId !== null) {
      const stored = await findAnswer(db, publisherId, requestId);
      if (stored !== null) return replay(res, stored, hash);
    }

    const access = await offerAccess(db, lead.offerId, publisherId);
    if (access === "not_found")
      return refuse(res, "offer_not_found", "no offer with this id in your marketplace", "offer_id");
    if (access === "not_approved") {
      return refuse(res, "not_approved", "you are not approved for this offer: apply first", "offer_id");
    }
    const offer = await loadLeadOffer(db, lead.offerId);
    if (offer === null)
      return refuse(res, "offer_not_found", "no offer with this id in your marketplace", "offer_id");
    if (!offer.running) return refuse(res, "offer_not_active", "the offer is not running now", "offer_id");
    if (offer.form === null) {
      return invalid(res, { offer_id: "this offer takes no leads: it has no lead form" });
    }

    let click = null;
    if (lead.clickId !== null) {
      const clickId = normalizeClickId(lead.clickId);
      click = clickId === null ? null : await findClick(clickId);
      // Another publisher's click, another offer's, or none: one answer, so nothing is revealed.
      if (click === null || click.offerId !== offer.id || click.publisherId !== publisherId) {
        return invalid(res, { click_id: "no click of yours on this offer has this id" });
      }
    }

    const country = click?.country ?? (lead.ip === null ? null : sharedIpCountryDatabase().lookup(lead.ip));
    const checked = formInput(offer.form, lead, country);
    if (!checked.ok) return invalid(res, checked.fields);

    const at = new Date();
    const result = await record({
      offer: offer.terms,
      source: "LEAD_FORM",
      clickId: click?.id ?? null,
      click,
      // With a click: one lead per click, whichever way it comes (hosted form, widget or API).
      // Without: one per request id, so a retry whose answer was lost is the same lead.
      transactionId:
        click !== null
          ? conversionTransactionId({
              advertiserTransactionId: null,
              clickId: click.id,
              goal: "lead",
              kind: "lead",
            })
          : requestId !== null
            ? `api:${publisherId}:${createHash("sha256").update(requestId).digest("hex").slice(0, 32)}`
            : conversionTransactionId({
                advertiserTransactionId: null,
                clickId: null,
                goal: "lead",
                kind: "lead",
              }),
      goal: "lead",
      intent: null,
      saleAmount: offer.terms.payoutModel === "REVSHARE" ? 0n : null,
      lead: checked.lead(at),
      at,
      log: null,
      postedBy: {
        publisherId,
        country,
        isBot: lead.userAgent !== null && classifyUserAgent(lead.userAgent).isBot,
      },
      subs: lead.subs,
    });

    if (result.kind === "duplicate") {
      if (click !== null) {
        return refuse(
          res,
          "click_converted",
          `this click has a lead already (${result.conversionId})`,
          "click_id",
        );
      }
    }
    if (result.kind === "invalid" && result.reason === "publisher_suspended") {
      return refuse(res, "publisher_suspended", "the publisher account is suspended: no lead is recorded");
    }
    if (result.kind !== "recorded" && result.kind !== "duplicate") {
      throw new Error(`lead API: unexpected recorder result ${result.kind}`);
    }
    const conversion =
      result.kind === "recorded"
        ? result.conversion
        : await db.conversion.findUniqueOrThrow({
            where: { id: result.conversionId },
            select: { id: true, status: true, statusReason: true, payout: true, currency: true },
          });
    const answer = leadAnswer(conversion);
    logger.info({ offerId: offer.id, publisherId, status: conversion.status }, "lead API lead");
    if (requestId === null) {
      res.status(201).set("cache-control", "no-store").json(answer);
      return;
    }
    const stored = await storeAnswer(db, {
      publisherId,
      requestId,
      conversionId: conversion.id,
      bodyHash: hash,
      status: 201,
      answer,
    });
    return replay(res, stored, hash, false);
  }

  function replay(
    res: Response,
    stored: { bodyHash: string; status: number; answer: Record<string, unknown> },
    hash: string,
    replayed = true,
  ): void {
    if (stored.bodyHash !== hash) {
      refuse(
        res,
        "idempotency_conflict",
        "this request id was used for another lead: use a new request id for a new lead",
        "request_id",
      );
      return;
    }
    if (replayed) res.set("idempotent-replayed", "true");
    res.status(stored.status).set("cache-control", "no-store").json(stored.answer);
  }
}
