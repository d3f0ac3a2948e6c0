// The caller's IP address (the tracker's visitors, the API's login rate limit). The socket's peer is the truth unless we sit behind proxies we trust:
// with TRUST_PROXY=n, the n-th address from the right of X-Forwarded-For is the one the outermost
// trusted proxy saw connecting (entries further left are whatever the visitor chose to send).
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** Headers beyond this are junk; the visitor is then identified by the socket alone. */
const MAX_FORWARDED_LENGTH = 2048;

export function clientIp(req: IncomingMessage, trustProxyHops: number): string | null {
  const socketIp = req.socket.remoteAddress ?? null;
  if (trustProxyHops === 0) return socketIp;
  const header = req.headers["x-forwarded-for"];
  const forwarded = Array.isArray(header) ? header.join(",") : header;
  if (forwarded === undefined || forwarded.length > MAX_FORWARDED_LENGTH) return socketIp;
  const hops = forwarded.split(",").map((part) => part.trim());
  const candidate = hops[hops.length - trustProxyHops];
  return candidate !== undefined && isIP(candidate) !== 0 ? candidate : socketIp;
}
