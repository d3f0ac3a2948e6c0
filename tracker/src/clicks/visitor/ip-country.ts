// Country of an IP address from an offline database, loaded once per process into sorted typed arrays
// and searched by bisection (a lookup is a few hundred nanoseconds; no I/O on the click path).
//
// Data: @ip-location-db/geo-whois-asn-country (package CC0-1.0; the data is derived from the RIRs'
// WHOIS and ASN data, CC BY 4.0 by the NRO — attribution in docs/configuration.md). Ranges are country-level
// only, which is all targeting needs. IPv4 and IPv6; an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`,
// what a dual-stack socket reports) is looked up as IPv4.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isIPv4, isIPv6 } from "node:net";
import { dirname, join } from "node:path";

export interface IpCountryDatabase {
  /** ISO 3166-1 alpha-2, upper case; null for private, reserved or unlisted addresses. */
  lookup(ip: string): string | null;
  readonly ranges: { v4: number; v6: number };
}

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("@ip-location-db/geo-whois-asn-country/package.json"));
}

const unpackCountry = (packed: number) => String.fromCharCode(packed >> 8, packed & 0xff);

/** Calls `row` for each line `start,end,CC` (decimal numbers, sorted by start, as the package ships them). */
function eachRow(text: string, row: (start: string, end: string, country: number) => void): void {
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    const a = text.indexOf(",", at);
    const b = a === -1 ? -1 : text.indexOf(",", a + 1);
    if (b !== -1 && b + 2 < end + 1) {
      const c0 = text.charCodeAt(b + 1);
      const c1 = text.charCodeAt(b + 2);
      // Upper-case letters only: anything else is not a country code.
      if (c0 >= 65 && c0 <= 90 && c1 >= 65 && c1 <= 90)
        row(text.slice(at, a), text.slice(a + 1, b), (c0 << 8) | c1);
    }
    at = end + 1;
  }
}

function countLines(text: string): number {
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count += 1;
  return count;
}

export function ipv4ToNumber(ip: string): number {
  const parts = ip.split(".");
  return (
    ((Number(parts[0]) << 24) >>> 0) + (Number(parts[1]) << 16) + (Number(parts[2]) << 8) + Number(parts[3])
  );
}

/** 128-bit value of a valid IPv6 address (caller checked it with isIPv6). */
export function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  const zone = text.indexOf("%");
  if (zone !== -1) text = text.slice(0, zone);
  // A trailing dotted IPv4 part counts as two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = ipv4ToNumber(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...tailGroups];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  return value;
}

const V4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export function loadIpCountryDatabase(dir: string = packageDir()): IpCountryDatabase {
  const v4Text = readFileSync(join(dir, "geo-whois-asn-country-ipv4-num.csv"), "latin1");
  const v4Capacity = countLines(v4Text);
  const v4Start = new Uint32Array(v4Capacity);
  const v4End = new Uint32Array(v4Capacity);
  const v4Country = new Uint16Array(v4Capacity);
  let v4Count = 0;
  eachRow(v4Text, (start, end, country) => {
    v4Start[v4Count] = Number(start);
    v4End[v4Count] = Number(end);
    v4Country[v4Count] = country;
    v4Count += 1;
  });

  // 128-bit bounds kept as high and low 64-bit halves: BigInt arrays are compact and comparable.
  const v6Text = readFileSync(join(dir, "geo-whois-asn-country-ipv6-num.csv"), "latin1");
  const v6Capacity = countLines(v6Text);
  const v6StartHi = new BigUint64Array(v6Capacity);
  const v6StartLo = new BigUint64Array(v6Capacity);
  const v6EndHi = new BigUint64Array(v6Capacity);
  const v6EndLo = new BigUint64Array(v6Capacity);
  const v6Country = new Uint16Array(v6Capacity);
  const mask = (1n << 64n) - 1n;
  let v6Count = 0;
  eachRow(v6Text, (start, end, country) => {
    const s = BigInt(start);
    const e = BigInt(end);
    v6StartHi[v6Count] = s >> 64n;
    v6StartLo[v6Count] = s & mask;
    v6EndHi[v6Count] = e >> 64n;
    v6EndLo[v6Count] = e & mask;
    v6Country[v6Count] = country;
    v6Count += 1;
  });

  const lookupV4 = (value: number): string | null => {
    // Last range whose start <= value.
    let lo = 0;
    let hi = v4Count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((v4Start[mid] as number) <= value) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found !== -1 && value <= (v4End[found] as number)
      ? unpackCountry(v4Country[found] as number)
      : null;
  };

  const lookupV6 = (value: bigint): string | null => {
    const vHi = value >> 64n;
    const vLo = value & mask;
    const le = (aHi: bigint, aLo: bigint, bHi: bigint, bLo: bigint) =>
      aHi < bHi || (aHi === bHi && aLo <= bLo);
    let lo = 0;
    let hi = v6Count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (le(v6StartHi[mid] as bigint, v6StartLo[mid] as bigint, vHi, vLo)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found !== -1 && le(vHi, vLo, v6EndHi[found] as bigint, v6EndLo[found] as bigint)
      ? unpackCountry(v6Country[found] as number)
      : null;
  };

  return {
    ranges: { v4: v4Count, v6: v6Count },
    lookup(ip) {
      if (isIPv4(ip)) return lookupV4(ipv4ToNumber(ip));
      const mapped = V4_MAPPED.exec(ip);
      if (mapped?.[1]) return lookupV4(ipv4ToNumber(mapped[1]));
      if (isIPv6(ip)) return lookupV6(ipv6ToBigInt(ip));
      return null;
    },
  };
}

let shared: IpCountryDatabase | undefined;

/** The process-wide copy (loading takes a few hundred milliseconds and ~10 MB; do it once). */
export function sharedIpCountryDatabase(): IpCountryDatabase {
  shared ??= loadIpCountryDatabase();
  return shared;
}
