import { describe, expect, it } from "vitest";
import { loadEnvironment } from "./environment.ts";

describe("loadEnvironment", () => {
  it("defaults to the local services", () => {
    const env = loadEnvironment({});
    expect(env.server.port).toBe(4000);
    expect(env.postgres.url).toBe("postgresql://postgres@127.0.0.1:5432/leadrail");
    expect(env.redis.url).toBe("redis://127.0.0.1:6379");
  });

  it("reports every bad value at once", () => {
    expect(() => loadEnvironment({ API_PORT: "70000", DATABASE_URL: "not a url" })).toThrow(
      /API_PORT[\s\S]*DATABASE_URL/,
    );
  });
});

describe("tracker URL and proxy", () => {
  it("defaults to the local tracker and an untrusted proxy", () => {
    const env = loadEnvironment({});
    expect(env.server.trackerPublicUrl).toBe("http://localhost:4100");
    expect(env.server.trustProxyHops).toBe(0);
  });

  it("refuses a tracker URL that is not http(s)", () => {
    expect(() => loadEnvironment({ TRACKER_PUBLIC_URL: "ftp://t.example" })).toThrow(/TRACKER_PUBLIC_URL/);
    expect(
      loadEnvironment({ TRACKER_PUBLIC_URL: "https://t.example", TRUST_PROXY: "2" }).server,
    ).toMatchObject({
      trackerPublicUrl: "https://t.example",
      trustProxyHops: 2,
    });
  });
});

describe("private postback targets", () => {
  it("are refused unless POSTBACK_ALLOW_PRIVATE_NETWORKS says otherwise", () => {
    expect(loadEnvironment({}).server.allowPrivatePostbackTargets).toBe(false);
    expect(
      loadEnvironment({ POSTBACK_ALLOW_PRIVATE_NETWORKS: "true" }).server.allowPrivatePostbackTargets,
    ).toBe(true);
    expect(loadEnvironment({ POSTBACK_ALLOW_PRIVATE_NETWORKS: "0" }).server.allowPrivatePostbackTargets).toBe(
      false,
    );
    expect(() => loadEnvironment({ POSTBACK_ALLOW_PRIVATE_NETWORKS: "yes" })).toThrow(
      /POSTBACK_ALLOW_PRIVATE_NETWORKS/,
    );
  });
});

describe("CORS origins", () => {
  it("are none by default (the dashboard is same-origin)", () => {
    expect(loadEnvironment({}).server.corsOrigins).toEqual([]);
  });

  it("are a comma-separated list of origins", () => {
    expect(
      loadEnvironment({ CORS_ORIGINS: "https://app.example.com, http://localhost:5173" }).server.corsOrigins,
    ).toEqual(["https://app.example.com", "http://localhost:5173"]);
  });

  it.each([
    "*",
    "app.example.com",
    "https://app.example.com/",
    "https://app.example.com/path",
    "ftp://x.example",
  ])("refuse %j", (value) => {
    expect(() => loadEnvironment({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
  });
});
