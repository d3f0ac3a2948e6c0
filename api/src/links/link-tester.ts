// The link tester: what the tracker would do with a click on one of your links from a country and
// device you pick, and why — without sending traffic or recording anything. It loads the link the way
// the tracker does (@leadrail/db/link-config) and applies the tracker's own rule
// (@leadrail/db/click-targeting), so the answer cannot drift from what real clicks get.
import type { Db } from "@leadrail/db";
import {
  explainRejection,
  type RejectReason,
  rejectReason,
  rejectReasonWords,
  type Visitor,
} from "@leadrail/db/click-targeting";
import { loadOwnLinkConfig } from "@leadrail/db/link-config";

export type Destination = "LANDING_PAGE" | "FALLBACK_URL" | "NOT_FOUND_PAGE";

export interface LinkTest {
  accepted: boolean;
  reason: RejectReason | null;
  /** Where the visitor would land: the landing template (macros filled per click) or the fallback URL. */
  destination: Destination;
  url: string | null;
  /** One sentence: "rejected: geo_not_targeted → fallback URL …, because …". */
  explanation: string;
}

/** Null when the link is not the publisher's (or does not exist). */
export async function testLink(
  db: Db,
  publisherId: number,
  linkId: number,
  visitor: Visitor,
): Promise<LinkTest | null> {
  const config = await loadOwnLinkConfig(db, linkId, publisherId);
  if (!config) return null;
  const reason = rejectReason(config, visitor);
  if (reason === null && config.landing) {
    return {
      accepted: true,
      reason: null,
      destination: "LANDING_PAGE",
      url: config.landing.template,
      explanation: `accepted → the offer's landing page ${config.landing.template} (macros such as {click_id} are filled per click)`,
    };
  }
  const why = reason ?? "invalid_landing_url";
  const [destination, where]: [Destination, string] = config.fallbackUrl
    ? ["FALLBACK_URL", `the offer's fallback URL ${config.fallbackUrl}`]
    : ["NOT_FOUND_PAGE", "a 'link not found' page (the offer has no fallback URL)"];
  return {
    accepted: false,
    reason: why,
    destination,
    url: config.fallbackUrl,
    explanation: `rejected: ${why} (${rejectReasonWords(why).toLowerCase()}) → ${where}, because ${explainRejection(why, config, visitor)}`,
  };
}
