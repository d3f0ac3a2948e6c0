// Whether a click on a known link goes to the offer, and if not, why. Pure: the config and what we
// know of the visitor in, a verdict out. Checked in this order, so the reason names the first problem.
import type { DeviceType } from "@leadrail/db";
import type { LinkConfig } from "./link-config.ts";

export type RejectReason =
  | "unknown_link"
  | "link_disabled"
  | "offer_not_active"
  | "not_approved"
  | "geo_not_targeted"
  | "device_not_targeted"
  /** The offer's landing URL cannot be redirected to safely (see landing-url.ts); an ops problem. */
  | "invalid_landing_url";

export interface Visitor {
  country: string | null;
  deviceType: DeviceType | null;
}

export function rejectReason(config: LinkConfig | null, visitor: Visitor): RejectReason | null {
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
