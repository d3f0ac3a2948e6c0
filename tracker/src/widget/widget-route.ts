// GET /w.js: the embeddable widget. Built once per process on the first request (widget-bundle.ts) and
// kept in memory; served gzipped to clients that accept it, with an ETag so a browser revalidates
// cheaply. The URL carries no version, so the cache lifetime is short enough for a deploy to reach
// visitors within the hour. No CORS headers: a <script> tag needs none.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { FastRoutes } from "../fast-routes.ts";
import { buildWidget, type WidgetBundle } from "./widget-bundle.ts";

const CACHE_CONTROL = "public, max-age=3600";

let shared: Promise<WidgetBundle> | undefined;

/** The process's one build; a failed build is forgotten so that the next request tries again. */
function widgetBundle(): Promise<WidgetBundle> {
  shared ??= buildWidget().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

export function registerWidgetRoute({ routes, logger }: { routes: FastRoutes; logger: Logger }): void {
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let bundle: WidgetBundle;
    try {
      bundle = await widgetBundle();
    } catch (error) {
      // Our fault, not the page's: 503 so caches and the page retry later, and the log says why.
      logger.error({ err: error }, "the widget could not be built");
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end("widget unavailable\n");
      return;
    }
    const headers = {
      "cache-control": CACHE_CONTROL,
      etag: bundle.etag,
      vary: "accept-encoding",
      "x-content-type-options": "nosniff",
    };
    if (req.headers["if-none-match"] === bundle.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    const body = gzip ? bundle.gzipped : bundle.code;
    res.writeHead(200, {
      ...headers,
      "content-type": "text/javascript; charset=utf-8",
      "content-length": body.length,
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  routes.exact("GET", "/w.js", serve);
  routes.exact("HEAD", "/w.js", serve);
}
