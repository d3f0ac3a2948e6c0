// GET /c/:code — the tracker's hot path, served from the node:http fast path (no Express).
//
// parse (4xx on junk, nothing written) → link config from the in-process cache → visitor facts (UA,
// country, IP hash) → verdict (targeting.ts) → landing URL (landing-url.ts) → the click event into
// Redis (click-recorder.ts, group commit) → 302 to the offer, or for a rejected click the offer's
// fallback URL (302) or a small 404 page.
//
// Redis unavailable: we FAIL CLOSED with 503 + Retry-After and a page that reloads itself. A click
// here is money: a conversion is paid only if its click is on record, so a redirect we cannot record
// sends a visitor whose lead nobody can be paid for, and the publisher's numbers stop matching the
// advertiser's. Dub redirects anyway because its clicks are analytics; ours are attribution. The
// self-reloading page keeps most visitors through a short outage (the browser retries the same click),
// and /readyz reports Redis down so a load balancer can steer traffic to a healthy tracker meanwhile.
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientIp, mintId } from "@leadrail/db";
import { type RejectReason, rejectReason } from "@leadrail/db/click-targeting";
import { fillLandingUrl } from "@leadrail/db/landing-url";
import type { LinkConfig } from "@leadrail/db/link-config";
import type { SubId } from "@leadrail/db/macros";
import type { Logger } from "pino";
import type { FastRoutes } from "../fast-routes.ts";
import { clickFraud } from "../quality/click-signals.ts";
import type { ClickRecord } from "../tracking/click-record.ts";
import type { ClickMetrics } from "./click-metrics.ts";
import type { ClickRecorder, RecordCallback } from "./click-recorder.ts";
import { type ClickRequest, parseClickRequest } from "./click-request.ts";
import type { LinkConfigCache } from "./config-cache.ts";
import { BAD_REQUEST_PAGE, NOT_FOUND_PAGE, RETRY_AFTER_SECONDS, UNAVAILABLE_PAGE } from "./pages.ts";
import type { IpCountryDatabase } from "./visitor/ip-country.ts";
import { MAX_UA_LENGTH, type UserAgentClassifier } from "./visitor/user-agent.ts";

export interface ClickRouteDeps {
  cache: LinkConfigCache;
  recorder: ClickRecorder;
  userAgents: UserAgentClassifier;
  geo: IpCountryDatabase;
  hashIp: (ip: string) => string;
  keyPrefix: string;
  trustProxyHops: number;
  /** Lower-case header name, or null. */
  trustedCountryHeader: string | null;
  metrics: ClickMetrics;
  logger: Logger;
  /** How the fast path answers a route that throws (app.ts): logged, then 500 or a cut connection. */
  onRouteError?: (error: unknown, req: IncomingMessage, res: ServerResponse) => void;
}

const MAX_REFERRER_LENGTH = 2048;
const STORED_REFERRER_LENGTH = 500;
const MAX_HINT_LENGTH = 64;

const noStore = "no-store, max-age=0";

function sendHtml(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": noStore,
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { location, "cache-control": noStore, "content-length": 0 });
  res.end();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Origin and path only: a referrer's query string can carry search terms and personal data. */
function referrerOf(raw: string | undefined): string | null {
  if (raw === undefined || raw.length > MAX_REFERRER_LENGTH) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return `${url.origin}${url.pathname}`.slice(0, STORED_REFERRER_LENGTH);
  } catch {
    return null;
  }
}

// Cloudflare sends XX for unknown and T1 for Tor: neither is a country to target.
const COUNTRY = /^[A-Z]{2}$/;
const NOT_COUNTRIES = new Set(["XX", "T1"]);

