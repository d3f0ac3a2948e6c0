// Demo logins: who can sign in to the demo and with what. Pure (no database, no clock), so the CLI can
// print them whether or not it seeded, and tests can log in without reading anything back.
import type { Faker } from "@faker-js/faker";
import { SEEDS, seededFaker } from "./randomness.ts";
import { ADVERTISERS, type AdvertiserKey, PUBLISHERS, type PublisherKey } from "./world.ts";

/** Every demo user signs in with this password. It is a demo: it is printed, and documented here. */
export const DEMO_PASSWORD = "leadrail-demo";

export type DemoRole = "ADMIN" | "FINANCE" | "ADVERTISER" | "PUBLISHER";

export interface DemoLogin {
  role: DemoRole;
  name: string;
  email: string;
  password: string;
  apiKey: string;
}

/** A demo login plus the account it belongs to, which the world needs and the printout does not. */
export interface DemoUser extends DemoLogin {
  advertiser?: AdvertiserKey;
  publisher?: PublisherKey;
}

// base64url, the alphabet of real keys (`generateApiKey`), so demo keys pass the same format checks.
const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function demoApiKey(faker: Faker, role: DemoRole): string {
  return `lr_demo_${role.toLowerCase()}_${faker.string.fromCharacters(KEY_ALPHABET, 32)}`;
}

/** The demo users in id order (the world gives user ids by position in this list). */
export function demoUsers(): DemoUser[] {
  const faker = seededFaker(SEEDS.logins);
  const user = (role: DemoRole, email: string, extra: Partial<DemoUser> = {}): DemoUser => ({
    role,
    name: faker.person.fullName(),
    email,
    password: DEMO_PASSWORD,
    apiKey: demoApiKey(faker, role),
    ...extra,
  });
  return [
    user("ADMIN", "admin@leadrail.test"),
    // Two finance people: whoever generates a statement may not approve it (a CHECK in the database).
    user("FINANCE", "finance@leadrail.test"),
    user("FINANCE", "finance2@leadrail.test"),
    ...ADVERTISERS.map((a) => user("ADVERTISER", `${a.login}@leadrail.test`, { advertiser: a.key })),
    ...PUBLISHERS.map((p) => user("PUBLISHER", `${p.login}@leadrail.test`, { publisher: p.key })),
  ];
}

export function demoLogins(): DemoLogin[] {
  return demoUsers().map(({ role, name, email, password, apiKey }) => ({
    role,
    name,
    email,
    password,
    apiKey,
  }));
}
