import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  EnvironmentError,
  emptyAsUnset,
  parseEnvironment,
  portField,
  postgresModel,
  redisModel,
  sharedServerFields,
} from "./environment.ts";

const models = {
  server: z.object({ PORT: portField(8080), LOG_LEVEL: sharedServerFields.LOG_LEVEL }),
  postgres: postgresModel,
  redis: redisModel,
};
const connections = { DATABASE_URL: "postgresql://db/x", REDIS_URL: "redis://r:6379" };

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof EnvironmentError) return error.problems;
    throw error;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("parseEnvironment", () => {
  it("returns each concern's values, with defaults and empty strings as unset", () => {
    expect(parseEnvironment({ ...connections, PORT: "", LOG_LEVEL: "debug" }, models)).toEqual({
      server: { PORT: 8080, LOG_LEVEL: "debug" },
      postgres: { DATABASE_URL: "postgresql://db/x" },
      redis: { REDIS_URL: "redis://r:6379", REDIS_KEY_PREFIX: "" },
    });
  });

  it("reports every problem of every concern at once, in words an operator can act on", () => {
    expect(problemsOf(() => parseEnvironment({ PORT: "70000", LOG_LEVEL: "loud" }, models))).toEqual([
      "PORT must be at most 65535",
      "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
      "DATABASE_URL is required",
      "REDIS_URL is required",
    ]);
    expect(problemsOf(() => parseEnvironment({ ...connections, PORT: "1.5" }, models))).toEqual([
      "PORT must be a whole number",
    ]);
    expect(problemsOf(() => parseEnvironment({ ...connections, PORT: "http" }, models))).toEqual([
      "PORT must be a number",
    ]);
  });

  it("keeps a field's own message", () => {
    const custom = { a: z.object({ NAME: emptyAsUnset(z.string().regex(/^x+$/, "must be all x")) }) };
    expect(problemsOf(() => parseEnvironment({ NAME: "y" }, custom))).toEqual(["NAME must be all x"]);
    expect(problemsOf(() => parseEnvironment({ DATABASE_URL: "mysql://db/x" }, { postgresModel }))).toEqual([
      "DATABASE_URL must be a postgresql:// URL",
    ]);
  });

  it("reports cross-setting problems together with the models' own", () => {
    const problems = problemsOf(() =>
      parseEnvironment({ PORT: "0", LOG_LEVEL: "debug" }, models, ({ server, redis }) => [
        ...(server === undefined ? ["server failed"] : []),
        ...(redis === undefined ? ["redis failed"] : []),
        "SECRET is required in production",
      ]),
    );
    expect(problems).toEqual([
      "PORT must be at least 1",
      "DATABASE_URL is required",
      "REDIS_URL is required",
      "server failed",
      "redis failed",
      "SECRET is required in production",
    ]);
  });

  it("says everything in one line", () => {
    expect(new EnvironmentError(["A is required", "B must be a number"]).message).toBe(
      "invalid configuration: A is required; B must be a number",
    );
  });
});
