// A fingerprint of every table the API writes, to prove a refused request changed nothing.
import type { Db } from "@leadrail/db";

const TABLES = [
  "advertisers",
  "publishers",
  "users",
  "api_keys",
  "sessions",
  "offers",
  "offer_caps",
  "offer_applications",
  "custom_payouts",
  "tracking_links",
  "conversions",
  "publisher_postbacks",
  "postback_outbox",
  "daily_stats",
  "hourly_offer_conversions",
  "daily_conversion_segments",
  "audit_log",
] as const;

export async function dbDigest(db: Db): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const table of TABLES) {
    // Table names come from the constant list above, never from input.
    const [row] = await db.$queryRawUnsafe<{ digest: string | null; n: bigint }[]>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*) AS n FROM ${table} t`,
    );
    digest[table] = `${row?.n}:${row?.digest}`;
  }
  return digest;
}
