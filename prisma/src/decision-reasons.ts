// The reasons a person gives with a decision a publisher reads: approving, rejecting or blocking an
// application, rejecting or returning a lead. One home for their rules, used by the API's arguments
// and the dashboard's dialogs (so an empty or overlong reason is shown before the round trip).
// Prisma-free: a subpath export, @leadrail/db/decision-reasons.
import { z } from "zod";

export const APPLICATION_REASON_MAX = 1000;
export const LEAD_REASON_MAX = 500;

/** An application's decision or block reason; optional for approve and reject. */
export const applicationReason = z
  .string()
  .trim()
  .max(APPLICATION_REASON_MAX, `must be at most ${APPLICATION_REASON_MAX} characters`);

/** A block's reason: required (the publisher is told why it can no longer run the offer). */
export const blockReason = applicationReason.min(1, "must not be empty");

/** A lead's rejection or return reason (a code, or a code and a note, or free text). */
export const leadReason = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(LEAD_REASON_MAX, `must be at most ${LEAD_REASON_MAX} characters`);

/** A reason code with an optional note after a colon, as a publisher reads it: "invalid_contact: …". */
export function leadReasonText(code: string, note: string): string {
  const trimmed = note.trim();
  if (!code) return trimmed;
  return trimmed ? `${code}: ${trimmed}` : code;
}

// ───────────────────────────── the dashboard's forms ─────────────────────────────
// The same rules, with what to do when the field is empty said to the person filling it in.

/** One reason field; `required` says why it is needed when it is. */
export function reasonForm(rule: "application" | "block" | "lead", required?: string) {
  const base = rule === "lead" ? leadReason : rule === "block" ? blockReason : applicationReason;
  const text = z.string().trim();
  return z.object({
    reason: (required ? text.min(1, required) : text).pipe(base),
  });
}

/**
 * A lead's rejection: a reason code from the dashboard's list and an optional note, which the API
 * stores as one text (leadReasonText). With `codeRequired` false, a note alone will do.
 */
export function leadRejectForm(codeRequired: boolean) {
  return z
    .object({ code: z.string(), note: z.string() })
    .superRefine(({ code, note }, ctx) => {
      if (!code && (codeRequired || !note.trim())) {
        const message = codeRequired
          ? "choose a reason code; the publisher sees it"
          : "choose a reason code or write a reason; the publisher sees it";
        ctx.addIssue({ code: "custom", path: ["code"], message });
        return;
      }
      const text = leadReasonText(code, note);
      for (const issue of leadReason.safeParse(text).error?.issues ?? []) {
        // The note is what a person can shorten; the code has a fixed length.
        const room = LEAD_REASON_MAX - (code ? code.length + 2 : 0);
        ctx.addIssue({
          code: "custom",
          path: ["note"],
          message: issue.code === "too_big" ? `must be at most ${room} characters` : issue.message,
        });
      }
    })
    .transform(({ code, note }) => ({ reason: leadReasonText(code, note) }));
}
