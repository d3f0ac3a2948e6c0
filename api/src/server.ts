// Wires Yoga, health checks and the built dashboard onto one node:http handler (same origin, so the
// dashboard needs no CORS and its session token never leaves the API's host).
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@leadrail/db";
import { createYoga } from "graphql-yoga";
import type { Logger } from "pino";
import sirv from "sirv";
import { resolveViewer } from "./auth/viewer.ts";
import type { Context } from "./context.ts";
import { handleExport, isExportPath } from "./payouts/export-csv.ts";
import { schema } from "./schema/index.ts";

export interface ApiOptions {
  db: Db;
  logger: Logger;
  dashboardDir?: string;
  sessionTtlHours?: number;
  production?: boolean;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createApi(options: ApiOptions): { handle: RequestHandler } {
  const { db, logger } = options;
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: !options.production,
    landingPage: false,
    // Internal messages never reach clients: unexpected errors become "Unexpected error.".
    maskedErrors: true,
    logging: {
      debug: (...args) => logger.debug(args),
      info: (...args) => logger.info(args),
      warn: (...args) => logger.warn(args),
      error: (...args) => logger.error(args),
    },
    context: async ({ request }) => ({
      db,
      viewer: await resolveViewer(db, request.headers.get("authorization")),
      sessionTtlHours: options.sessionTtlHours ?? 168,
    }),
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
      db.$queryRaw`select 1`.then(
        () => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}'),
        (error: unknown) => {
          logger.warn({ err: error }, "readiness: postgres unreachable");
          res.writeHead(503, { "content-type": "application/json" }).end('{"status":"postgres_unreachable"}');
        },
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
