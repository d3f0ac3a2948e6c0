// Mounts the conversion endpoints on the tracker's Express app: /postback, /pixel, lead capture
// (/form/:key, /f/:code, /r/:token) and the publishers' lead API /v1/leads. Called once from
// createTrackerApp, before its 404 handler.
import { randomBytes } from "node:crypto";
import { createCapCounters, type Db } from "@leadrail/db";
import type { Express } from "express";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { registerCaptureRoutes } from "../capture/capture-routes.ts";
import { createFormStore } from "../capture/form-store.ts";
import { createFormRateLimit } from "../capture/rate-limit.ts";
import { registerRewardRoute } from "../capture/reward-route.ts";
import { createLeadSubmitter } from "../capture/submit-lead.ts";
import { DEV_IP_HASH_SECRET } from "../environment.ts";
import {
  DEFAULT_LEAD_API_SETTINGS,
  type LeadApiSettings,
  registerLeadApiRoutes,
} from "../lead-api/lead-api-route.ts";
import { createLeadQualityCheck } from "../quality/lead-quality.ts";
import { type AuthFailureLimitSettings, createAuthFailureLimiter } from "./auth-failure-limit.ts";
import { createClickLookup } from "./click-lookup.ts";
import { createConversionStore } from "./conversion-store.ts";
import { registerPostbackRoutes } from "./postback-route.ts";
import { type ConversionEvents, createConversionRecorder } from "./record-conversion.ts";
import { createTransactionLock } from "./transaction-lock.ts";

export interface ConversionRouteDeps {
  app: Express;
  /** An ordinary connection without ioredis keyPrefix (see redis-clients.ts). */
  redis: Redis;
  /** REDIS_KEY_PREFIX: every key these routes name starts with it. */
  keyPrefix: string;
  db: Db;
  logger: Logger;
  /** Told about every recorded conversion and status change (publisher postbacks); optional. */
  conversionEvents?: ConversionEvents;
  /**
   * Signs hosted lead-form tokens (LEAD_FORM_SECRET); every instance behind one load balancer needs
   * the same. Without one, a random per-process secret is used (fine for one instance and tests).
   */
  leadFormSecret?: string;
  /** Postbacks failing authentication per client address (see auth-failure-limit.ts); unlimited when absent. */
  authFailureLimit?: AuthFailureLimitSettings;
  /** TRUST_PROXY, for the client address the limit counts. */
  trustProxyHops?: number;
  /**
   * Keys the duplicate-lead hashes of e-mails and phones (the tracker passes IP_HASH_SECRET). It must
   * stay the same across restarts and instances, or duplicates go unnoticed.
   */
  contactHashSecret?: string;
  /** The lead API's key cache and rate limit (LEAD_API_*); defaults when absent. */
  leadApi?: LeadApiSettings;
}

export function registerConversionRoutes(deps: ConversionRouteDeps): void {
  const { app, redis, db, logger, keyPrefix } = deps;
  const store = createConversionStore(db);
  const findClick = createClickLookup({ redis, db, keyPrefix });
  const lock = createTransactionLock(redis, keyPrefix);
  const record = createConversionRecorder({
    db,
    store,
    findClick,
    caps: createCapCounters({ redis, db }),
    lock,
    quality: createLeadQualityCheck({ db, secret: deps.contactHashSecret ?? DEV_IP_HASH_SECRET }),
    events: deps.conversionEvents ?? null,
    logger,
    keyPrefix,
  });
  const authFailures = deps.authFailureLimit
    ? createAuthFailureLimiter(redis, keyPrefix, deps.authFailureLimit, logger)
    : undefined;
  registerPostbackRoutes(app, {
    db,
    logger,
    store,
    findClick,
    record,
    authFailures,
    trustProxyHops: deps.trustProxyHops,
  });
  // Lead capture (../capture): the hosted form, the widget's JSON, chat mode, reward links.
  const formSecret = deps.leadFormSecret ?? randomBytes(32).toString("hex");
  const submit = createLeadSubmitter({
    db,
    logger,
    findClick,
    record,
    rateLimit: createFormRateLimit(redis, keyPrefix, deps.contactHashSecret ?? DEV_IP_HASH_SECRET),
    secret: formSecret,
  });
  registerLeadApiRoutes(app, {
    db,
    redis,
    keyPrefix,
    logger,
    findClick,
    record,
    lock,
    settings: deps.leadApi ?? DEFAULT_LEAD_API_SETTINGS,
  });
  registerCaptureRoutes(app, {
    db,
    logger,
    forms: createFormStore(db),
    submit,
    secret: formSecret,
    trustProxyHops: deps.trustProxyHops,
  });
  registerRewardRoute(app, { db, logger, secret: formSecret });
}
