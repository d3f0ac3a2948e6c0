// GET|POST /postback (server-to-server) and GET /pixel (image pixel): parse, find the offer,
// authenticate against its advertiser, validate against the offer, record. Every request that reaches
// here leaves one row in the postback log (inbound_postbacks) saying what happened and why.
//
// HTTP answers (docs/advertiser-guide.md, "Answers"):
//   200 recorded | duplicate | updated, and rejected-as-recorded (the conversion exists with status
//       REJECTED and its reason: no_click, click_expired, cap_reached...; retrying cannot change it);
//   400 unreadable input; 401 no credentials; 403 wrong token or signature, or a suspended
//   advertiser or publisher account; 404 unknown offer;
//   409 a status change that is not allowed; 413 body too large; 415 body type; 422 input that
//   contradicts the offer (currency, missing sale amount); 429 too many failed authentications from
//   this address (auth-failure-limit.ts); 503 we could not decide (retry).
// The pixel answers the same outcome as a 1x1 GIF with X-Leadrail-Outcome / X-Leadrail-Reason headers.
import type { ConversionSource, Db } from "@leadrail/db";
import { clientIp, currencyExponent } from "@leadrail/db";
import type { Request, Response } from "express";
import type { Logger } from "pino";
import { QUALITY_SELECT } from "../quality/lead-quality.ts";
import type { AuthFailureLimiter } from "./auth-failure-limit.ts";
import type { ClickLookup } from "./click-lookup.ts";
import { normalizeClickId } from "./click-lookup.ts";
import type { ConversionStore, LogEntry } from "./conversion-store.ts";
import { queryOf } from "./form-encoding.ts";
import { parseDecimalToMinor } from "./money.ts";
import { readPostbackParams } from "./postback-params.ts";
import { readPostbackRequest } from "./postback-request.ts";
import type { ConversionOffer, ConversionRecorder, ConversionResult } from "./record-conversion.ts";
import { pixelToken, secretsEqual, signatureMatches } from "./signatures.ts";
import { conversionTransactionId } from "./transaction-id.ts";

export interface PostbackRouteDeps {
  db: Db;
  logger: Logger;
  store: ConversionStore;
  findClick: ClickLookup;
  record: ConversionRecorder;
  /** Limits (and stops logging) postbacks that fail authentication; none when absent. */
  authFailures?: AuthFailureLimiter;
  /** TRUST_PROXY: which address the limiter counts. */
  trustProxyHops?: number;
}

export interface Answer {
  http: number;
  body: { status: string; reason?: string; message?: string; [key: string]: unknown };
  /** Seconds, for a Retry-After header. */
  retryAfter?: number;
}

/**
 * Every reason a postback is refused, with its HTTP status and the words the sender reads: the one
 * table the answers come from (the header comment above groups it by status).
 */
const REFUSALS = {
  invalid_encoding: { http: 400, message: "the request is not valid UTF-8 / percent-encoding" },
  invalid_characters: {
    http: 400,
    message: "a parameter contains control characters (such as CR, LF, TAB or NUL)",
  },
  repeated_param: { http: 400, message: "a parameter is given more than once" },
  too_many_params: { http: 400, message: "too many parameters" },
  param_too_long: { http: 400, message: "a parameter is too long" },
  body_too_large: { http: 413, message: "the body is larger than 16 KiB" },
  unsupported_media_type: {
    http: 415,
    message: "POST bodies must be application/x-www-form-urlencoded or application/json",
  },
  invalid_json: { http: 400, message: "the JSON body must be one flat object of strings and numbers" },
  signature_requires_post: {
    http: 400,
    message: "X-Leadrail-Signature signs a POST body; use token= for GET",
  },
  unsigned_query: {
    http: 400,
    message: "with X-Leadrail-Signature every parameter must be in the signed body",
  },
  missing_credentials: {
    http: 401,
    message: "send token=<postback secret> or an X-Leadrail-Signature header",
  },
  offer_id_required: { http: 400, message: "send offer_id (or a click id we know)" },
  offer_not_found: { http: 404, message: "no such offer" },
  invalid_token: { http: 403, message: "the token is not this offer's advertiser's" },
  invalid_signature: { http: 403, message: "the signature does not match the body" },
  advertiser_suspended: { http: 403, message: "the advertiser account is suspended" },
  publisher_suspended: {
    http: 403,
    message: "the click's publisher account is suspended: no conversion is recorded",
  },
  currency_mismatch: { http: 422, message: "currency differs from the offer's currency" },
  invalid_amount: { http: 400, message: "the amount must be a non-negative decimal number like 12.50" },
  missing_click_id: {
    http: 400,
    message: "send the click id (click_id, clickid, cid, subid, cnv_id or transaction_id)",
  },
  amount_required: {
    http: 422,
    message: "this revenue-share offer needs the sale amount (payout, amount, sum or revenue)",
  },
  invalid_transition: { http: 409, message: "the conversion's status cannot change that way" },
  temporarily_unavailable: { http: 503, message: "the postback could not be processed; retry later" },
  rate_limited: {
    http: 429,
    message: "too many postbacks from this address failed authentication; try again later",
  },
} as const satisfies Record<string, { http: number; message: string }>;

