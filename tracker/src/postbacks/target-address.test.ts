import { describe, expect, it } from "vitest";
import { type LookupAll, targetAddress } from "./target-address.ts";

const dns =
  (answers: Record<string, string[]>): LookupAll =>
  async (hostname) => {
    const found = answers[hostname];
    if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("targetAddress", () => {
  const world = dns({
    "pub.example": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "rebind.example": ["93.184.215.14", "10.0.0.7"],
    "internal.example": ["169.254.169.254"],
    "empty.example": [],
  });

  it("pins the first address of a name whose every address is public", async () => {
    expect(await targetAddress("pub.example", false, world)).toEqual({
      kind: "ok",
      pinned: { address: "93.184.215.14", family: 4 },
    });
  });

  it.each([
    ["127.0.0.1", "127.0.0.1 is a loopback address"],
    ["10.0.0.1", "10.0.0.1 is a private address"],
    ["169.254.169.254", "169.254.169.254 is a link-local address"],
    ["[::1]", "::1 is a loopback address"],
    ["[::ffff:7f00:1]", "::ffff:7f00:1 is a loopback address"],
  ])("blocks the IP literal %s without asking DNS", async (host, reason) => {
    expect(await targetAddress(host, false, dns({}))).toEqual({ kind: "blocked", reason });
  });

  it("blocks a name when any of its addresses is not public", async () => {
    expect(await targetAddress("rebind.example", false, world)).toEqual({
      kind: "blocked",
      reason: "rebind.example resolves to 10.0.0.7, a private address",
    });
    expect(await targetAddress("internal.example", false, world)).toMatchObject({ kind: "blocked" });
  });

  it("reports DNS failures as unresolved (worth a retry), not blocked", async () => {
    expect(await targetAddress("nowhere.example", false, world)).toEqual({
      kind: "unresolved",
      reason: "DNS lookup of nowhere.example failed (ENOTFOUND)",
    });
    expect(await targetAddress("empty.example", false, world)).toMatchObject({ kind: "unresolved" });
  });

  it("allows private targets when told to, still pinning the address", async () => {
    expect(await targetAddress("[::1]", true, dns({}))).toEqual({
      kind: "ok",
      pinned: { address: "::1", family: 6 },
    });
    expect(await targetAddress("internal.example", true, world)).toEqual({
      kind: "ok",
      pinned: { address: "169.254.169.254", family: 4 },
    });
  });
});
