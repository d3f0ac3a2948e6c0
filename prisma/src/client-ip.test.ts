import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip.ts";

function request(remoteAddress: string | undefined, forwarded?: string | string[]): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded },
  } as unknown as IncomingMessage;
}

describe("clientIp", () => {
  it.each([
    ["no proxy trusted: the socket", request("10.0.0.9", "6.6.6.6"), 0, "10.0.0.9"],
    ["one proxy: the last entry", request("10.0.0.9", "6.6.6.6, 1.2.3.4"), 1, "1.2.3.4"],
    [
      "two proxies: the second from the right",
      request("10.0.0.9", "6.6.6.6, 1.2.3.4, 10.0.0.5"),
      2,
      "1.2.3.4",
    ],
    ["IPv6 entry", request("10.0.0.9", "2001:db8::1"), 1, "2001:db8::1"],
    ["repeated headers are joined", request("10.0.0.9", ["6.6.6.6", "1.2.3.4"]), 1, "1.2.3.4"],
    ["fewer entries than proxies: the socket", request("10.0.0.9", "1.2.3.4"), 2, "10.0.0.9"],
    ["junk entry: the socket", request("10.0.0.9", "not-an-ip"), 1, "10.0.0.9"],
    ["header missing: the socket", request("10.0.0.9"), 1, "10.0.0.9"],
    ["absurd header: the socket", request("10.0.0.9", `${"1.1.1.1, ".repeat(300)}1.2.3.4`), 1, "10.0.0.9"],
    ["no socket address", request(undefined), 0, null],
  ])("%s", (_, req, hops, expected) => {
    expect(clientIp(req, hops)).toBe(expected);
  });
});
