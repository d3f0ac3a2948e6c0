// Writes click events to Redis with group commit: every click of one event-loop turn goes into ONE
// round trip, sent on setImmediate, and each request learns its own outcome from that reply. A request
// answers its visitor only after Redis has confirmed its writes.
//
// Why this shape (measured, tracker issue): one awaited pipeline per request reached 0.07x a bare
// node:http server; one pipeline per turn shared by its requests ~0.5x; fire-and-forget was fastest
// on average but had the worst tail and loses clicks when Redis is away.
//
// At most CLICK_MAX_IN_FLIGHT batches (default one) are in flight: clicks arriving while Redis works
// on them form the next batch, sent when a reply comes back. Under load batches grow instead of round
// trips multiplying (each round trip costs the tracker two syscalls and Redis a script call), and with
// one in flight no click waits longer than one round trip plus its own. More in flight overlaps the
// tracker's work with Redis's when Redis is far away (another host), at the price of smaller batches.
//
// The round trip is one Lua call per batch (chunks of CHUNK clicks), not one command per click: per
// click, a script call costs ioredis a command object and a promise and Redis a command dispatch;
// batching them leaves only the writes themselves. In one atomic step the script writes, for an
// accepted click, SET NX of the unique key (the verdict, appended to the record); then ONE stream entry
// holding the chunk's clicks (a `click` field each, rejected ones included); then, per accepted click,
// a pointer from its id to that entry in its minute's hash (tracking/click-record.ts says why this
// shape). The stream is never trimmed here: entries leave it only when the click writer has stored
// them (XACK + XDEL).
import type { Redis } from "ioredis";
import {
  type ClickRecord,
  RECENT_CLICK_TTL_SECONDS,
  recentClicksKey,
  streamKey,
} from "../tracking/click-record.ts";
import { AWAITING_UNIQUE_END, encodeClick, encodeClickAwaitingUnique, STREAM_FIELD } from "./click-codec.ts";

/** Same IP, same UA, same link within this window: not unique. */
export const UNIQUE_WINDOW_SECONDS = 86_400;

/** Clicks per script call (and per stream entry): bounds how long one call holds Redis. */
const CHUNK = 256;

// KEYS: the stream, then the chunk's pointer hashes (one per minute its clicks were minted in), then
// one unique key per accepted click, in order.
// ARGV: unique TTL, pointer TTL, number of hashes, then per click: a tag, the record, and for an
// accepted click its id. Tag 0: a rejected click with its complete record. Tag n > 0: an accepted
// click whose pointer goes to hash n, with its record awaiting the verdict (encodeClickAwaitingUnique).
// Tag -n: an accepted click that is never unique (a bot's), pointer to hash n, complete record, no
// unique key: a crawler is not a visitor, and it must not use up the key of one.
// Returns one verdict per click: 1 unique, 0 not (always 0 for rejected and bot clicks).
const RECORD_CLICKS = `
local verdicts = {}
local fields = {}
local pointers = {}
local k = 2 + tonumber(ARGV[3])
local i = 4
while i <= #ARGV do
  local tag = tonumber(ARGV[i])
  if tag < 0 then
    fields[#fields + 1] = '${STREAM_FIELD}'
    fields[#fields + 1] = ARGV[i + 1]
    local ids = pointers[-tag]
    if not ids then
      ids = {}
      pointers[-tag] = ids
    end
    ids[#ids + 1] = ARGV[i + 2]
    verdicts[#verdicts + 1] = 0
    i = i + 3
  elseif tag > 0 then
    local unique = redis.call('SET', KEYS[k], '1', 'NX', 'EX', ARGV[1])
    k = k + 1
    fields[#fields + 1] = '${STREAM_FIELD}'
    fields[#fields + 1] = ARGV[i + 1] .. (unique and 'true' or 'false') .. '${AWAITING_UNIQUE_END}'
    local ids = pointers[tag]
    if not ids then
      ids = {}
      pointers[tag] = ids
    end
    ids[#ids + 1] = ARGV[i + 2]
    verdicts[#verdicts + 1] = unique and 1 or 0
    i = i + 3
  else
    fields[#fields + 1] = '${STREAM_FIELD}'
    fields[#fields + 1] = ARGV[i + 1]
    verdicts[#verdicts + 1] = 0
    i = i + 2
  end
end
local entry = redis.call('XADD', KEYS[1], '*', unpack(fields))
for tag, ids in pairs(pointers) do
  local hset = {}
  for _, id in ipairs(ids) do
    hset[#hset + 1] = id
    hset[#hset + 1] = entry
  end
  redis.call('HSET', KEYS[1 + tag], unpack(hset))
  redis.call('EXPIRE', KEYS[1 + tag], ARGV[2])
end
return verdicts`;

/** Redis did not confirm a click's writes: the click path answers 503 and the visitor retries. */
export class ClickNotRecordedError extends Error {
  constructor(readonly why: "redis_error" | "timeout" | "overloaded" | "closed") {
    super(`click not recorded: ${why}`);
    this.name = "ClickNotRecordedError";
  }
}

export type PendingClick =
  /** uniqueKey null: never unique (a bot's click), no key is set. */
  | { kind: "accepted"; click: Omit<ClickRecord, "isUnique">; uniqueKey: string | null }
  | { kind: "rejected"; click: ClickRecord };

/** Called once per click: with null and the unique verdict once Redis confirmed, or with the error. */
export type RecordCallback = (error: ClickNotRecordedError | null, isUnique: boolean) => void;

