// @leadrail/db: the one Prisma client factory and the generated types, shared by api, tracker and tests.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Role } from "../generated/client/client.ts";
import type { MoneyRole } from "./visibility.ts";

export * from "../generated/client/client.ts";
export {
  type ApiKeyUser,
  looksLikeApiKey,
  resolveApiKey,
  USER_WITH_ACCOUNT,
  userMayAct,
} from "./api-key-auth.ts";
export { approvalRefusal, BOT_CLICK_SIGNAL, hasBotClickSignal } from "./bot-click.ts";
export { type CapCounters, createCapCounters, type ReserveResult } from "./cap-counters.ts";
export { type CounterKeyParts, capCounterKey, periodBounds, periodKey } from "./cap-keys.ts";
export { type CapReservation, type CapRule, COUNTER_GRACE_SECONDS, capReservations } from "./caps.ts";
export { recentClicksKey } from "./click-keys.ts";
export { clientIp } from "./client-ip.ts";
export { CONTROL_CHARACTERS, hasControlCharacters } from "./control-characters.ts";
export {
  type DailyStatsDelta,
  initialStatus,
  isPayable,
  LEAD_ACTIONS,
  type LeadAction,
  leadActionProblem,
  type Move,
  type StatsDelta,
  type StatusDecision,
  type StatusIntent,
  statDeltas,
  statsDelta,
  type Transition,
  transition,
} from "./conversion-status.ts";
export {
  generateApiKey,
  generateSecret,
  hashApiKey,
  hashPassword,
  pixelToken,
  verifyPassword,
} from "./credentials.ts";
export { applyStatDeltas, dailyStatsAdd, deltaValues } from "./daily-stats-sql.ts";
export { mintId, timeOfId } from "./ids.ts";
export {
  LeadDeliveryQueueError,
  leadDeliveryOutboxInsert,
  type QueueLeadDeliveryInput,
  queueLeadDeliveriesOnChange,
  queueLeadDelivery,
} from "./lead-delivery/queue.ts";
export { currencyExponent, divideHalfEven, formatMinor, isPayableCurrency, shareOf } from "./money.ts";
export {
  marketplaceOffers,
  type OfferAccess,
  offerAccess,
  postableOffers,
  runnableOffers,
} from "./offer-access.ts";
export { type CustomPayoutTerms, type OfferTerms, type Stamp, stampMoney } from "./payout.ts";
export { isIpLiteral, nonPublicAddressReason } from "./public-address.ts";
export { BIGINT_MAX, BIGINT_MIN, controlCharacterIn, isStorableBigint } from "./storable.ts";
export { databaseUrl } from "./url.ts";
export { type MoneyRole, type MoneyVisibility, moneyVisibility } from "./visibility.ts";

export type Db = PrismaClient;

// visibility.ts names the roles itself (it must not import Prisma): they must be the schema's, both ways.
type SameRoles = [Role] extends [MoneyRole] ? ([MoneyRole] extends [Role] ? true : false) : false;
const sameRoles: SameRoles = true;
void sameRoles;

export interface CreateDbOptions {
  /** Pool size per process; the click writer and the API want different numbers. */
  max?: number;
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

/** A Prisma client over node-postgres. Call `$disconnect()` on shutdown (it ends the pool too). */
export function createDb(connectionString: string, options: CreateDbOptions = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection that PostgreSQL drops (a restart) makes the pool emit 'error'; unheard, that
  // would end the process. The next query simply gets a new connection.
  pool.on("error", () => undefined);
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * The node-postgres pool under a client from createDb, for the rare statement whose parameter
 * Prisma's raw queries handle at a cost larger than the statement's: Prisma serializes parameters
 * to JSON and parses them back, so a megabyte of JSON text (the click writer's batch) is escaped and
 * unescaped once more on every call.
 */
export function poolOf(db: PrismaClient): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("poolOf: this Prisma client was not made by createDb");
  return pool;
}