export type RefusalReason = keyof typeof REFUSALS;

const AUTH_FAILURES = new Set(["missing_credentials", "invalid_token", "invalid_signature"]);

const OFFER_SELECT = {
  id: true,
  advertiserId: true,
  currency: true,
  payoutModel: true,
  defaultPayout: true,
  defaultRevenue: true,
  payoutShareBps: true,
  revenueShareBps: true,
  confirmationMode: true,
  attributionWindowHours: true,
  ...QUALITY_SELECT,
  advertiser: { select: { status: true, postbackSecret: true } },
} as const;

function describeResult(result: Exclude<ConversionResult, { kind: "invalid" }>): Answer {
  switch (result.kind) {
    case "recorded": {
      const c = result.conversion;
      if (c.status === "REJECTED") {
        return {
          http: 200,
          body: {
            status: "rejected",
            reason: c.statusReason ?? "rejected",
            conversion_id: c.id,
            transaction_id: c.transactionId,
          },
        };
      }
      return {
        http: 200,
        body: {
          status: "recorded",
          conversion_id: c.id,
          conversion_status: c.status.toLowerCase(),
          transaction_id: c.transactionId,
        },
      };
    }
    case "duplicate":
      return {
        http: 200,
        body: {
          status: "duplicate",
          conversion_id: result.conversionId,
          conversion_status: result.status.toLowerCase(),
        },
      };
    case "updated":
      return {
        http: 200,
        body: {
          status: "updated",
          conversion_id: result.conversionId,
          previous_status: result.from.toLowerCase(),
          conversion_status: result.to.toLowerCase(),
        },
      };
    case "invalid_transition":
      return {
        http: REFUSALS.invalid_transition.http,
        body: {
          status: "rejected",
          reason: "invalid_transition",
          message: REFUSALS.invalid_transition.message,
          conversion_id: result.conversionId,
          conversion_status: result.status.toLowerCase(),
        },
      };
  }
}

const UNAVAILABLE: Answer = {
  http: REFUSALS.temporarily_unavailable.http,
  body: {
    status: "rejected",
    reason: "temporarily_unavailable",
    message: REFUSALS.temporarily_unavailable.message,
  },
};

type Channel = Extract<ConversionSource, "POSTBACK" | "PIXEL">;

