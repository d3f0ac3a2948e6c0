import { describe, expect, it } from "vitest";
import { isIpLiteral, nonPublicAddressReason } from "./public-address.ts";

describe("nonPublicAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback address"],
    ["127.255.0.9", "loopback address"],
    ["10.0.0.1", "private address"],
    ["172.16.5.4", "private address"],
    ["192.168.1.1", "private address"],
    ["169.254.169.254", "link-local address"],
    ["100.64.0.1", "carrier-grade NAT address"],
    ["224.0.0.251", "multicast address"],
    ["0.0.0.0", "unspecified address"],
    ["255.255.255.255", "broadcast address"],
    ["::1", "loopback address"],
    ["[::1]", "loopback address"],
    ["::", "unspecified address"],
    ["fd00::1", "unique local (IPv6 ULA) address"],
    ["fe80::1", "link-local address"],
    ["fe80::1%eth0", "link-local address"],
    ["ff02::1", "multicast address"],
    // IPv4-mapped IPv6 is judged as the IPv4 address it carries.
    ["::ffff:127.0.0.1", "loopback address"],
    ["[::ffff:a9fe:a9fe]", "link-local address"],
    ["::ffff:10.0.0.1", "private address"],
    // Prefixes that embed IPv4 addresses of their own.
    ["2002:7f00:1::", "6to4 address"],
    ["64:ff9b::a00:1", "NAT64 address"],
    // Legacy IPv4 spellings mean the same address.
    ["2130706433", "loopback address"],
    ["0x7f.1", "loopback address"],
    ["example.com", "not an IP address"],
  ])("%s → %s", (address, reason) => {
    expect(nonPublicAddressReason(address)).toBe(reason);
  });

  it.each([
    "8.8.8.8",
    "93.184.215.14",
    "2606:4700:4700::1111",
    "[2a00:1450:4001:82a::200e]",
    "::ffff:8.8.8.8",
  ])("%s is public", (address) => {
    expect(nonPublicAddressReason(address)).toBeNull();
  });
});

describe("isIpLiteral", () => {
  it.each([
    ["127.0.0.1", true],
    ["[::1]", true],
    ["::1", true],
    ["localhost", false],
    ["example.com", false],
  ])("%s → %s", (host, expected) => {
    expect(isIpLiteral(host)).toBe(expected);
  });
});
