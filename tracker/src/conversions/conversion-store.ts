// The conversion's writes, each one SQL statement: the conversion (or its status change), its
// daily_stats movement, its publisher-postback outbox row and its postback-log row commit together or not at all, and no interactive
// transaction holds a pooled connection while 50 concurrent postbacks queue for one. The one exception
// is a lead claiming to be the first with its contact: its insert runs in a short transaction under
// that contact's lock (../quality/original-lead-claim.ts).
//
// Idempotency is the unique index conversions (offer_id, transaction_id): the insert says ON
// CONFLICT DO NOTHING, so of any number of concurrent identical postbacks exactly one inserts and the
// others see no row come back and answer "duplicate". A status change is a compare-and-set on the
// old status, so two racing updates cannot both move the counters.
import {
  type ConversionSource,
  type ConversionStatus,
  type Db,
  dailyStatsAdd,
  deltaValues,
  Prisma,
  type StatsDelta,
} from "@leadrail/db";
import {
  holdOriginalLeadClaim,
  type OriginalLeadClaim,
  type Queryable,
} from "../quality/original-lead-claim.ts";

/** The postback-log row written beside a conversion (or on its own when nothing else is written). */
export interface LogEntry {
  receivedAt: Date;
  advertiserId: number | null;
  offerId: number | null;
  channel: ConversionSource;
  method: string;
  params: Record<string, string>;
  clickId: string | null;
  transactionId: string | null;
}

export type LogOutcome = "recorded" | "rejected" | "duplicate" | "updated";

export interface NewConversion {
  id: string;
  offerId: number;
  publisherId: number | null;
  linkId: number | null;
  clickId: string | null;
  clickAt: Date | null;
  goal: string;
  transactionId: string;
  source: ConversionSource;
  status: ConversionStatus;
  statusReason: string | null;
  currency: string;
  payout: bigint;
  revenue: bigint;
  saleAmount: bigint | null;
  subs: Record<string, string>;
  country: string | null;
  deviceType: string | null;
  lead: {
    name: string | null;
    email: string | null;
    phone: string | null;
    fields: Record<string, string>;
    consentText: string | null;
    consentAt: Date | null;
    consentVersion?: number | null;
    captureChannel?: string | null;
    conversation?: unknown[] | null;
    reward?: { magnetId: number; kind: "FILE" | "LINK" | "CODE_POOL" } | null;
  } | null;
  /** Lead quality: signals shown with the lead, duplicate-check keys (../quality/contact-key.ts). */
  quality: {
    signals: { code: string; detail: string }[];
    emailKey: string | null;
    phoneKey: string | null;
    returningVisitor: boolean | null;
  };
  convertedAt: Date;
}

export interface ExistingConversion {
  id: string;
  offerId: number;
  publisherId: number | null;
  status: ConversionStatus;
  payout: bigint;
  revenue: bigint;
  convertedAt: Date;
  /** As stored (a JSON array of { code, detail }); a bot_click here means never payable. */
  qualitySignals: unknown;
}

function logInsert(log: LogEntry | null, outcome: LogOutcome, reason: string | null, from: string) {
  if (log === null) return Prisma.empty;
  return Prisma.sql`, l AS (
    INSERT INTO inbound_postbacks (received_at, advertiser_id, offer_id, channel, method, params, click_id,
                                   transaction_id, outcome, reason, conversion_id)
    SELECT ${log.receivedAt}, ${log.advertiserId}, ${log.offerId}, ${log.channel}::"ConversionSource",
           ${log.method}, ${JSON.stringify(log.params)}::jsonb, ${log.clickId}, ${log.transactionId},
           ${outcome}, ${reason}, x.id
    FROM ${Prisma.raw(from)} x
  )`;
}

// The publisher-postback event, in the same statement (so the same transaction) as the conversion
// change: the outbox relay (postbacks/outbox-relay.ts) queues it after the commit.
function outboxInsert(status: ConversionStatus, from: string) {
  return Prisma.sql`, o AS (
    INSERT INTO postback_outbox (conversion_id, offer_id, publisher_id, status)
    SELECT x.id, x.offer_id, x.publisher_id, ${status}::"ConversionStatus"
    FROM ${Prisma.raw(from)} x WHERE x.publisher_id IS NOT NULL
  )`;
}

