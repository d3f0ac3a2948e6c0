// Records a conversion, or applies a status update to an existing one. Shared by the postback, the
// pixel and the hosted lead form; the callers parse and authenticate, this decides.
//
//   existing (offer, transaction id)?  → status transition, or duplicate
//   else: click (Redis, then PostgreSQL) → attribution → status → payout → caps → one INSERT
//         (for a lead that found no earlier lead with its contact, under that contact's lock; if an
//         identical lead committed meanwhile, start over as its duplicate)
//
// Only payable conversions (PENDING, APPROVED) reserve caps and carry money; rejected ones are
// recorded with payout and revenue 0 and their reason.
import type { ConfirmationMode, ConversionSource, ConversionStatus, Db, StatusIntent } from "@leadrail/db";
import {
  approvalRefusal,
  type CapCounters,
  type CapReservation,
  capReservations,
  initialStatus,
  isPayable,
  mintId,
  type OfferTerms,
  stampMoney,
  statsDelta,
  timeOfId,
  transition,
} from "@leadrail/db";
import type { SubId } from "@leadrail/db/macros";
import type { Logger } from "pino";
import type { LeadQualityCheck, QualityOffer } from "../quality/lead-quality.ts";
import { type Attribution, attribute, type ClickFacts } from "./attribution.ts";
import type { ClickLookup } from "./click-lookup.ts";
import type {
  ConversionStore,
  ExistingConversion,
  InsertOutcome,
  LogEntry,
  NewConversion,
} from "./conversion-store.ts";
import type { TransactionLock } from "./transaction-lock.ts";

export interface ConversionOffer extends OfferTerms, QualityOffer {
  id: number;
  advertiserId: number;
  currency: string;
  confirmationMode: ConfirmationMode;
  attributionWindowHours: number;
}

export interface LeadData {
  name: string | null;
  email: string | null;
  phone: string | null;
  fields: Record<string, string>;
  consentText: string | null;
  consentAt: Date | null;
  /** The LeadForm's consent version the visitor agreed to (null: no consent asked). */
  consentVersion?: number | null;
  /** form | widget | chat | api. */
  captureChannel?: string | null;
  /** Chat mode's transcript, validated by the caller (@leadrail/db/lead-form conversation). */
  conversation?: unknown[] | null;
  /** The offer's lead magnet, given (a code claimed from a pool) in the lead's transaction unless rejected. */
  reward?: { magnetId: number; kind: "FILE" | "LINK" | "CODE_POOL" } | null;
}

export interface ConversionRequest {
  offer: ConversionOffer;
  source: ConversionSource;
  /** As received (may be malformed or unknown: then the conversion is rejected with no_click). */
  clickId: string | null;
  /**
   * The click `clickId` names, when the route already looked it up (null: there is none); left out,
   * the recorder looks it up. One lookup per request: the stream-then-PostgreSQL read is the costly
   * part of a conversion, and two reads could see the click in two places.
   */
  click?: ClickFacts | null;
  transactionId: string;
  goal: string;
  intent: StatusIntent | null;
  saleAmount: bigint | null;
  lead: LeadData | null;
  at: Date;
  /** Written in the same statement as the conversion; null for channels that keep no log. */
  log: LogEntry | null;
  /**
   * The advertiser's own lead (a form reached without a click): no click is looked up, no publisher is
   * credited, nothing is paid or reserved against caps; recorded with reason "direct".
   */
  direct?: boolean;
  /**
   * A lead the publisher posted through the lead API (../lead-api/). Without a click it is credited to
   * that publisher (their own traffic) instead of being rejected as no_click; with one, the route has
   * checked that the click is theirs on this offer.
   */
  postedBy?: PostedBy;
  /** Sub IDs sent with the lead, over the click's. */
  subs?: Partial<Record<SubId, string>>;
}

export interface PostedBy {
  publisherId: number;
  /** The visitor's country from the `ip` the publisher sent, when it was sent and is known. */
  country: string | null;
  /** The `user_agent` the publisher sent is a bot's. */
  isBot: boolean;
}

export interface RecordedConversion {
  id: string;
  status: ConversionStatus;
  statusReason: string | null;
  payout: bigint;
  revenue: bigint;
  currency: string;
  transactionId: string;
  publisherId: number | null;
}

export type ConversionResult =
  | { kind: "recorded"; conversion: RecordedConversion }
  | { kind: "duplicate"; conversionId: string; status: ConversionStatus }
  | { kind: "updated"; conversionId: string; from: ConversionStatus; to: ConversionStatus }
  | { kind: "invalid_transition"; conversionId: string; status: ConversionStatus }
  | { kind: "invalid"; reason: "amount_required" | "publisher_suspended" };

/** Told after commit; publisher postbacks hang off this. Failures are logged, never thrown back. */
export interface ConversionEvents {
  conversionChanged(event: {
    conversionId: string;
    offerId: number;
    publisherId: number | null;
    status: ConversionStatus;
  }): Promise<void>;
}

