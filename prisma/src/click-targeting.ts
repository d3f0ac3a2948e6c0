// Whether a click on a known link goes to the offer, and if not, why. Pure: the config and what we
// know of the visitor in, a verdict out. Checked in this order, so the reason names the first problem.
// The one home of the rule: the tracker decides real clicks with it, the API's link tester explains
// a pretend click with it, and the dashboard shows its reasons in words. Free of Prisma (a subpath
// export, @leadrail/db/click-targeting) so a browser bundle can import the words.

export type TargetingDevice = "DESKTOP" | "MOBILE" | "TABLET" | "OTHER";

export const REJECT_REASONS = [
  "unknown_link",
  "link_disabled",
  "offer_not_active",
  "not_approved",
  "geo_not_targeted",
  "device_not_targeted",
  /** The offer's landing URL cannot be redirected to safely (see landing-url.ts); an ops problem. */
  "invalid_landing_url",
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Visitor {
  country: string | null;
  deviceType: TargetingDevice | null;
}

/** What the rule reads of a link's configuration (the tracker's LinkConfig has all of it). */
export interface TargetingConfig {
  linkDisabled: boolean;
  /** ACTIVE offer of an ACTIVE advertiser. */
  offerActive: boolean;
  /** The publisher may send traffic: PUBLIC offer or APPROVED application, not blocked, not suspended. */
  approved: boolean;
  /** Upper-case ISO 3166-1 alpha-2; empty = every country. */
  countries: ReadonlySet<string>;
  /** Empty = every device. */
  devices: ReadonlySet<TargetingDevice>;
  /** Null when the landing URL template is unusable. */
  landing: object | null;
}

export function rejectReason(config: TargetingConfig | null, visitor: Visitor): RejectReason | null {
  if (config === null) return "unknown_link";
  if (config.linkDisabled) return "link_disabled";
  if (!config.offerActive) return "offer_not_active";
  if (!config.approved) return "not_approved";
  // A targeted offer does not take traffic from an unknown country: it pays for the listed ones.
  if (config.countries.size > 0 && (visitor.country === null || !config.countries.has(visitor.country))) {
    return "geo_not_targeted";
  }
  if (config.devices.size > 0 && (visitor.deviceType === null || !config.devices.has(visitor.deviceType))) {
    return "device_not_targeted";
  }
  if (config.landing === null) return "invalid_landing_url";
  return null;
}

/** Each reason as a short phrase for lists (click logs, reports). */
export const REJECT_REASON_WORDS: Record<RejectReason, string> = {
  unknown_link: "Unknown link",
  link_disabled: "Link turned off",
  offer_not_active: "Offer not running",
  not_approved: "Not approved for this offer",
  geo_not_targeted: "Country not targeted",
  device_not_targeted: "Device not targeted",
  invalid_landing_url: "Offer's landing page unusable",
};

/** A reason code as words; an unknown code (a newer tracker) as itself, readable. */
export function rejectReasonWords(reason: string | null | undefined): string {
  if (!reason) return "—";
  return (REJECT_REASON_WORDS as Record<string, string>)[reason] ?? reason.replace(/_/g, " ");
}

const list = (values: ReadonlySet<string>) => `[${[...values].sort().join(", ")}]`;

/** Why a click was refused, in a sentence naming the visitor's values and the offer's. */
export function explainRejection(
  reason: RejectReason,
  config: TargetingConfig | null,
  visitor: Visitor,
): string {
  switch (reason) {
    case "unknown_link":
      return "no link has this code";
    case "link_disabled":
      return "you turned this link off";
    case "offer_not_active":
      return "the offer (or its advertiser) is not running";
    case "not_approved":
      return "you are not approved for this offer (or were blocked, or your account is suspended)";
    case "geo_not_targeted":
      return visitor.country === null
        ? `the click's country is unknown (a private or local address such as 127.0.0.1 has none), and the offer only takes ${list(config?.countries ?? new Set())}`
        : `the click's country ${visitor.country} is not in the offer's countries ${list(config?.countries ?? new Set())}`;
    case "device_not_targeted":
      return visitor.deviceType === null
        ? `the click's device is unknown, and the offer only takes ${list(config?.devices ?? new Set())}`
        : `the click's device ${visitor.deviceType} is not in the offer's devices ${list(config?.devices ?? new Set())}`;
    case "invalid_landing_url":
      return "the offer's landing URL cannot be redirected to safely; the advertiser must fix it";
  }
}