function statsUpsert(delta: StatsDelta, from: string) {
  return Prisma.sql`, s AS (${dailyStatsAdd(Prisma.sql`
    SELECT (x.converted_at AT TIME ZONE 'UTC')::date, x.offer_id, x.publisher_id, ${deltaValues(delta)}
    FROM ${Prisma.raw(from)} x WHERE x.publisher_id IS NOT NULL`)}
  )`;
}

export type InsertOutcome = "inserted" | "exists" | "superseded";

/** The magnet a new lead gets: none for a rejected one (a duplicate or a bot must not drain a pool). */
function rewardOf(c: NewConversion) {
  return c.status === "REJECTED" ? null : (c.lead?.reward ?? null);
}

/**
 * Gives the lead one unclaimed code of the pool, or marks it as having found the pool empty. In the
 * lead's transaction: SKIP LOCKED lets concurrent leads take different codes without waiting, and a
 * code is claimed only if the lead commits.
 */
async function claimRewardCode(
  db: Queryable,
  conversionId: string,
  magnetId: number,
  at: Date,
): Promise<void> {
  await db.$executeRaw`
    WITH r AS (
      UPDATE reward_codes SET conversion_id = ${conversionId}::uuid, claimed_at = ${at}
      WHERE id = (SELECT id FROM reward_codes WHERE magnet_id = ${magnetId} AND conversion_id IS NULL
                  ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING code
    )
    UPDATE conversions SET
      reward_kind = CASE WHEN (SELECT code FROM r) IS NULL THEN NULL ELSE 'CODE_POOL'::"MagnetKind" END,
      reward_code = (SELECT code FROM r),
      reward_given_at = CASE WHEN (SELECT code FROM r) IS NULL THEN NULL ELSE ${at}::timestamptz END,
      pool_empty = (SELECT code FROM r) IS NULL
    WHERE id = ${conversionId}::uuid`;
}

// Enough for a queue of identical leads, each holding the lock for two short statements.
const CLAIM_TRANSACTION = { maxWait: 10_000, timeout: 15_000 } as const;

