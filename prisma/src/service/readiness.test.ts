import { describe, expect, it } from "vitest";
import { createReadiness } from "./readiness.ts";

const warnings: object[] = [];
const logger = { warn: (details: object) => warnings.push(details) };

describe("createReadiness", () => {
  it("answers 200 when every dependency answers", async () => {
    const readiness = createReadiness({
      checks: { postgres: async () => 1, redis: async () => "PONG" },
      timeoutMs: 1000,
      logger,
    });
    expect(await readiness()).toEqual({
      httpStatus: 200,
      body: { status: "ok", checks: { postgres: "ok", redis: "ok" } },
    });
  });

  it("answers 503 naming each dependency that failed, threw or did not answer in time", async () => {
    const readiness = createReadiness({
      checks: {
        postgres: async () => 1,
        redis: () => new Promise(() => {}),
        queue: () => Promise.reject(new Error("password=hunter2")),
        cache: () => {
          throw new Error("not connected");
        },
      },
      timeoutMs: 50,
      logger,
    });
    const answer = await readiness();
    expect(answer).toEqual({
      httpStatus: 503,
      body: {
        status: "unavailable",
        checks: { postgres: "ok", redis: "failed", queue: "failed", cache: "failed" },
      },
    });
    // The reason is logged, never answered.
    expect(JSON.stringify(answer)).not.toContain("hunter2");
    expect(warnings).toContainEqual(expect.objectContaining({ dependency: "redis" }));
  });
});