export interface ConversionRecorderDeps {
  db: Db;
  store: ConversionStore;
  findClick: ClickLookup;
  caps: CapCounters;
  lock: TransactionLock;
  quality: LeadQualityCheck;
  events: ConversionEvents | null;
  logger: Logger;
  /** REDIS_KEY_PREFIX: the cap counters' keys are full names (see redis-clients.ts). */
  keyPrefix: string;
}

export type ConversionRecorder = (request: ConversionRequest) => Promise<ConversionResult>;

// A compare-and-set that keeps losing means something else keeps changing the row; give up loudly.
const MAX_UPDATE_ATTEMPTS = 5;
// A lead superseded by an identical one is a known duplicate on its next attempt (and takes no lock
// then), so a second attempt is all it needs; more would mean the lookup and the lock disagree.
const MAX_RECORD_ATTEMPTS = 3;

export function createConversionRecorder(deps: ConversionRecorderDeps): ConversionRecorder {
  const { db, store, findClick, caps, lock, quality, events, logger } = deps;

  async function reservationsFor(offerId: number, publisherId: number | null, at: Date, payout: bigint) {
    const rules = await db.offerCap.findMany({
      where: { offerId },
      select: { scope: true, publisherId: true, period: true, metric: true, limit: true },
    });
    return capReservations({ prefix: deps.keyPrefix, offerId, publisherId, caps: rules, at, payout });
  }

  function notify(
    conversionId: string,
    offerId: number,
    publisherId: number | null,
    status: ConversionStatus,
  ) {
    if (events === null || publisherId === null) return;
    events.conversionChanged({ conversionId, offerId, publisherId, status }).catch((error: unknown) => {
      logger.error({ err: error, conversionId }, "could not enqueue publisher postbacks");
    });
  }

  async function releaseQuietly(reservations: CapReservation[], conversionId: string) {
    try {
      await caps.release(reservations);
    } catch (error) {
      // The counter stays one too high: the cap pays less, never more.
      logger.error({ err: error, conversionId }, "could not release cap reservation");
    }
  }

  async function update(request: ConversionRequest, first: ExistingConversion): Promise<ConversionResult> {
    let existing: ExistingConversion | null = first;
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS && existing; attempt++) {
      const move = transition(existing.status, request.intent);
      if (move.kind === "same") {
        if (request.log) await store.writeLog(request.log, "duplicate", null, existing.id);
        return { kind: "duplicate", conversionId: existing.id, status: existing.status };
      }
      // A bot click's lead is never paid, not even on the advertiser's own word (@leadrail/db bot-click.ts).
      if (move.kind === "invalid" || (move.to === "APPROVED" && approvalRefusal(existing) !== null)) {
        if (request.log) await store.writeLog(request.log, "rejected", "invalid_transition", existing.id);
        return { kind: "invalid_transition", conversionId: existing.id, status: existing.status };
      }
      const changed = await store.changeStatus({
        id: existing.id,
        from: existing.status,
        to: move.to,
        reason: move.reason,
        at: request.at,
        delta: statsDelta(existing.status, move.to, existing),
        log: request.log,
      });
      if (changed) {
        if (isPayable(existing.status) && !isPayable(move.to)) {
          const held = await reservationsFor(
            existing.offerId,
            existing.publisherId,
            existing.convertedAt,
            existing.payout,
          );
          await releaseQuietly(held, existing.id);
        }
        notify(existing.id, existing.offerId, existing.publisherId, move.to);
        return { kind: "updated", conversionId: existing.id, from: existing.status, to: move.to };
      }
      existing = await store.findByTransaction(request.offer.id, request.transactionId);
    }
    throw new Error(`conversion for transaction ${request.transactionId} kept changing under the update`);
  }

  return (request) => lock(request.offer.id, request.transactionId, () => recordConversion(request, 1));

  async function recordConversion(request: ConversionRequest, attempt: number): Promise<ConversionResult> {
    const { offer } = request;
    const existing = await store.findByTransaction(offer.id, request.transactionId);
    if (existing) return update(request, existing);
    if (offer.payoutModel === "REVSHARE" && request.saleAmount === null) {
      return { kind: "invalid", reason: "amount_required" };
    }

    const direct = request.direct === true;
    const click = direct
      ? null
      : request.click !== undefined
        ? request.click
        : request.clickId === null
          ? null
          : await findClick(request.clickId);
    const posted = click === null ? (request.postedBy ?? null) : null;
    const attribution: Attribution = direct
      ? { ok: true, publisherId: null, click: null }
      : posted
        ? { ok: true, click: null, publisherId: posted.publisherId }
        : attribute(click, offer, request.at);
    const credited = attribution.publisherId !== null ? attribution.click : null;
    const publisherId = attribution.publisherId;
    // A suspended publisher earns nothing new: refused (not stored), so the advertiser can send it
    // again if the account is reactivated. Status updates of earlier conversions still apply.
    if (publisherId !== null) {
      const publisher = await db.publisher.findUnique({
        where: { id: publisherId },
        select: { status: true },
      });
      if (publisher?.status === "SUSPENDED") return { kind: "invalid", reason: "publisher_suspended" };
    }

    let { status, reason } = attribution.ok
      ? direct
        ? {
            status: initialStatus(request.intent, offer.confirmationMode).status,
            reason: "direct" as string | null,
          }
        : initialStatus(request.intent, offer.confirmationMode)
      : { status: "REJECTED" as const, reason: attribution.reason as string | null };
    // Lead quality (../quality/verdict.ts): an attribution failure keeps its reason; otherwise the
    // offer's policy rejects, holds or only flags. An advertiser's own rejection stays theirs.
    const checked = await quality({
      offer,
      click,
      posted,
      publisherId,
      lead: request.lead,
      at: request.at,
      direct,
    });
    const verdict = checked.verdict;
    if (attribution.ok && status !== "REJECTED") {
      if (verdict.action === "reject") ({ status, reason } = { status: "REJECTED", reason: verdict.reason });
      else if (verdict.action === "hold")
        ({ status, reason } = { status: "PENDING", reason: verdict.reason });
    }
    let payout = 0n;
    let revenue = 0n;
    let reservations: CapReservation[] = [];

    // A direct lead is the advertiser's own: no publisher to pay, no cap it could use up.
    if (isPayable(status) && !direct) {
      const customPayouts =
        publisherId === null
          ? []
          : await db.customPayout.findMany({
              where: { offerId: offer.id, publisherId },
              select: { country: true, payout: true, payoutShareBps: true },
            });
      const stamp = stampMoney(
        offer,
        customPayouts,
        credited?.country ?? posted?.country ?? null,
        request.saleAmount,
      );
      if (!stamp.ok) return { kind: "invalid", reason: stamp.reason };
      const wanted = await reservationsFor(offer.id, publisherId, request.at, stamp.payout);
      const reserved = await caps.reserve(wanted);
      if (reserved.ok) {
        payout = stamp.payout;
        revenue = stamp.revenue;
        reservations = wanted;
      } else {
        status = "REJECTED";
        reason = "cap_reached";
      }
    }

    const clickId =
      click?.id ??
      (request.clickId && timeOfId(request.clickId.toLowerCase()) ? request.clickId.toLowerCase() : null);
    const conversion: NewConversion = {
      id: mintId(request.at),
      offerId: offer.id,
      publisherId,
      linkId: credited?.linkId ?? null,
      clickId,
      clickAt: click?.createdAt ?? null,
      goal: request.goal,
      transactionId: request.transactionId,
      source: request.source,
      status,
      statusReason: reason,
      currency: offer.currency,
      payout,
      revenue,
      saleAmount: request.saleAmount,
      subs: {
        ...(credited ? { ...credited.subs, ...(credited.source ? { source: credited.source } : {}) } : {}),
        ...request.subs,
      },
      country: credited?.country ?? posted?.country ?? null,
      deviceType: credited?.deviceType ?? null,
      lead: request.lead,
      quality: {
        signals: checked.signals,
        emailKey: checked.keys.emailKey,
        phoneKey: checked.keys.phoneKey,
        // A bot's click is never unique, which says nothing about a returning visitor: unknown.
        returningVisitor: credited && !credited.isBot ? !credited.isUnique : null,
      },
      convertedAt: request.at,
    };

    let inserted: InsertOutcome;
    try {
      inserted = await store.insert(
        conversion,
        statsDelta(null, status, { payout, revenue }),
        request.log,
        status === "REJECTED" ? "rejected" : "recorded",
        checked.originalClaim,
      );
    } catch (error) {
      await releaseQuietly(reservations, conversion.id);
      throw error;
    }
    if (inserted === "superseded") {
      // An identical lead committed first (../quality/original-lead-claim.ts): decide again as its
      // duplicate, with the verdict, money and cap slot that follow from that.
      await releaseQuietly(reservations, conversion.id);
      if (attempt >= MAX_RECORD_ATTEMPTS) {
        throw new Error(`lead for transaction ${request.transactionId} kept being superseded`);
      }
      return recordConversion(request, attempt + 1);
    }
    if (inserted === "exists") {
      // Another request recorded this transaction between our lookup and our insert.
      await releaseQuietly(reservations, conversion.id);
      const winner = await store.findByTransaction(offer.id, request.transactionId);
      if (!winner) throw new Error(`transaction ${request.transactionId} conflicted but cannot be found`);
      return update(request, winner);
    }
    notify(conversion.id, offer.id, publisherId, status);
    return {
      kind: "recorded",
      conversion: {
        id: conversion.id,
        status,
        statusReason: reason,
        payout,
        revenue,
        currency: offer.currency,
        transactionId: request.transactionId,
        publisherId,
      },
    };
  }
}