async function insertConversion(
  db: Queryable,
  c: NewConversion,
  delta: StatsDelta,
  log: LogEntry | null,
  outcome: LogOutcome,
): Promise<boolean> {
  const lead = c.lead;
  const given = rewardOf(c);
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH c AS (
      INSERT INTO conversions (id, offer_id, publisher_id, link_id, click_id, click_at, goal, transaction_id,
                               source, status, status_reason, currency, payout, revenue, sale_amount, subs,
                               country, device_type, lead_name, lead_email, lead_phone, lead_fields,
                               consent_text, consent_at, approved_at, converted_at, updated_at,
                               quality_signals, email_key, phone_key, returning_visitor,
                               consent_version, capture_channel, conversation, reward_kind, reward_given_at)
      VALUES (${c.id}::uuid, ${c.offerId}, ${c.publisherId}, ${c.linkId}, ${c.clickId}::uuid, ${c.clickAt},
              ${c.goal}, ${c.transactionId}, ${c.source}::"ConversionSource",
              ${c.status}::"ConversionStatus", ${c.statusReason}, ${c.currency}, ${c.payout}::bigint,
              ${c.revenue}::bigint, ${c.saleAmount}::bigint, ${JSON.stringify(c.subs)}::jsonb, ${c.country},
              ${c.deviceType}::"DeviceType", ${lead?.name ?? null}, ${lead?.email ?? null},
              ${lead?.phone ?? null}, ${lead ? JSON.stringify(lead.fields) : null}::jsonb,
              ${lead?.consentText ?? null}, ${lead?.consentAt ?? null},
              ${c.status === "APPROVED" ? c.convertedAt : null}, ${c.convertedAt}, ${c.convertedAt},
              ${JSON.stringify(c.quality.signals)}::jsonb, ${c.quality.emailKey}, ${c.quality.phoneKey},
              ${c.quality.returningVisitor}, ${lead?.consentVersion ?? null}, ${lead?.captureChannel ?? null},
              ${lead?.conversation ? JSON.stringify(lead.conversation) : null}::jsonb,
              ${given && given.kind !== "CODE_POOL" ? given.kind : null}::"MagnetKind",
              ${given && given.kind !== "CODE_POOL" ? c.convertedAt : null})
      ON CONFLICT (offer_id, transaction_id) DO NOTHING
      RETURNING id, offer_id, publisher_id, converted_at
    )
    ${statsUpsert(delta, "c")}
    ${outboxInsert(c.status, "c")}
    ${logInsert(log, outcome, c.statusReason, "c")}
    SELECT id::text AS id FROM c`;
  return rows.length === 1;
}

export interface ConversionStore {
  findByTransaction(offerId: number, transactionId: string): Promise<ExistingConversion | null>;
  /**
   * Inserts unless (offer, transaction id) exists ("exists": nothing was written) or, with a claim,
   * unless a lead with the same contact committed since the lookup ("superseded": nothing written).
   */
  insert(
    c: NewConversion,
    delta: StatsDelta,
    log: LogEntry | null,
    outcome: LogOutcome,
    claim: OriginalLeadClaim | null,
  ): Promise<InsertOutcome>;
  /** Moves `from` → `to`; false when the status was no longer `from` (nothing was written). */
  changeStatus(input: {
    id: string;
    from: ConversionStatus;
    to: ConversionStatus;
    reason: string | null;
    at: Date;
    delta: StatsDelta;
    log: LogEntry | null;
  }): Promise<boolean>;
  writeLog(
    log: LogEntry,
    outcome: LogOutcome,
    reason: string | null,
    conversionId: string | null,
  ): Promise<void>;
}

export function createConversionStore(db: Db): ConversionStore {
  return {
    async findByTransaction(offerId, transactionId) {
      return db.conversion.findUnique({
        where: { offerId_transactionId: { offerId, transactionId } },
        select: {
          id: true,
          offerId: true,
          publisherId: true,
          status: true,
          payout: true,
          revenue: true,
          convertedAt: true,
          qualitySignals: true,
        },
      });
    },

    async insert(c, delta, log, outcome, claim) {
      const pool = rewardOf(c)?.kind === "CODE_POOL" ? (rewardOf(c)?.magnetId ?? null) : null;
      if (claim === null && pool === null) {
        return (await insertConversion(db, c, delta, log, outcome)) ? "inserted" : "exists";
      }
      return db.$transaction(async (tx) => {
        if (claim !== null && !(await holdOriginalLeadClaim(tx, claim))) return "superseded";
        if (!(await insertConversion(tx, c, delta, log, outcome))) return "exists";
        if (pool !== null) await claimRewardCode(tx, c.id, pool, c.convertedAt);
        return "inserted";
      }, CLAIM_TRANSACTION);
    },

    async changeStatus({ id, from, to, reason, at, delta, log }) {
      const rows = await db.$queryRaw<{ id: string }[]>`
        WITH u AS (
          UPDATE conversions SET
            status = ${to}::"ConversionStatus",
            status_reason = ${reason},
            decided_at = ${at},
            approved_at = CASE WHEN ${to} = 'APPROVED' THEN ${at} ELSE approved_at END,
            reversed_at = CASE WHEN ${to} = 'REVERSED' THEN ${at} ELSE reversed_at END,
            updated_at = ${at}
          WHERE id = ${id}::uuid AND status = ${from}::"ConversionStatus"
          RETURNING id, offer_id, publisher_id, converted_at
        )
        ${statsUpsert(delta, "u")}
        ${outboxInsert(to, "u")}
        ${logInsert(log, "updated", reason, "u")}
        SELECT id::text AS id FROM u`;
      return rows.length === 1;
    },

    async writeLog(log, outcome, reason, conversionId) {
      await db.inboundPostback.create({
        data: {
          receivedAt: log.receivedAt,
          advertiserId: log.advertiserId,
          offerId: log.offerId,
          channel: log.channel,
          method: log.method,
          params: log.params,
          clickId: log.clickId,
          transactionId: log.transactionId,
          outcome,
          reason,
          conversionId,
        },
      });
    },
  };
}
