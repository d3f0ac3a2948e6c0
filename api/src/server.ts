// Wires Yoga, health checks and the built dashboard onto one node:http handler (same origin, so the
// dashboard needs no CORS and its session token never leaves the API's host).
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientIp, type Db } from "@leadrail/db";
import {
  createReadiness,
  DEFAULT_READINESS_TIMEOUT_MS,
  postgresCheck,
  redisCheck,
} from "@leadrail/db/service/readiness";
import { createGraphQLError, createYoga, maskError, type Plugin } from "graphql-yoga";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import sirv from "sirv";
import { resolveViewer } from "./auth/viewer.ts";
import type { Context } from "./context.ts";
import { guardEmptySelects } from "./empty-select.ts";
import { DomainError } from "./errors.ts";
import { hardeningPlugins } from "./hardening.ts";
import { createLoaders } from "./loaders.ts";
import { handleExport, isExportPath } from "./payouts/export-csv.ts";
import { schema } from "./schema/index.ts";

export interface ApiOptions {
  db: Db;
  /** A client whose `keyPrefix` is the deployment's REDIS_KEY_PREFIX. */
  redis: Redis;
  /** The same prefix, for pub/sub channel names (ioredis does not prefix channels). */
  redisPrefix?: string;
  logger: Logger;
  dashboardDir?: string;
  sessionTtlHours?: number;
  production?: boolean;
  /** Base of publishers' tracking URLs; defaults to the local tracker. */
  trackerPublicUrl?: string;
  /** Reverse proxies in front of the API whose X-Forwarded-For entries are trusted (TRUST_PROXY). */
  trustProxyHops?: number;
  /** POSTBACK_ALLOW_PRIVATE_NETWORKS: postback templates may name non-public IP addresses. */
  allowPrivatePostbackTargets?: boolean;
  /** CORS_ORIGINS: cross-origin browser callers allowed; none by default. */
  corsOrigins?: readonly string[];
  /** A dependency that has not answered within this is reported as failed by /readyz. */
  readinessTimeoutMs?: number;
}

/**
 * Yoga's default CORS answers every Origin, with credentials. Here only the configured origins get
 * CORS headers (no credentials: the API reads a Bearer token, never a cookie); any other origin gets
 * none, so its page cannot read the answer.
 */
function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get("origin");
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      credentials: false,
      methods: ["GET", "POST"],
      allowedHeaders: ["authorization", "content-type"],
      maxAge: 600,
    };
  };
}

const varyByOrigin: Plugin = {
  onResponse({ response }) {
    response.headers.append("vary", "Origin");
  },
};

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createApi(options: ApiOptions): { handle: RequestHandler } {
  const { logger, redis } = options;
  const db = guardEmptySelects(options.db);
  const production = options.production ?? false;
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: !production,
    landingPage: false,
    plugins: [
      ...hardeningPlugins({ production }),
      // Answers differ by Origin once some origins get CORS headers and others none: caches must know.
      ...((options.corsOrigins ?? []).length > 0 ? [varyByOrigin] : []),
    ],
    cors: corsFor(options.corsOrigins ?? []),
    // Internal messages never reach clients: unexpected errors become "Unexpected error.". The one
    // translator at the edge: a DomainError thrown by a query (which has no typed error union) keeps
    // its message and says its code in `extensions.code`.
    maskedErrors: {
      maskError: (error, message, isDev) => {
        const original = (error as { originalError?: unknown }).originalError;
        if (original instanceof DomainError) {
          const located = error as { nodes?: never; path?: readonly (string | number)[] };
          return createGraphQLError(original.message, {
            nodes: located.nodes,
            path: located.path,
            extensions: { code: original.code },
          });
        }
        return maskError(error, message, production ? false : isDev);
      },
    },
    logging: {
      debug: (...args) => logger.debug(args),
      info: (...args) => logger.info(args),
      warn: (...args) => logger.warn(args),
      error: (...args) => logger.error(args),
    },
    context: async ({ request, req }) => {
      const viewer = await resolveViewer(db, request.headers.get("authorization"));
      return {
        db,
        viewer,
        sessionTtlHours: options.sessionTtlHours ?? 168,
        redis,
        redisPrefix: options.redisPrefix ?? "",
        trackerPublicUrl: (options.trackerPublicUrl ?? "http://localhost:4100").replace(/\/+$/, ""),
        clientIp: clientIp(req, options.trustProxyHops ?? 0) ?? "unknown",
        allowPrivatePostbackTargets: options.allowPrivatePostbackTargets ?? false,
        logger,
        loaders: createLoaders(db, viewer),
      };
    },
  });

  // Every dependency a request may need: sessions, rate limits and events live in Redis.
  const readiness = createReadiness({
    checks: { postgres: postgresCheck(db), redis: redisCheck(redis) },
    timeoutMs: options.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS,
    logger,
  });

  const dashboard =
    options.dashboardDir && existsSync(options.dashboardDir)
      ? sirv(options.dashboardDir, { single: true, etag: true, gzip: false })
      : null;

  const handle: RequestHandler = (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    if (path === "/readyz") {
      void readiness().then((answer) =>
        res
          .writeHead(answer.httpStatus, { "content-type": "application/json", "cache-control": "no-store" })
          .end(JSON.stringify(answer.body)),
      );
      return;
    }
    if (path?.startsWith("/graphql")) {
      void yoga(req, res, { req, res });
      return;
    }
    if (path && isExportPath(path)) {
      handleExport(db, logger, req, res).catch((error: unknown) => {
        logger.error({ err: error }, "export failed before streaming");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("internal error\n");
        else res.destroy();
      });
      return;
    }
    if (dashboard) {
      dashboard(req, res, () => {
        res.writeHead(404).end("not found");
      });
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found (dashboard not built)");
  };
  return { handle };
}
