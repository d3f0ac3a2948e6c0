// The outbox relay: moves conversion events from PostgreSQL into BullMQ, then marks them dispatched.
// Two outboxes share it: postback_outbox (publisher postbacks, written in the transaction of each
// conversion change by the tracker and by the API's lead decisions) and lead_delivery_outbox (leads
// to the advertiser's CRM, ../delivery/lead-deliveries.ts). Each is a source: its table, its columns
// and what turns its rows into jobs; the claiming, the marking, the backoff and the cleanup are here
// once.
//
// Safe with any number of relays (every tracker process runs one): a batch is claimed with FOR
// UPDATE SKIP LOCKED inside a transaction that also marks it dispatched, so two relays never hold one
// row. If Redis fails mid-batch the transaction rolls back and the rows are retried later; jobs that
// did reach Redis before the failure carry ids derived from the outbox row, so re-adding them is a
// no-op in BullMQ. At least once into the queue, exactly once per job id.
import { type ConversionStatus, type Db, Prisma } from "@leadrail/db";
import type { Logger } from "pino";
import { type Expiry, expireRows } from "../maintenance/expire-rows.ts";

export interface OutboxEvent {
  id: bigint;
  /** null on a test fire. */
  conversionId: string | null;
  /** null on a test fire. */
  offerId: number | null;
  publisherId: number;
  status: ConversionStatus;
  /** A test fire of this one template (the API's testPostbackTemplate), with sample values. */
  postbackId: number | null;
}

/** One outbox table and what its rows become. */
export interface OutboxSource<Row extends { id: bigint } = { id: bigint }> {
  /** The table (a constant of ours, never input). */
  table: "postback_outbox" | "lead_delivery_outbox";
  /** The SELECT list that gives `Row` (id first). */
  columns: Prisma.Sql;
  /** Puts the rows' jobs in the queue; a rejection leaves the batch undispatched. */
  dispatch(rows: Row[]): Promise<void>;
}

/** The publisher postbacks' outbox, its rows as OutboxEvent. */
export function postbackOutboxSource(
  dispatch: (events: OutboxEvent[]) => Promise<void>,
): OutboxSource<OutboxEvent> {
  return {
    table: "postback_outbox",
    columns: Prisma.sql`id, conversion_id::text AS "conversionId", offer_id AS "offerId",
      publisher_id AS "publisherId", status::text AS status, postback_id AS "postbackId"`,
    dispatch,
  };
}

export interface OutboxRelayOptions {
  db: Db;
  logger: Logger;
  // biome-ignore lint/suspicious/noExplicitAny: each source is typed by its own row; the relay only reads id.
  sources: OutboxSource<any>[];
  /** Poll period when nothing kicks the relay (the API's decisions are only seen this way). */
  intervalMs: number;
  /** Rows per source and batch. */
  batchSize?: number;
  /** A dispatch slower than this (Redis unreachable) gives the batch back instead of holding it. */
  dispatchTimeoutMs?: number;
  /** More old rows for the relay's hourly cleanup (the lead API's idempotency records). */
  expiries?: Expiry[];
}

export interface OutboxRelay {
  /** One batch of each source: claims, dispatches and marks up to batchSize rows each; resolves to how many. */
  relayOnce(): Promise<number>;
  /** Runs relayOnce soon (after a local commit) instead of at the next poll. */
  kick(): void;
  start(): void;
  stop(): Promise<void>;
}

const KEEP_DISPATCHED_DAYS = 7;
const CLEANUP_EVERY_MS = 3600_000;
const MAX_BACKOFF_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`outbox dispatch did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, logger, sources, intervalMs } = options;
  const batchSize = options.batchSize ?? 200;
  const dispatchTimeoutMs = options.dispatchTimeoutMs ?? 5000;

  /** One batch of one source; resolves to how many rows it moved. */
  function relaySource(source: OutboxSource): Promise<number> {
    const table = Prisma.raw(source.table);
    return db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: bigint }[]>`
          SELECT ${source.columns}
          FROM ${table}
          WHERE dispatched_at IS NULL
          ORDER BY id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        await withTimeout(source.dispatch(rows), dispatchTimeoutMs);
        await tx.$executeRaw`
          UPDATE ${table} SET dispatched_at = now()
          WHERE id = ANY(${rows.map((row) => String(row.id))}::bigint[])`;
        return rows.length;
      },
      { timeout: dispatchTimeoutMs + 10_000, maxWait: 10_000 },
    );
  }

  async function relayOnce(): Promise<number> {
    // Each source in its own transaction: one that fails (its queue unreachable) holds back none of
    // the others, and the first failure is reported after all were tried.
    let moved = 0;
    let failure: unknown = null;
    for (const source of sources) {
      try {
        moved += await relaySource(source);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
    return moved;
  }

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let kicked = false;
  let lastCleanup = 0;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function cleanup() {
    if (Date.now() - lastCleanup < CLEANUP_EVERY_MS) return;
    lastCleanup = Date.now();
    const expiries: Expiry[] = [
      ...sources.map((source) => ({
        table: source.table,
        column: "dispatched_at" as const,
        days: KEEP_DISPATCHED_DAYS,
      })),
      ...(options.expiries ?? []),
    ];
    for (const expiry of expiries) {
      const deleted = await expireRows(db, expiry);
      if (deleted > 0) logger.info({ table: expiry.table, deleted }, "expired rows deleted");
    }
  }

  async function run() {
    let failures = 0;
    while (running) {
      kicked = false;
      let moved = 0;
      try {
        moved = await relayOnce();
        failures = 0;
      } catch (error) {
        failures += 1;
        logger.warn({ err: error, failures }, "outbox relay failed; the events stay in the outbox");
      }
      // Its own failure: old rows left for an hour hold back no event.
      await cleanup().catch((error: unknown) =>
        logger.warn({ err: error }, "hourly cleanup failed; tried again in an hour"),
      );
      if (!running) break;
      if (failures > 0) await sleep(Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 10)));
      else if (moved < batchSize && !kicked) await sleep(intervalMs);
    }
  }

  return {
    relayOnce,
    kick() {
      kicked = true;
      wake?.();
    },
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
    },
  };
}
