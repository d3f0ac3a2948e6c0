// The tracker's HTTP surface, built by a function so tests can create several apps without listening.
//
// Requests first meet a plain node:http handler holding a small table of hot routes; everything else
// goes to an Express 5 app. Click redirects are the tracker's whole load, and the perf notes in the
// tracker issue measured Express's router and req/res decoration as the largest cost on that path,
// so hot routes skip it. Express keeps what is rare and benefits from middleware (readiness,
// metrics, later admin and postback endpoints) and the uniform 404 and error answers.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Db } from "@leadrail/db";
import {
  createReadiness,
  DEFAULT_READINESS_TIMEOUT_MS,
  postgresCheck,
  redisCheck,
} from "@leadrail/db/service/readiness";
import express, { type ErrorRequestHandler } from "express";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { collectDefaultMetrics, Registry } from "prom-client";
import { type ClickRouteDeps, registerClickRoutes } from "./clicks/click-route.ts";
import type { AuthFailureLimitSettings } from "./conversions/auth-failure-limit.ts";
import type { ConversionEvents } from "./conversions/record-conversion.ts";
import { registerConversionRoutes } from "./conversions/routes.ts";
import { createFastRoutes } from "./fast-routes.ts";
import type { LeadApiSettings } from "./lead-api/lead-api-route.ts";
import { registerWidgetRoute } from "./widget/widget-route.ts";

export interface TrackerDeps {
  redis: Redis;
  db: Db;
  logger: Logger;
  /** Defaults to a fresh registry with the default Node metrics: never prom-client's global one. */
  registry?: Registry;
  /**
   * What GET /metrics answers; `registry`'s own metrics unless given. A cluster worker passes the
   * whole tracker's, merged by the primary (cluster/metrics.ts).
   */
  readMetrics?: () => Promise<string>;
  /** A dependency that has not answered within this is reported as failed by /readyz. */
  readinessTimeoutMs?: number;
  /**
   * Redis for the conversion routes: an ordinary connection (offline queue on), without ioredis
   * keyPrefix like every tracker connection (see redis-clients.ts). Defaults to `redis`.
   */
  conversionRedis?: Redis;
  /**
   * REDIS_KEY_PREFIX, which starts every key name the app builds. Defaults to the click path's
   * (`clicks.keyPrefix`), else "" (an app without a click path whose client isolates its keys).
   */
  keyPrefix?: string;
  /** Publisher postbacks: told after each conversion is recorded or changes status. */
  conversionEvents?: ConversionEvents;
  /** Signs hosted lead-form tokens (LEAD_FORM_SECRET). */
  leadFormSecret?: string;
  /** Postbacks failing authentication per client address; unlimited when absent. */
  authFailureLimit?: AuthFailureLimitSettings;
  /** TRUST_PROXY for the conversion routes (the click path has its own copy in `clicks`). */
  trustProxyHops?: number;
  /** Keys the duplicate-lead hashes (IP_HASH_SECRET); defaults to the development key. */
  contactHashSecret?: string;
  /** The lead API's key cache and rate limit (LEAD_API_*); defaults when absent. */
  leadApi?: LeadApiSettings;
  /** The click path (clicks/click-path.ts builds it); without it /c/ answers 404. */
  clicks?: ClickRouteDeps;
}

export interface TrackerApp {
  /** The request listener: `http.createServer(app.handle)`. */
  handle: RequestListener;
  registry: Registry;
}

const jsonHeaders = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...jsonHeaders, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** 4xx errors raised by Express itself (http-errors) keep their status; anything else is our fault. */
function clientStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

/** One prefix for both halves of the app: a click path naming other keys than the conversions is a bug. */
function appKeyPrefix(deps: TrackerDeps): string {
  const clicks = deps.clicks?.keyPrefix;
  if (deps.keyPrefix !== undefined && clicks !== undefined && deps.keyPrefix !== clicks) {
    throw new Error("the click path and the conversion routes must use the same REDIS_KEY_PREFIX");
  }
  return deps.keyPrefix ?? clicks ?? "";
}

export function createTrackerApp(deps: TrackerDeps): TrackerApp {
  const { redis, db, logger, readinessTimeoutMs = DEFAULT_READINESS_TIMEOUT_MS } = deps;
  const registry = deps.registry ?? new Registry();
  if (!deps.registry) collectDefaultMetrics({ register: registry });

  // Keep each fast handler free of Express types.
  const fastRoutes = createFastRoutes();
  // Probed every few seconds by every load balancer: no reason to pay for the router.
  fastRoutes.exact("GET", "/healthz", (_req, res) => sendJson(res, 200, { status: "ok" }));
  const onFastRouteError = (error: unknown, req: IncomingMessage, res: ServerResponse) => {
    logger.error({ err: error, method: req.method, path: pathOf(req.url) }, "request failed");
    if (res.headersSent) res.destroy();
    else sendJson(res, 500, { error: "internal_error" });
  };
  if (deps.clicks)
    registerClickRoutes({ routes: fastRoutes, ...deps.clicks, onRouteError: onFastRouteError });
  // Loaded by every page that embeds a form: the fast path too.
  registerWidgetRoute({ routes: fastRoutes, logger });

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  const readiness = createReadiness({
    checks: { redis: redisCheck(redis), postgres: postgresCheck(db) },
    timeoutMs: readinessTimeoutMs,
    logger,
  });
  app.get("/readyz", async (_req, res) => {
    const answer = await readiness();
    res.status(answer.httpStatus).set("cache-control", "no-store").json(answer.body);
  });

  const readMetrics = deps.readMetrics ?? (() => registry.metrics());
  app.get("/metrics", async (_req, res) => {
    const body = await readMetrics();
    res.set("content-type", registry.contentType).send(body);
  });

  registerConversionRoutes({
    app,
    ...deps,
    redis: deps.conversionRedis ?? deps.redis,
    keyPrefix: appKeyPrefix(deps),
  });

  app.use((_req, res) => {
    res.status(404).json({ error: "not_found" });
  });

  // Bodies never carry error details: they can hold SQL, keys or stack traces. The log has them.
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const status = clientStatus(error) ?? 500;
    // Path only: click query strings carry affiliate sub-ids and sometimes personal data.
    if (status === 500) logger.error({ err: error, method: req.method, path: req.path }, "request failed");
    else logger.debug({ err: error, method: req.method, path: req.path }, "request rejected");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json({ error: status === 500 ? "internal_error" : "bad_request" });
  };
  app.use(onError);

  const handle: RequestListener = (req, res) => {
    const route = fastRoutes.match(req.method, pathOf(req.url));
    if (route === undefined) {
      app(req, res);
      return;
    }
    try {
      const done = route(req, res);
      if (done instanceof Promise) done.catch((error: unknown) => onFastRouteError(error, req, res));
    } catch (error) {
      onFastRouteError(error, req, res);
    }
  };

  return { handle, registry };
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
