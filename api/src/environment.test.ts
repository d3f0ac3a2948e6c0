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
