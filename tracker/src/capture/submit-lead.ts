// One submission of a lead form, whatever carried it (the HTML form, the widget's JSON, chat mode):
// spam checks, validation, recording, and the reward it earned. Refusals store nothing; the checks run
// cheapest-first and the rate limit counts every attempt, so a script hammering one form is stopped
// before it costs a query.
//
// Idempotency: a lead through a click is one lead per click (transaction id from the click id); a
// direct lead is one lead per form token (its nonce). A retried submission is the same lead: the same
// answer, the same reward, nothing new stored.
import type { Db } from "@leadrail/db";
import { type ConversationMessage, validateLead } from "@leadrail/db/lead-form";
import type { Logger } from "pino";
import type { ClickLookup } from "../conversions/click-lookup.ts";
import type { ConversionRecorder } from "../conversions/record-conversion.ts";
import { conversionTransactionId } from "../conversions/transaction-id.ts";
import type { CaptureError } from "./capture-errors.ts";
import type { CaptureForm } from "./form-store.ts";
import { verifyFormToken } from "./form-token.ts";
import type { FormRateLimit } from "./rate-limit.ts";
import { signRewardLink } from "./reward-link.ts";

export type CaptureChannel = "form" | "widget" | "chat";

export interface Submission {
  token: string;
  clickId: string | null;
  /** The fields by name, and `consent`. */
  input: Readonly<Record<string, unknown>>;
  channel: CaptureChannel;
  conversation: ConversationMessage[] | null;
  /** The honeypot's value ("" when a person sent the form). */
  honeypot: string;
  /** The visitor's address, for the rate limit. */
  address: string | null;
  at: Date;
}

export type RewardAnswer =
  | { kind: "FILE" | "LINK" | "CODE_POOL"; title: string; token: string }
  | { kind: "CODE_POOL"; empty: true };

export type SubmitOutcome =
  | { kind: "refused"; error: CaptureError }
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "accepted"; leadId: string; reward: RewardAnswer | null };

export interface LeadSubmitterDeps {
  db: Db;
  logger: Logger;
  findClick: ClickLookup;
  record: ConversionRecorder;
  rateLimit: FormRateLimit;
  /** Signs form tokens and reward links. */
  secret: string;
}

export function createLeadSubmitter(deps: LeadSubmitterDeps) {
  const { db, logger, findClick, record, rateLimit, secret } = deps;

  async function rewardOf(form: CaptureForm, leadId: string): Promise<RewardAnswer | null> {
    if (form.magnet === null) return null;
    const lead = await db.conversion.findUnique({
      where: { id: leadId },
      select: { rewardKind: true, poolEmpty: true, convertedAt: true },
    });
    if (!lead) return null;
    if (lead.poolEmpty) return { kind: "CODE_POOL", empty: true };
    if (lead.rewardKind === null) return null;
    // The expiry follows from the lead, so a retried submission gets the very same link.
    const expires = new Date(lead.convertedAt.getTime() + form.magnet.linkTtlHours * 3_600_000);
    return {
      kind: lead.rewardKind,
      title: form.magnet.title,
      token: signRewardLink(secret, leadId, expires),
    };
  }

  return async function submit(form: CaptureForm, s: Submission): Promise<SubmitOutcome> {
    if (!(await rateLimit.hit(form.id, s.address ?? "unknown", form.rateLimitPerHour, s.at))) {
      return { kind: "refused", error: "rate_limited" };
    }
    const token = verifyFormToken(secret, s.token, form.key, s.clickId, s.at);
    if (!token.ok)
      return { kind: "refused", error: token.reason === "stale" ? "stale_token" : "invalid_token" };
    if (s.honeypot !== "") return { kind: "refused", error: "honeypot" };
    if (s.at.getTime() / 1000 - token.issuedAt < form.minFillSeconds)
      return { kind: "refused", error: "too_fast" };

    const click = s.clickId === null ? null : await findClick(s.clickId);
    const checked = validateLead(form.fields, s.input, {
      defaultCountry: click?.country ?? null,
      consentRequired: form.consentText !== null,
    });
    if (!checked.ok) return { kind: "invalid", errors: checked.errors };

    const lead = checked.lead;
    const result = await record({
      offer: form.offer,
      source: "LEAD_FORM",
      clickId: s.clickId,
      click,
      direct: s.clickId === null,
      transactionId:
        s.clickId === null
          ? `form:${token.nonce}`
          : conversionTransactionId({
              advertiserTransactionId: null,
              clickId: s.clickId,
              goal: "lead",
              kind: "lead",
            }),
      goal: "lead",
      intent: null,
      // Forms report no sale: a revenue-share offer's lead is worth its share of nothing.
      saleAmount: form.offer.payoutModel === "REVSHARE" ? 0n : null,
      lead: {
        name: lead.name,
        email: lead.email,
        phone: lead.phone,
        fields: lead.values,
        consentText: form.consentText,
        consentAt: form.consentText === null ? null : s.at,
        consentVersion: form.consentText === null ? null : form.consentVersion,
        captureChannel: s.channel,
        conversation: s.channel === "chat" ? s.conversation : null,
        reward: form.magnet ? { magnetId: form.magnet.id, kind: form.magnet.kind } : null,
      },
      at: s.at,
      log: null,
    });
    if (result.kind === "invalid" && result.reason === "publisher_suspended") {
      logger.info({ offerId: form.offer.id, reason: result.reason }, "lead form refused");
      return { kind: "refused", error: "not_available" };
    }
    const leadId =
      result.kind === "recorded"
        ? result.conversion.id
        : result.kind === "invalid"
          ? null
          : result.conversionId;
    logger.info({ offerId: form.offer.id, channel: s.channel, outcome: result.kind }, "lead form submitted");
    if (leadId === null) throw new Error(`lead form submission could not be recorded: ${result.kind}`);
    return { kind: "accepted", leadId, reward: await rewardOf(form, leadId) };
  };
}
export type LeadSubmitter = ReturnType<typeof createLeadSubmitter>;
