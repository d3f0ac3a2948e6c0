// The routing table of the node:http fast path (see app.ts): exact `METHOD /path` matches first, then
// path prefixes (`GET /c/` for click codes). Handlers take plain node:http objects, no Express.
import type { IncomingMessage, ServerResponse } from "node:http";

export type FastRoute = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FastRoutes {
  exact(method: string, path: string, route: FastRoute): void;
  /** Every path starting with `prefix` (which should end with `/`). */
  prefix(method: string, prefix: string, route: FastRoute): void;
  match(method: string | undefined, path: string): FastRoute | undefined;
}

export function createFastRoutes(): FastRoutes {
  const exact = new Map<string, FastRoute>();
  const prefixes: { method: string; prefix: string; route: FastRoute }[] = [];
  return {
    exact(method, path, route) {
      exact.set(`${method} ${path}`, route);
    },
    prefix(method, prefix, route) {
      prefixes.push({ method, prefix, route });
    },
    match(method, path) {
      const hit = exact.get(`${method} ${path}`);
      if (hit !== undefined) return hit;
      for (const p of prefixes) if (p.method === method && path.startsWith(p.prefix)) return p.route;
      return undefined;
    },
  };
}
