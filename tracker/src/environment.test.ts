import { availableParallelism, hostname } from "node:os";
import { EnvironmentError } from "@leadrail/db/service/environment";
import { describe, expect, it } from "vitest";
import { DEV_IP_HASH_SECRET, loadEnvironment } from "./environment.ts";

const connections = {
  REDIS_URL: "redis://127.0.0.1:6379",
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/leadrail",
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    loadEnvironment(source);
  } catch (error) {
    if (error instanceof EnvironmentError) return error.problems;
    throw error;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("loadEnvironment", () => {
  it("fills in defaults around the connection URLs", () => {
    expect(loadEnvironment(connections)).toEqual({
      server: { port: 4100, workers: 1, host: "0.0.0.0", logLevel: "info", nodeEnv: "development" },
      redis: { url: "redis://127.0.0.1:6379", keyPrefix: "" },
      postgres: { url: "postgresql://postgres@127.0.0.1:5432/leadrail" },
      conversions: {
        leadFormSecret: null,
        authFailureLimit: { limit: 30, windowSeconds: 60 },
        leadApi: { keyCacheSeconds: 30, rateLimitPerMinute: 600 },
        leadApiRequestRetentionDays: 7,
      },
      postbacks: {
        worker: true,
        attempts: 5,
        backoffMs: 2000,
        timeoutMs: 5000,
        concurrency: 10,
        allowPrivateNetworks: false,
        relayIntervalMs: 1000,
      },
      leadDelivery: {
        worker: true,
        attempts: 10,
        backoffMs: 2000,
        timeoutMs: 10_000,
        concurrency: 10,
        smtpUrl: null,
        mailFrom: "Leadrail <leads@localhost>",
      },
      clicks: {
        trustProxyHops: 0,
        trustedCountryHeader: null,
        ipHashSecret: DEV_IP_HASH_SECRET,
        configCacheTtlMs: 60_000,
        negativeCacheTtlMs: 10_000,
        uaCacheSize: 10_000,
        writeTimeoutMs: 2000,
        maxPending: 20_000,
        maxInFlight: 1,
      },
      writer: {
        consumer: `${hostname()}-${process.pid}`,
        batchSize: 500,
        blockMs: 1000,
        claimIdleMs: 30_000,
        lingerMs: 100,
        metricsPort: null,
        velocity: { perIp: 30, perLink: 10 },
      },
    });
  });

  it("reads the click and writer settings", () => {
    const env = loadEnvironment({
      ...connections,
      TRUST_PROXY: "2",
      TRUSTED_COUNTRY_HEADER: "CF-IPCountry",
      IP_HASH_SECRET: "a-long-enough-secret",
      CONFIG_CACHE_TTL_SECONDS: "5",
      NEGATIVE_CACHE_TTL_SECONDS: "1",
      UA_CACHE_SIZE: "100",
      CLICK_WRITE_TIMEOUT_MS: "500",
      CLICK_MAX_PENDING: "10",
      CLICK_MAX_IN_FLIGHT: "4",
      WRITER_CONSUMER: "writer-1",
      WRITER_BATCH_SIZE: "50",
      WRITER_BLOCK_MS: "100",
      WRITER_CLAIM_IDLE_MS: "2000",
      WRITER_LINGER_MS: "0",
      WRITER_METRICS_PORT: "4102",
      VELOCITY_IP_PER_MINUTE: "60",
      VELOCITY_LINK_PER_MINUTE: "5",
    });
    expect(env.clicks).toEqual({
      trustProxyHops: 2,
      trustedCountryHeader: "cf-ipcountry",
      ipHashSecret: "a-long-enough-secret",
      configCacheTtlMs: 5000,
      negativeCacheTtlMs: 1000,
      uaCacheSize: 100,
      writeTimeoutMs: 500,
      maxPending: 10,
      maxInFlight: 4,
    });
    expect(env.writer).toEqual({
      consumer: "writer-1",
      batchSize: 50,
      blockMs: 100,
      claimIdleMs: 2000,
      lingerMs: 0,
      metricsPort: 4102,
      velocity: { perIp: 60, perLink: 5 },
    });
  });

  it("refuses the development IP hash secret in production, and bad click settings", () => {
    expect(problemsOf({ ...connections, NODE_ENV: "production", LEAD_FORM_SECRET: "x".repeat(32) })).toEqual([
      "IP_HASH_SECRET must be set in production",
    ]);
    expect(
      problemsOf({
        ...connections,
        TRUST_PROXY: "-1",
        TRUSTED_COUNTRY_HEADER: "bad header",
        IP_HASH_SECRET: "short",
        WRITER_CONSUMER: "a b",
        WRITER_BATCH_SIZE: "0",
      }),
    ).toEqual([
      expect.stringMatching(/^TRUST_PROXY /),
      expect.stringMatching(/^TRUSTED_COUNTRY_HEADER /),
      expect.stringMatching(/^IP_HASH_SECRET /),
      expect.stringMatching(/^WRITER_CONSUMER /),
      expect.stringMatching(/^WRITER_BATCH_SIZE /),
    ]);
  });

  it("reads the given values and treats empty strings as unset", () => {
    const env = loadEnvironment({
      ...connections,
      TRACKER_PORT: "8080",
      HOST: "",
      LOG_LEVEL: "debug",
      NODE_ENV: "production",
      REDIS_KEY_PREFIX: "lr:",
      LEAD_FORM_SECRET: "x".repeat(32),
      IP_HASH_SECRET: "production-secret-value",
    });
    expect(env.server).toEqual({
      port: 8080,
      workers: 1,
      host: "0.0.0.0",
      logLevel: "debug",
      nodeEnv: "production",
    });
    expect(env.redis.keyPrefix).toBe("lr:");
  });

  it("reports every problem at once, naming the variable", () => {
    const problems = problemsOf({ TRACKER_PORT: "http", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x/y" });
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^TRACKER_PORT /),
        expect.stringMatching(/^LOG_LEVEL /),
        "REDIS_URL is required",
        "DATABASE_URL must be a postgresql:// URL",
      ]),
    );
  });

  it("reads the number of HTTP workers: a whole number, or auto for one per usable CPU", () => {
    const workers = (value: string) =>
      loadEnvironment({ ...connections, TRACKER_WORKERS: value }).server.workers;
    expect(workers("1")).toBe(1);
    expect(workers("4")).toBe(4);
    expect(workers("64")).toBe(64);
    expect(workers("")).toBe(1);
    expect(workers("auto")).toBe(availableParallelism());
    for (const bad of ["0", "-2", "1.5", "65", "two", "AUTO"]) {
      expect(problemsOf({ ...connections, TRACKER_WORKERS: bad }), bad).toEqual([
        "TRACKER_WORKERS must be a whole number from 1 to 64, or auto",
      ]);
    }
  });

  it("rejects a port out of range", () => {
    expect(problemsOf({ ...connections, TRACKER_PORT: "70000" })).toEqual([
      "TRACKER_PORT must be at most 65535",
    ]);
  });

  it("reads the conversion settings", () => {
    const env = loadEnvironment({
      ...connections,
      LEAD_FORM_SECRET: "s".repeat(40),
      POSTBACK_WORKER: "false",
      POSTBACK_ATTEMPTS: "3",
      POSTBACK_BACKOFF_MS: "500",
      POSTBACK_TIMEOUT_MS: "2000",
      POSTBACK_CONCURRENCY: "4",
      POSTBACK_ALLOW_PRIVATE_NETWORKS: "true",
      POSTBACK_RELAY_INTERVAL_MS: "250",
      POSTBACK_AUTH_FAILURE_LIMIT: "5",
      POSTBACK_AUTH_FAILURE_WINDOW_SECONDS: "600",
      LEAD_API_KEY_CACHE_SECONDS: "5",
      LEAD_API_RATE_LIMIT_PER_MINUTE: "100",
      LEAD_API_REQUEST_RETENTION_DAYS: "30",
    });
    expect(env.conversions).toEqual({
      leadFormSecret: "s".repeat(40),
      authFailureLimit: { limit: 5, windowSeconds: 600 },
      leadApi: { keyCacheSeconds: 5, rateLimitPerMinute: 100 },
      leadApiRequestRetentionDays: 30,
    });
    expect(env.postbacks).toEqual({
      worker: false,
      attempts: 3,
      backoffMs: 500,
      timeoutMs: 2000,
      concurrency: 4,
      allowPrivateNetworks: true,
      relayIntervalMs: 250,
    });
  });

  it("reads the lead delivery settings and refuses a SMTP_URL that is not smtp(s)://", () => {
    const env = loadEnvironment({
      ...connections,
      LEAD_DELIVERY_WORKER: "0",
      LEAD_DELIVERY_ATTEMPTS: "4",
      LEAD_DELIVERY_BACKOFF_MS: "50",
      LEAD_DELIVERY_TIMEOUT_MS: "3000",
      LEAD_DELIVERY_CONCURRENCY: "2",
      SMTP_URL: "smtp://user:pass@127.0.0.1:2525",
      SMTP_FROM: "Leads <leads@example.com>",
    });
    expect(env.leadDelivery).toEqual({
      worker: false,
      attempts: 4,
      backoffMs: 50,
      timeoutMs: 3000,
      concurrency: 2,
      smtpUrl: "smtp://user:pass@127.0.0.1:2525",
      mailFrom: "Leads <leads@example.com>",
    });
    expect(
      problemsOf({ ...connections, SMTP_URL: "http://mail.example.com", LEAD_DELIVERY_ATTEMPTS: "0" }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SMTP_URL /),
        expect.stringMatching(/^LEAD_DELIVERY_ATTEMPTS /),
      ]),
    );
  });

  it("refuses bad conversion settings, and a production tracker without LEAD_FORM_SECRET", () => {
    expect(
      problemsOf({
        ...connections,
        LEAD_FORM_SECRET: "short",
        POSTBACK_WORKER: "maybe",
        POSTBACK_ATTEMPTS: "0",
        POSTBACK_ALLOW_PRIVATE_NETWORKS: "yes",
        LEAD_API_REQUEST_RETENTION_DAYS: "0",
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^LEAD_FORM_SECRET /),
        expect.stringMatching(/^POSTBACK_WORKER /),
        expect.stringMatching(/^POSTBACK_ATTEMPTS /),
        expect.stringMatching(/^POSTBACK_ALLOW_PRIVATE_NETWORKS /),
        expect.stringMatching(/^LEAD_API_REQUEST_RETENTION_DAYS /),
      ]),
    );
    expect(
      problemsOf({ ...connections, NODE_ENV: "production", IP_HASH_SECRET: "production-secret-value" }),
    ).toEqual(["LEAD_FORM_SECRET is required in production"]);
    // Both missing: both reported at once.
    expect(problemsOf({ ...connections, NODE_ENV: "production" })).toEqual([
      "IP_HASH_SECRET must be set in production",
      "LEAD_FORM_SECRET is required in production",
    ]);
  });
});
