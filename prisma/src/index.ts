// @leadrail/db: the one Prisma client factory and the generated types, shared by api, tracker and tests.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/client/client.ts";

export * from "../generated/client/client.ts";
export { type CapCounters, createCapCounters, type ReserveResult } from "./cap-counters.ts";
export { type CounterKeyParts, capCounterKey, periodBounds, periodKey } from "./cap-keys.ts";
export { type CapReservation, type CapRule, COUNTER_GRACE_SECONDS, capReservations } from "./caps.ts";
export { clientIp } from "./client-ip.ts";
export {
  generateApiKey,
  generateSecret,
  hashApiKey,
  hashPassword,
  pixelToken,
  verifyPassword,
} from "./credentials.ts";
export { mintId, timeOfId } from "./ids.ts";
export { currencyExponent, divideHalfEven, formatMinor, isPayableCurrency, shareOf } from "./money.ts";
export { type CustomPayoutTerms, type OfferTerms, type Stamp, stampMoney } from "./payout.ts";
export { isIpLiteral, nonPublicAddressReason } from "./public-address.ts";
export { databaseUrl } from "./url.ts";

export type Db = PrismaClient;

export interface CreateDbOptions {
  /** Pool size per process; the click writer and the API want different numbers. */
  max?: number;
}

/** A Prisma client over node-postgres. Call `$disconnect()` on shutdown. */
export function createDb(connectionString: string, options: CreateDbOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}
