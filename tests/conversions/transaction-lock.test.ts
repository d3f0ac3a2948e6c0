// The per-transaction lock that keeps concurrent copies of one postback from holding cap slots
// against each other (the race itself is too timing-dependent to reproduce on demand through HTTP).
import { createTransactionLock, transactionLockKey } from "../../tracker/src/conversions/transaction-lock.ts";
import { describe, expect, test } from "../src/fixtures.ts";

// The fixture's client isolates this file's keys itself (its own ioredis keyPrefix), so the lock is
// given an empty REDIS_KEY_PREFIX here.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("transaction lock", () => {
  test("serializes work on one transaction and releases the key", async ({ redis }) => {
    const lock = createTransactionLock(redis, "");
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        lock(1, "T-1", async () => {
          inside += 1;
          most = Math.max(most, inside);
          await sleep(10);
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(await redis.exists(transactionLockKey("", 1, "T-1"))).toBe(0);
  });

  test("lets different transactions and offers run side by side", async ({ redis }) => {
    const lock = createTransactionLock(redis, "");
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside += 1;
      most = Math.max(most, inside);
      await sleep(30);
      inside -= 1;
    };
    await Promise.all([lock(2, "A", work), lock(2, "B", work), lock(3, "A", work)]);
    expect(most).toBe(3);
  });

  test("releases the lock when the work fails", async ({ redis }) => {
    const lock = createTransactionLock(redis, "");
    await expect(lock(4, "T", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await redis.exists(transactionLockKey("", 4, "T"))).toBe(0);
    expect(await lock(4, "T", async () => "again")).toBe("again");
  });

  test("does not release a lock another holder took over after expiry", async ({ redis }) => {
    const lock = createTransactionLock(redis, "");
    const key = transactionLockKey("", 5, "T");
    await lock(5, "T", async () => {
      // Simulate expiry and a new holder while this work still runs.
      await redis.set(key, "someone-else", "PX", 10_000);
    });
    expect(await redis.get(key)).toBe("someone-else");
    await redis.del(key);
  });

  test("keys share the offer's hash tag with its cap counters", () => {
    expect(transactionLockKey("lr:", 42, "ORDER-1")).toMatch(/^lr:conversion-lock:\{42\}:[0-9a-f]{32}$/);
  });
});
