// Which IP addresses an outgoing request on someone else's behalf may reach. Publishers give us URLs
// that the tracker calls (postbacks): without this rule a template pointing at 127.0.0.1, a private
// network or the cloud metadata address (169.254.169.254) would make the tracker probe our own
// infrastructure for them. Shared by the tracker (each delivery, after DNS) and the API (templates
// whose host is an IP literal are refused when saved).
//
// Allow-list, not deny-list: ipaddr.js names every special-purpose range (IANA registries), and only
// plain "unicast" addresses pass. IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address
// it carries; 6to4, Teredo and NAT64 prefixes embed IPv4 addresses of their own and are refused.
import ipaddr from "ipaddr.js";

/** null when `address` (an IP literal, IPv6 with or without brackets) is a public unicast address. */
export function nonPublicAddressReason(address: string): string | null {
  const literal = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  // A zone id (fe80::1%eth0) only exists on link-local addresses.
  if (literal.includes("%")) return "link-local address";
  if (!ipaddr.isValid(literal)) return "not an IP address";
  // ipaddr.parse also reads the legacy forms 0x7f.1, 017700000001 and 2130706433 as IPv4 addresses,
  // as inet_aton and WHATWG URL parsing do: judged as what they mean, never by their spelling.
  let parsed = ipaddr.parse(literal);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return range === "unicast" ? null : `${RANGE_NAMES[range] ?? range} address`;
}

/** True when `host` (a URL's hostname) is an IP literal; names need DNS before they can be judged. */
export function isIpLiteral(host: string): boolean {
  const literal = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return ipaddr.isValid(literal);
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT",
  private: "private",
  reserved: "reserved",
  uniqueLocal: "unique local (IPv6 ULA)",
  ipv4Mapped: "IPv4-mapped",
  rfc6145: "IPv4-translated",
  rfc6052: "NAT64",
  "6to4": "6to4",
  teredo: "Teredo",
  benchmarking: "benchmarking",
  amt: "AMT",
  as112: "AS112",
  as112v6: "AS112",
  deprecated: "deprecated",
  orchid2: "ORCHIDv2",
  droneRemoteIdProtocolEntityTags: "DRIP",
};
