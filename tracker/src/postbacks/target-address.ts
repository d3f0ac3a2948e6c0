// Where a publisher postback may connect: the SSRF guard. A publisher writes the URL, so without it
// a template naming 127.0.0.1, an internal host name or 169.254.169.254 (cloud metadata) would make
// the tracker call our own infrastructure on the publisher's behalf.
//
// Every address the name resolves to is checked (a name with one public and one private address is
// refused: the connection could pick either), and the connection is then made to the checked address
// itself (send() pins it), so a DNS answer that changes between the check and the connection (DNS
// rebinding) cannot slip a private address in.
import { lookup } from "node:dns/promises";
import { isIpLiteral, nonPublicAddressReason } from "@leadrail/db";

export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

export type TargetAddress =
  | { kind: "ok"; pinned: PinnedAddress }
  /** A private, loopback, link-local... address: refused for good. */
  | { kind: "blocked"; reason: string }
  /** DNS did not answer usefully: may work later. */
  | { kind: "unresolved"; reason: string };

export type LookupAll = (hostname: string) => Promise<PinnedAddress[]>;

const lookupAll: LookupAll = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
};

/**
 * `hostname` as URL.hostname gives it (IPv6 literals in brackets). `allowPrivate` turns the check
 * off (POSTBACK_ALLOW_PRIVATE_NETWORKS: tests and private deployments); the address is pinned anyway.
 */
export async function targetAddress(
  hostname: string,
  allowPrivate: boolean,
  resolve: LookupAll = lookupAll,
): Promise<TargetAddress> {
  if (isIpLiteral(hostname)) {
    const literal = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
    const reason = allowPrivate ? null : nonPublicAddressReason(literal);
    if (reason) return { kind: "blocked", reason: `${literal} is a ${reason}` };
    return { kind: "ok", pinned: { address: literal, family: literal.includes(":") ? 6 : 4 } };
  }
  let addresses: PinnedAddress[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    return { kind: "unresolved", reason: `DNS lookup of ${hostname} failed (${code})` };
  }
  const [first] = addresses;
  if (!first) return { kind: "unresolved", reason: `DNS lookup of ${hostname} found no address` };
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const reason = nonPublicAddressReason(address);
      if (reason) return { kind: "blocked", reason: `${hostname} resolves to ${address}, a ${reason}` };
    }
  }
  return { kind: "ok", pinned: first };
}
