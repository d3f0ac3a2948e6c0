// What a delivery queue of the tracker (publisher postbacks, lead deliveries) is built from: the
// same Redis, database and logger, and each its own retry, timeout and concurrency settings
// (POSTBACK_* and LEAD_DELIVERY_* in environment.ts).
import type { Db } from "@leadrail/db";
import type { Redis } from "ioredis";
import type { Logger } from "pino";

export interface DeliveryQueueOptions {
  /** A connection without keyPrefix and with maxRetriesPerRequest: null (BullMQ needs both). */
  connection: Redis;
  /** REDIS_KEY_PREFIX. */
  keyPrefix: string;
  db: Db;
  logger: Logger;
  attempts: number;
  /** First retry after this; then doubled each time (BullMQ "exponential"). */
  backoffMs: number;
  timeoutMs: number;
  concurrency: number;
  /** POSTBACK_ALLOW_PRIVATE_NETWORKS: deliver to private, loopback... addresses too (both queues). */
  allowPrivateNetworks: boolean;
}
