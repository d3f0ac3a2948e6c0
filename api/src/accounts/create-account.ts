// Admins create advertiser and publisher accounts, audited. An advertiser starts with a postback
// secret, returned once to be handed over (rotate-postback-secret.ts replaces it).
import { type Advertiser, type Db, generateSecret } from "@leadrail/db";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";

export async function createAdvertiser(
  db: Db,
  viewer: Viewer,
  name: string,
): Promise<{ advertiser: Advertiser; postbackSecret: string }> {
  const postbackSecret = generateSecret(24);
  const advertiser = await db.$transaction(async (tx) => {
    const created = await tx.advertiser.create({ data: { name, postbackSecret } });
    await audit(tx, viewer, {
      action: "advertiser.create",
      entityType: "Advertiser",
      entityId: created.id,
      after: { name: created.name, status: created.status },
    });
    return created;
  });
  return { advertiser, postbackSecret };
}

/** minimumPayout is in minor units of payoutCurrency (USD when not given). Returns the new id. */
export function createPublisher(
  db: Db,
  viewer: Viewer,
  input: { name: string; payoutCurrency?: string | null; minimumPayout?: bigint | null },
): Promise<number> {
  return db.$transaction(async (tx) => {
    const created = await tx.publisher.create({
      data: {
        name: input.name,
        payoutCurrency: input.payoutCurrency ?? "USD",
        minimumPayout: input.minimumPayout ?? 0n,
      },
    });
    await audit(tx, viewer, {
      action: "publisher.create",
      entityType: "Publisher",
      entityId: created.id,
      after: {
        name: created.name,
        payoutCurrency: created.payoutCurrency,
        minimumPayout: created.minimumPayout,
      },
    });
    return created.id;
  });
}