interface Waiting {
  entry: PendingClick;
  done: RecordCallback;
}

// A callback that throws must not keep the rest of its batch from their answers: its error is
// rethrown on its own, outside the batch loop.
function settle(w: Waiting, error: ClickNotRecordedError | null, isUnique = false): void {
  try {
    w.done(error, isUnique);
  } catch (thrown) {
    queueMicrotask(() => {
      throw thrown;
    });
  }
}

export interface ClickRecorderOptions {
  /** A connection with no ioredis keyPrefix and no offline queue (see index.ts): keys here are full names. */
  redis: Redis;
  keyPrefix: string;
  writeTimeoutMs: number;
  maxPending: number;
  /** Batches sent to Redis and not yet answered, at most (CLICK_MAX_IN_FLIGHT). */
  maxInFlight?: number;
  onFlush?: (size: number) => void;
}

export interface ClickRecorder {
  /**
   * Queues the click for the next batch. A callback, not a promise: the click path answers from it
   * directly, without a promise and a microtask per click. Refusals (closed, overloaded) call back at once.
   */
  record(entry: PendingClick, done: RecordCallback): void;
  /** Clicks queued or waiting for Redis. */
  readonly pending: number;
  /** Resolves when nothing is pending; new clicks are refused from now on. */
  close(): Promise<void>;
}

type WithRecordCommand = Redis & {
  leadrailRecordClicks(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<number[]>;
};

export function createClickRecorder(options: ClickRecorderOptions): ClickRecorder {
  const { redis, keyPrefix, writeTimeoutMs, maxPending } = options;
  redis.defineCommand("leadrailRecordClicks", { lua: RECORD_CLICKS });
  const scripted = redis as WithRecordCommand;
  const stream = streamKey(keyPrefix);

  let queue: Waiting[] = [];
  const maxInFlight = options.maxInFlight ?? 1;
  let scheduled = false;
  let inFlight = 0;
  let waitingForRedis = 0;
  let closed = false;
  let idle: (() => void) | undefined;

  const settleIdle = () => {
    if (idle && queue.length === 0 && waitingForRedis === 0) idle();
  };

  const schedule = () => {
    if (scheduled || inFlight >= maxInFlight || queue.length === 0) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  const flush = async () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    inFlight += 1;
    waitingForRedis += batch.length;
    options.onFlush?.(batch.length);

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), writeTimeoutMs);
    });
    try {
      const chunks: Waiting[][] = [];
      for (let i = 0; i < batch.length; i += CHUNK) chunks.push(batch.slice(i, i + CHUNK));
      // ioredis writes the calls back to back on one connection: still one round trip.
      const replies = chunks.map((chunk) => {
        const hashes = new Map<string, number>();
        const uniqueKeys: string[] = [];
        const args: (string | number)[] = [UNIQUE_WINDOW_SECONDS, RECENT_CLICK_TTL_SECONDS, 0];
        for (const { entry } of chunk) {
          if (entry.kind === "accepted") {
            const hash = recentClicksKey(keyPrefix, entry.click.createdAt);
            let tag = hashes.get(hash);
            if (tag === undefined) {
              tag = hashes.size + 1;
              hashes.set(hash, tag);
            }
            if (entry.uniqueKey === null) {
              const record = `${encodeClickAwaitingUnique(entry.click)}false${AWAITING_UNIQUE_END}`;
              args.push(-tag, record, entry.click.id);
            } else {
              uniqueKeys.push(entry.uniqueKey);
              args.push(tag, encodeClickAwaitingUnique(entry.click), entry.click.id);
            }
          } else {
            args.push(0, encodeClick(entry.click));
          }
        }
        args[2] = hashes.size;
        const keys = [stream, ...hashes.keys(), ...uniqueKeys];
        return scripted.leadrailRecordClicks(keys.length, ...keys, ...args).then(
          (verdicts) => ({ ok: true as const, verdicts }),
          () => ({ ok: false as const }),
        );
      });
      const results = await Promise.race([Promise.all(replies), timeout]);
      if (results === "timeout") {
        // Redis may still apply these writes later: a click then exists without its redirect (counted
        // once too often), never the reverse.
        for (const w of batch) settle(w, new ClickNotRecordedError("timeout"));
        return;
      }
      results.forEach((result, c) => {
        const chunk = chunks[c] ?? [];
        chunk.forEach((w, i) => {
          const verdict = result.ok ? result.verdicts[i] : undefined;
          if (verdict === undefined) settle(w, new ClickNotRecordedError("redis_error"));
          else settle(w, null, verdict === 1);
        });
      });
    } catch {
      for (const w of batch) settle(w, new ClickNotRecordedError("redis_error"));
    } finally {
      clearTimeout(timer);
      waitingForRedis -= batch.length;
      inFlight -= 1;
      schedule();
      settleIdle();
    }
  };

  return {
    get pending() {
      return queue.length + waitingForRedis;
    },
    record(entry, done) {
      if (closed) return done(new ClickNotRecordedError("closed"), false);
      if (queue.length + waitingForRedis >= maxPending) {
        return done(new ClickNotRecordedError("overloaded"), false);
      }
      queue.push({ entry, done });
      schedule();
    },
    close() {
      closed = true;
      return new Promise<void>((resolve) => {
        idle = resolve;
        settleIdle();
      });
    },
  };
}