export function createPostbackProcessor(deps: PostbackRouteDeps) {
  const { db, logger, store, findClick, record } = deps;

  // Why 503 and not 500: the advertiser's tracker retries on 5xx, and a retry is what we want when
  // Redis or PostgreSQL blinked. Nothing half-written stays behind (each write is one statement); the
  // failed attempt is logged too when PostgreSQL still answers.
  return async function processPostback(req: Request, channel: Channel): Promise<Answer> {
    const read = await readPostbackRequest(req, queryOf(req.originalUrl));
    const log: LogEntry = {
      receivedAt: new Date(),
      advertiserId: null,
      offerId: null,
      channel,
      method: req.method,
      params: read.logParams,
      clickId: null,
      transactionId: null,
    };
    try {
      return await decide(req, channel, read, log);
    } catch (error) {
      logger.error({ err: error, path: req.path, channel }, "postback failed");
      await store.writeLog(log, "rejected", "temporarily_unavailable", null).catch(() => undefined);
      return UNAVAILABLE;
    }
  };

  async function decide(
    req: Request,
    channel: Channel,
    read: Awaited<ReturnType<typeof readPostbackRequest>>,
    log: LogEntry,
  ): Promise<Answer> {
    const refuse = async (reason: RefusalReason): Promise<Answer> => {
      if (AUTH_FAILURES.has(reason) && deps.authFailures) {
        const verdict = await deps.authFailures.hit(clientIp(req, deps.trustProxyHops ?? 0) ?? "unknown");
        if (verdict !== "log") {
          if (verdict === "summary") await store.writeLog(log, "rejected", "rate_limited", null);
          return {
            http: REFUSALS.rate_limited.http,
            body: { status: "rejected", reason: "rate_limited", message: REFUSALS.rate_limited.message },
            retryAfter: 60,
          };
        }
      }
      await store.writeLog(log, "rejected", reason, null);
      const { http, message } = REFUSALS[reason];
      return { http, body: { status: "rejected", reason, message } };
    };

    if (!read.result.ok) {
      const { reason, param } = read.result;
      const answer = await refuse(reason);
      // Which parameter, when known: the sender can then find it in their template.
      return param === undefined ? answer : { ...answer, body: { ...answer.body, param } };
    }
    const parsed = readPostbackParams(read.result.params);
    if (!parsed.ok) {
      await store.writeLog(log, "rejected", parsed.reason, null);
      return {
        http: 400,
        body: { status: "rejected", reason: parsed.reason, message: parsed.message, param: parsed.param },
      };
    }
    const p = parsed.params;
    log.clickId = p.clickId;
    log.transactionId = p.transactionId;

    // The offer is looked up before the credentials are checked only so that a refused postback is
    // logged where its advertiser can see it ("why don't my numbers match?").
    let offerId = p.offerId;
    // Looked up here only when the offer must come from it; the recorder then reuses it.
    const click = offerId === null && p.clickId !== null ? await findClick(p.clickId) : undefined;
    if (offerId === null) offerId = click?.offerId ?? null;
    const found =
      offerId === null ? null : await db.offer.findUnique({ where: { id: offerId }, select: OFFER_SELECT });
    if (found !== null) {
      log.offerId = found.id;
      log.advertiserId = found.advertiserId;
    }

    // Pixels are token-only: a browser cannot sign. A signed POST must carry everything in the body,
    // or an intercepted request could be replayed with other query parameters.
    const signature = channel === "POSTBACK" ? req.get("x-leadrail-signature") : undefined;
    if (signature !== undefined) {
      if (req.method !== "POST") return refuse("signature_requires_post");
      if (read.queryCount > 0) return refuse("unsigned_query");
    } else if (p.token === null) {
      return refuse("missing_credentials");
    }
    if (offerId === null) return refuse("offer_id_required");
    if (found === null) return refuse("offer_not_found");
    const { advertiser, ...offer } = found;
    const conversionOffer: ConversionOffer = offer;

    const secret = advertiser.postbackSecret;
    if (signature !== undefined) {
      if (!signatureMatches(signature, read.body ?? Buffer.alloc(0), secret))
        return refuse("invalid_signature");
    } else {
      const expected = channel === "PIXEL" ? pixelToken(secret, offer.id) : secret;
      if (!secretsEqual(p.token ?? "", expected)) return refuse("invalid_token");
    }
    if (advertiser.status !== "ACTIVE") return refuse("advertiser_suspended");

    // One conversion, one currency: without exchange rates an amount in another currency cannot be
    // turned into this offer's money, so it is refused rather than misread.
    if (p.currency !== null && p.currency !== offer.currency) return refuse("currency_mismatch");
    let saleAmount: bigint | null = null;
    if (p.amount !== null) {
      const amount = parseDecimalToMinor(p.amount, currencyExponent(offer.currency));
      if (!amount.ok) return refuse("invalid_amount");
      saleAmount = amount.minor;
    }

    // A status update may name only the transaction; a new conversion needs its click.
    if (p.clickId === null) {
      if (p.transactionId === null) return refuse("missing_click_id");
      if ((await store.findByTransaction(offer.id, p.transactionId)) === null)
        return refuse("missing_click_id");
    }
    const transactionId = conversionTransactionId({
      advertiserTransactionId: p.transactionId,
      clickId: normalizeClickId(p.clickId) ?? p.clickId,
      goal: p.goal,
      kind: "click",
    });
    log.transactionId = transactionId;

    const result = await record({
      offer: conversionOffer,
      source: channel,
      clickId: p.clickId,
      ...(click !== undefined ? { click } : {}),
      transactionId,
      goal: p.goal,
      intent: p.status,
      saleAmount,
      lead: null,
      at: log.receivedAt,
      log,
    });
    if (result.kind === "invalid") return refuse(result.reason);
    return describeResult(result);
  }
}

// A transparent 1x1 GIF.
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

export function sendGif(res: Response, answer: Answer | null): void {
  res.status(200).set({
    "content-type": "image/gif",
    "cache-control": "no-store, max-age=0",
    "content-length": String(GIF.length),
  });
  if (answer) {
    res.set("x-leadrail-outcome", answer.body.status);
    if (answer.body.reason) res.set("x-leadrail-reason", answer.body.reason);
  }
  res.end(GIF);
}

export function registerPostbackRoutes(app: import("express").Express, deps: PostbackRouteDeps): void {
  const processPostback = createPostbackProcessor(deps);
  // Reading the request itself can fail (a client that hangs up mid-body).
  async function run(req: Request, channel: Channel): Promise<Answer> {
    try {
      return await processPostback(req, channel);
    } catch (error) {
      deps.logger.warn({ err: error, path: req.path, channel }, "postback request failed");
      return UNAVAILABLE;
    }
  }

  // HEAD is what link checkers and previewers send: it must not record anything.
  app.head("/postback", (_req, res) => {
    res.status(405).set("allow", "GET, POST").end();
  });
  app.head("/pixel", (_req, res) => sendGif(res, null));

  const postback = async (req: Request, res: Response) => {
    const answer = await run(req, "POSTBACK");
    if (answer.retryAfter !== undefined) res.set("retry-after", String(answer.retryAfter));
    res.status(answer.http).set("cache-control", "no-store").json(answer.body);
  };
  app.get("/postback", postback);
  app.post("/postback", postback);
  app.get("/pixel", async (req, res) => sendGif(res, await run(req, "PIXEL")));
}
