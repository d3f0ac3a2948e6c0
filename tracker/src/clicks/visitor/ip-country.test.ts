import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ipv4ToNumber, ipv6ToBigInt, loadIpCountryDatabase, sharedIpCountryDatabase } from "./ip-country.ts";

describe("address parsing", () => {
  it.each([
    ["0.0.0.0", 0],
    ["1.2.3.4", 0x01020304],
    ["255.255.255.255", 0xffffffff],
  ])("IPv4 %s", (ip, value) => {
    expect(ipv4ToNumber(ip)).toBe(value);
  });

  it.each([
    ["::", 0n],
    ["::1", 1n],
    ["2001:db8::", 0x20010db8n << 96n],
    ["2001:db8::1:0:0:1", (0x20010db8n << 96n) | (1n << 48n) | 1n],
    ["::ffff:1.2.3.4", 0xffff01020304n],
    ["fe80::1%eth0", (0xfe80n << 112n) | 1n],
    ["ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", (1n << 128n) - 1n],
  ])("IPv6 %s", (ip, value) => {
    expect(ipv6ToBigInt(ip)).toBe(value);
  });
});

describe("lookup on a small database", () => {
  const dir = mkdtempSync(join(tmpdir(), "ipdb-"));
  writeFileSync(
    join(dir, "geo-whois-asn-country-ipv4-num.csv"),
    [
      "16777216,16777471,AU",
      "16777472,16778239,CN",
      "3232235520,3232301055,zz",
      "4294967040,4294967295,XA",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "geo-whois-asn-country-ipv6-num.csv"),
    `${0x20010db8n << 96n},${(0x20010db8n << 96n) | ((1n << 96n) - 1n)},NL\n`,
  );
  const db = loadIpCountryDatabase(dir);

  it.each([
    ["1.0.0.0", "AU"],
    ["1.0.0.255", "AU"],
    ["1.0.1.0", "CN"],
    ["1.0.3.255", "CN"],
    ["1.0.4.0", null],
    ["0.255.255.255", null],
    ["192.168.1.1", null], // a lower-case code is not a country: the row is skipped
    ["255.255.255.255", "XA"],
    ["::ffff:1.0.1.7", "CN"],
    ["2001:db8::1", "NL"],
    ["2001:db9::", null],
    ["::1", null],
    ["not an ip", null],
    ["", null],
  ])("%s → %s", (ip, country) => {
    expect(db.lookup(ip)).toBe(country);
  });

  it("counts the ranges it loaded", () => {
    expect(db.ranges).toEqual({ v4: 3, v6: 1 });
  });
});

describe("the shipped database", () => {
  it("knows well-known addresses", () => {
    const db = sharedIpCountryDatabase();
    expect(db.ranges.v4).toBeGreaterThan(100_000);
    expect(db.lookup("8.8.8.8")).toBe("US");
    expect(db.lookup("193.0.6.139")).toBe("NL");
    expect(db.lookup("2001:67c:2e8:22::c100:68b")).toBe("NL");
    expect(db.lookup("127.0.0.1")).toBeNull();
    expect(db.lookup("10.0.0.1")).toBeNull();
  });
});
