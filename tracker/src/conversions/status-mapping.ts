// What an advertiser's `status` value means, in the words the common trackers use. The status table in
// docs/advertiser-guide.md is written from the same list by hand: keep them in step.
//
// Numbers follow Affise (1 confirmed, 2 pending, 3 declined, 5 hold) with the widespread extras
// 0 = pending and -1 = rejected. "lead" is Keitaro's pending and "sale" its approved; "rebill" is a
// recurring sale (its own transaction id), so it is approved.
import type { StatusIntent } from "@leadrail/db";

export const STATUS_WORDS: Readonly<Record<StatusIntent, readonly string[]>> = {
  approved: [
    "approved",
    "approve",
    "confirmed",
    "confirm",
    "accepted",
    "accept",
    "sale",
    "rebill",
    "paid",
    "success",
    "completed",
    "1",
  ],
  pending: ["pending", "hold", "on_hold", "lead", "new", "waiting", "processing", "0", "2", "5"],
  rejected: [
    "rejected",
    "reject",
    "declined",
    "decline",
    "denied",
    "cancelled",
    "canceled",
    "invalid",
    "fraud",
    "trash",
    "failed",
    "3",
    "-1",
  ],
  reversed: ["reversed", "reversal", "reverse", "chargeback", "refund", "refunded", "returned", "clawback"],
};

const byWord = new Map<string, StatusIntent>(
  Object.entries(STATUS_WORDS).flatMap(([intent, words]) => words.map((w) => [w, intent as StatusIntent])),
);

/** null when the word is unknown: the postback is refused rather than guessed at. */
export function statusIntentOf(raw: string): StatusIntent | null {
  const word = raw.trim().toLowerCase();
  // "On Hold" and "on-hold" are "on_hold"; "-1" keeps its minus sign.
  return byWord.get(/^-?\d+$/.test(word) ? word : word.replace(/[\s-]+/g, "_")) ?? null;
}
