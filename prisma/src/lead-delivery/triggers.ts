// Which destinations a conversion's move sends the lead to. Pure; the tracker's record path and the
// API's decisions write lead_delivery_outbox rows for these triggers in the move's own transaction.
import type { LeadDeliveryTrigger } from "./config.ts";

type Status = "PENDING" | "APPROVED" | "REJECTED" | "REVERSED";

/**
 * A lead recorded goes to the REAL_TIME destinations unless it is rejected on arrival
 * (no click, a fraud signal under a REJECT policy...), and to the ON_CONFIRMATION ones too when it is
 * approved on arrival (an AUTO offer). A later move to APPROVED (the advertiser's confirmation, the
 * tracker's approving postback, an overturn) sends it to the ON_CONFIRMATION destinations only: the
 * REAL_TIME ones had their chance on arrival. Rejections and reversals send nothing.
 */
export function deliveryTriggers(event: "recorded" | "changed", to: Status): LeadDeliveryTrigger[] {
  if (event === "recorded") {
    if (to === "PENDING") return ["REAL_TIME"];
    if (to === "APPROVED") return ["REAL_TIME", "ON_CONFIRMATION"];
    return [];
  }
  return to === "APPROVED" ? ["ON_CONFIRMATION"] : [];
}