export function createClickRoute(deps: ClickRouteDeps) {
  const { cache, recorder, userAgents, geo, hashIp, metrics, logger } = deps;

  const countryOf = (req: IncomingMessage, ip: string | null): string | null => {
    if (deps.trustedCountryHeader !== null) {
      const value = header(req, deps.trustedCountryHeader)?.toUpperCase();
      if (value !== undefined && COUNTRY.test(value) && !NOT_COUNTRIES.has(value)) return value;
    }
    return ip === null ? null : geo.lookup(ip);
  };

  const refuse = (res: ServerResponse, status: number, error: string, started: bigint) => {
    metrics.invalid.inc({ error });
    sendHtml(res, status, BAD_REQUEST_PAGE);
    observe(status, started);
  };

  // Label children resolved once: a labelled observe hashes its labels on every call.
  const durations = new Map(
    [302, 400, 404, 414, 431, 503].map((s) => [s, metrics.redirectSeconds.labels(String(s))] as const),
  );
  const acceptedClicks = metrics.clicks.labels("accepted", "");
  const observe = (status: number, started: bigint) => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    (durations.get(status) ?? metrics.redirectSeconds.labels(String(status))).observe(seconds);
  };

  // The recorder calls back outside the route's own call, so the fast path's catch (app.ts) cannot see
  // an answer that throws: the callback hands its error to the same handler.
  const guarded =
    (req: IncomingMessage, res: ServerResponse, answerClick: RecordCallback): RecordCallback =>
    (error, isUnique) => {
      try {
        answerClick(error, isUnique);
      } catch (thrown) {
        if (!deps.onRouteError) throw thrown;
        deps.onRouteError(thrown, req, res);
      }
    };

  const unavailable = (res: ServerResponse, why: string, started: bigint) => {
    metrics.notRecorded.inc({ why });
    sendHtml(res, 503, UNAVAILABLE_PAGE, { "retry-after": String(RETRY_AFTER_SECONDS) });
    observe(503, started);
  };

  /** The click once its link configuration is known: no promise on the way (see click-recorder.ts). */
  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    request: ClickRequest,
    config: LinkConfig | null,
    ua: string | undefined,
    hints: { mobile: string | undefined; platform: string | undefined },
    started: bigint,
  ): void => {
    const ip = clientIp(req, deps.trustProxyHops);
    const agent = userAgents.classify(ua, hints);
    const fraud = clickFraud({
      userAgent: ua,
      acceptLanguage: header(req, "accept-language"),
      isBot: agent.isBot,
    });
    const country = countryOf(req, ip);
    const ipHash = ip === null ? null : hashIp(ip);
    const createdAt = Date.now();
    const id = mintId(new Date(createdAt));
    const subs: Partial<Record<SubId, string>> = config
      ? { ...config.defaultSubs, ...request.subs }
      : request.subs;

    let reason: RejectReason | null = rejectReason(config, { country, deviceType: agent.deviceType });
    let location: string | null = null;
    if (reason === null && config?.hostedFormKey) {
      // The offer's hosted form on this tracker (relative: the visitor stays on the host they clicked).
      location = `/form/${encodeURIComponent(config.hostedFormKey)}?click_id=${id}`;
    } else if (reason === null && config?.landing) {
      location = fillLandingUrl(config.landing, {
        clickId: id,
        offerId: config.offerId,
        publisherId: config.publisherId,
        subs,
        source: request.source,
        passThrough: request.passThrough,
      });
      if (location === null) reason = "invalid_landing_url";
    }

    const click: Omit<ClickRecord, "isUnique"> = {
      id,
      createdAt,
      status: reason === null ? "ACCEPTED" : "REJECTED",
      rejectReason: reason,
      linkId: config?.linkId ?? null,
      offerId: config?.offerId ?? null,
      publisherId: config?.publisherId ?? null,
      subs,
      source: request.source,
      country,
      deviceType: agent.deviceType,
      os: agent.os,
      browser: agent.browser,
      referrer: referrerOf(header(req, "referer")),
      ipHash,
      isBot: fraud.isBot,
      fraudReason: fraud.fraudReason,
    };

    if (reason === null && location !== null && config !== null) {
      const redirectTo = location;
      // A bot is never a unique visitor: it is counted as a click and a bot click, and sets no key.
      const uniqueKey = fraud.isBot
        ? null
        : `${deps.keyPrefix}clicks:unique:${config.linkId}:${ipHash ?? "-"}:${agent.uaHash}`;
      recorder.record(
        { kind: "accepted", click, uniqueKey },
        guarded(req, res, (error) => {
          // Counted by reason, not logged per click: an outage would flood the log.
          if (error !== null) return unavailable(res, error.why, started);
          acceptedClicks.inc();
          redirect(res, redirectTo);
          observe(302, started);
        }),
      );
      return;
    }
    // Unique is about visitors sent to an offer: a rejected click never counts as one.
    recorder.record(
      { kind: "rejected", click: { ...click, isUnique: false } },
      guarded(req, res, (error) => {
        if (error !== null) return unavailable(res, error.why, started);
        metrics.clicks.inc({ status: "rejected", reason: reason ?? "" });
        logger.debug({ code: request.code, reason }, "click rejected");
        if (config?.fallbackUrl) {
          redirect(res, config.fallbackUrl);
          return observe(302, started);
        }
        sendHtml(res, 404, NOT_FOUND_PAGE);
        observe(404, started);
      }),
    );
  };

  return function handleClick(req: IncomingMessage, res: ServerResponse): void | Promise<void> {
    const started = process.hrtime.bigint();
    const parsed = parseClickRequest(req.url ?? "/");
    if (!parsed.ok) return refuse(res, parsed.status, parsed.error, started);
    const { request } = parsed;

    const ua = header(req, "user-agent");
    if (ua !== undefined && ua.length > MAX_UA_LENGTH)
      return refuse(res, 431, "user_agent_too_long", started);
    const hints = { mobile: header(req, "sec-ch-ua-mobile"), platform: header(req, "sec-ch-ua-platform") };
    if ((hints.mobile?.length ?? 0) > MAX_HINT_LENGTH || (hints.platform?.length ?? 0) > MAX_HINT_LENGTH) {
      return refuse(res, 431, "client_hint_too_long", started);
    }

    const cached = cache.cached(request.code);
    if (cached !== undefined) return answer(req, res, request, cached, ua, hints, started);
    return cache.get(request.code).then(
      (config) => answer(req, res, request, config, ua, hints, started),
      (error: unknown) => {
        // PostgreSQL is away and the link is not cached: we cannot tell where the click should go.
        logger.error({ err: error, code: request.code }, "link configuration unavailable");
        unavailable(res, "config_unavailable", started);
      },
    );
  };
}

/** Mounts GET /c/:code on the fast path. */
export function registerClickRoutes({ routes, ...deps }: ClickRouteDeps & { routes: FastRoutes }): void {
  routes.prefix("GET", "/c/", createClickRoute(deps));
}
