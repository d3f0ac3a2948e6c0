// Which click a conversion is credited to, if any. A conversion is credited only to an accepted
// click of the same offer made within the offer's attribution window; anything else is recorded as a
// rejected conversion with the reason, paying nothing.
import type { DeviceType } from "@leadrail/db";
import type { SubId } from "@leadrail/db/macros";

/** What attribution and the conversion need from a click, whether it came from Redis or PostgreSQL. */
export interface ClickFacts {
  id: string;
  createdAt: Date;
  status: "ACCEPTED" | "REJECTED";
  offerId: number | null;
  publisherId: number | null;
  linkId: number | null;
  subs: Partial<Record<SubId, string>>;
  source: string | null;
  country: string | null;
  deviceType: DeviceType | null;
  /** Lead quality (../quality/lead-signals.ts) reads these. */
  rejectReason: string | null;
  isBot: boolean;
  isUnique: boolean;
  fraudReason: string | null;
}

export type AttributionReason = "no_click" | "offer_mismatch" | "click_rejected" | "click_expired";

export type Attribution =
  /** `click` null: a lead the publisher posted itself through the lead API (their traffic, no click). */
  | { ok: true; click: ClickFacts | null; publisherId: number | null }
  | {
      ok: false;
      reason: AttributionReason;
      click: ClickFacts | null;
      /**
       * The click's publisher when the click is theirs on this offer (rejected or expired): the
       * rejected conversion shows in their reports with its reason. null for another offer's click.
       */
      publisherId: number | null;
    };

export function attribute(
  click: ClickFacts | null,
  offer: { id: number; attributionWindowHours: number },
  at: Date,
): Attribution {
  if (click === null) return { ok: false, reason: "no_click", click: null, publisherId: null };
  if (click.offerId !== offer.id) return { ok: false, reason: "offer_mismatch", click, publisherId: null };
  const publisherId = click.publisherId;
  if (click.status !== "ACCEPTED") return { ok: false, reason: "click_rejected", click, publisherId };
  const ageMs = at.getTime() - click.createdAt.getTime();
  if (ageMs > offer.attributionWindowHours * 3_600_000) {
    return { ok: false, reason: "click_expired", click, publisherId };
  }
  return { ok: true, click, publisherId };
}
