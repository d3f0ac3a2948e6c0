import { EnvironmentError } from "@leadrail/db/service/environment";
import { describe, expect, it } from "vitest";
import { loadEnvironment as load } from "./environment.ts";

const connections = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/leadrail",
  REDIS_URL: "redis://127.0.0.1:6379",
};
const loadEnvironment = (source: Record<string, string>) => load({ ...connections, ...source });

function problemsOf(source: Record<string, string>): string[] {
  try {
    load(source);
  } catch (error) {
    if (error instanceof EnvironmentError) return error.problems;
    throw error;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("loadEnvironment", () => {
  // The tracker's rule too: an API that silently used localhost in production would lose sessions
  // and serve whatever database happens to answer there.
  it("has no default for the service URLs", () => {
    expect(problemsOf({})).toEqual(["DATABASE_URL is required", "REDIS_URL is required"]);
    expect(problemsOf({ DATABASE_URL: "", REDIS_URL: "" })).toEqual([
      "DATABASE_URL is required",
      "REDIS_URL is required",
    ]);
    const env = loadEnvironment({});
    expect(env.server.port).toBe(4000);
    expect(env.postgres.url).toBe(connections.DATABASE_URL);
    expect(env.redis).toEqual({ url: connections.REDIS_URL, keyPrefix: "" });
  });

  it("reports every bad value at once, in one line", () => {
    let message = "";
    try {
      load({ API_PORT: "70000", DATABASE_URL: "not a url", REDIS_URL: "http://r.example" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "invalid configuration: API_PORT must be at most 65535; DATABASE_URL must be a postgresql:// URL; " +
        "REDIS_URL must be a redis:// or rediss:// URL",
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
