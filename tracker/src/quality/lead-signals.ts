// The quality signals of a new conversion, from facts the recorder gathered (click, link, block,
// duplicate lookup). Pure. Each signal is stored on the conversion as { code, detail }; the offer's
// policy (verdict.ts) decides what they do.
import type { QualitySignalCode } from "@leadrail/db/conversion-reasons";
import { emailDomain } from "./contact-key.ts";
import { isDisposableDomain, isValidEmailDomain } from "./email-domains.ts";

/** The codes and their words live once in @leadrail/db (the API and the dashboard read them too). */
export type SignalCode = QualitySignalCode;

export interface QualitySignal {
  code: SignalCode;
  detail: string;
}

export interface SignalClick {
  createdAt: Date;
  status: "ACCEPTED" | "REJECTED";
  rejectReason: string | null;
  isBot: boolean;
  fraudReason: string | null;
  country: string | null;
}

export interface SignalFacts {
  /** The click the conversion names (any offer), or null when there is none. */
  click: SignalClick | null;
  /** A direct lead names no click on purpose: no no_click signal. */
  direct?: boolean;
  /**
   * A lead the publisher posted without a click (lead API): not no_click (it is their traffic), and
   * nothing to time a fast conversion against; the country and bot checks use what they sent.
   */
  posted?: { country: string | null; isBot: boolean } | null;
  offer: { minSecondsToConvert: number; countries: readonly string[] };
  at: Date;
  /** The click's link is disabled now (it was live when clicked). */
  linkDisabled: boolean;
  publisherBlocked: boolean;
  /** Id of an earlier lead of the same advertiser with the same e-mail or phone, within the window. */
  duplicateOf: { id: string; by: "email" | "phone" } | null;
  email: string | null;
}

/** Velocity reasons are written by the click writer (clicks/velocity.ts). */
function isVelocity(reason: string | null): boolean {
  return reason?.startsWith("velocity_") ?? false;
}

export function leadSignals(facts: SignalFacts): QualitySignal[] {
  const signals: QualitySignal[] = [];
  const { click, offer } = facts;
  if (facts.publisherBlocked) signals.push({ code: "publisher_blocked", detail: "blocked by an admin" });

  const posted = click === null ? (facts.posted ?? null) : null;
  if (posted !== null) {
    // An unknown country is not held against it: the publisher need not send the visitor's address.
    if (offer.countries.length > 0 && posted.country !== null && !offer.countries.includes(posted.country)) {
      signals.push({ code: "country_not_targeted", detail: `country ${posted.country} (posted lead)` });
    }
    if (posted.isBot) signals.push({ code: "bot_click", detail: "bot user agent (posted lead)" });
  } else if (click === null) {
    if (!facts.direct) signals.push({ code: "no_click", detail: "no click of ours with this id" });
  } else {
    if (click.status === "REJECTED") {
      const reason = click.rejectReason ?? "unknown";
      const code =
        reason === "geo_not_targeted"
          ? "country_not_targeted"
          : reason === "link_disabled"
            ? "link_paused"
            : "click_rejected";
      signals.push({ code, detail: `click rejected: ${reason}` });
    } else {
      // The click was fine when made; the offer or link may have changed since.
      if (facts.linkDisabled) signals.push({ code: "link_paused", detail: "the link is disabled" });
      if (offer.countries.length > 0 && !(click.country && offer.countries.includes(click.country))) {
        signals.push({ code: "country_not_targeted", detail: `country ${click.country ?? "unknown"}` });
      }
    }
    // The click writer's velocity reason replaces the click path's bot reason, never its flag: a bot
    // stays a bot_click (which is never paid), whatever else it did.
    if (click.isBot) {
      const velocity = isVelocity(click.fraudReason);
      signals.push({
        code: "bot_click",
        detail: (velocity ? null : click.fraudReason) ?? "bot user agent",
      });
      if (velocity) signals.push({ code: "velocity_click", detail: click.fraudReason ?? "" });
    } else if (isVelocity(click.fraudReason)) {
      signals.push({ code: "velocity_click", detail: click.fraudReason ?? "" });
    } else if (click.fraudReason !== null) {
      signals.push({ code: "suspicious_click", detail: click.fraudReason });
    }
    const seconds = (facts.at.getTime() - click.createdAt.getTime()) / 1000;
    if (offer.minSecondsToConvert > 0 && seconds < offer.minSecondsToConvert) {
      signals.push({
        code: "fast_conversion",
        detail: `${Math.max(0, Math.floor(seconds))} s after the click (minimum ${offer.minSecondsToConvert} s)`,
      });
    }
  }

  if (facts.duplicateOf) {
    signals.push({
      code: "duplicate_lead",
      detail: `same ${facts.duplicateOf.by} as lead ${facts.duplicateOf.id}`,
    });
  }
  const domain = facts.email === null ? null : emailDomain(facts.email);
  if (domain !== null) {
    if (!isValidEmailDomain(domain)) signals.push({ code: "invalid_email_domain", detail: domain });
    else if (isDisposableDomain(domain)) signals.push({ code: "disposable_email", detail: domain });
  }
  return signals;
}
