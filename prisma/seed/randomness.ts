// Everything random in the seed comes from here, so one fixed seed reproduces the whole demo world.
//
// Each part of the world (logins, accounts, traffic, postbacks, money) gets its own Faker seeded with its
// own constant: adding a column to the traffic generator then reshuffles only the traffic, not every
// API key and tracking-link code that people may have written down.
import { en, Faker } from "@faker-js/faker";
import { v7 as uuidv7 } from "uuid";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const SEEDS = {
  logins: 20_240_101,
  world: 20_240_102,
  traffic: 20_240_103,
  postbacks: 20_240_104,
  money: 20_240_105,
} as const;

export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  return faker;
}

/**
 * A UUIDv7 for `at`, like `mintId`, but with the random bits drawn from faker: mintId takes them from
 * crypto, which would make every click and conversion id differ between two seeds of the same world.
 */
export function seededId(faker: Faker, at: Date): string {
  const random = new Uint8Array(16);
  for (let i = 0; i < 16; i += 4) {
    const word = faker.number.int(0xffff_ffff);
    random[i] = word & 0xff;
    random[i + 1] = (word >>> 8) & 0xff;
    random[i + 2] = (word >>> 16) & 0xff;
    random[i + 3] = (word >>> 24) & 0xff;
  }
  return uuidv7({ msecs: at.getTime(), random });
}

/** A float in [0, 1) (faker's float excludes max when no precision is asked for). */
export function roll(faker: Faker): number {
  return faker.number.float();
}

export function chance(faker: Faker, probability: number): boolean {
  return roll(faker) < probability;
}

export function between(faker: Faker, min: number, max: number): number {
  return faker.number.int({ min, max });
}

export type Weighted<T> = readonly (readonly [T, number])[];

export function pickWeighted<T>(faker: Faker, entries: Weighted<T>): T {
  let total = 0;
  for (const [, weight] of entries) total += weight;
  let r = roll(faker) * total;
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error("pickWeighted: no entries");
  return last[0];
}

export function pick<T>(faker: Faker, values: readonly T[]): T {
  return faker.helpers.arrayElement(values);
}

export function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY) * DAY);
}

export function addMs(at: Date, ms: number): Date {
  return new Date(at.getTime() + ms);
}

export function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
