// The custom payout form's model: the API's own field rules (@leadrail/db/offer-terms: countryCode,
// amount, basisPoints) behind the translation a form needs (an amount typed in major units of the
// offer's currency, a share typed as a percentage, an empty country for every country). Its output is
// the API's SetCustomPayoutInput less the offer.
import * as rules from "@leadrail/db/offer-terms";
import { z } from "zod";
import { parseMajor } from "../money.ts";

/** Runs a shared rule on an already translated value and reports its issues on this field. */
function check<T>(rule: z.ZodType<T>, value: T, ctx: z.RefinementCtx): void {
  for (const issue of rule.safeParse(value).error?.issues ?? []) {
    ctx.addIssue({ code: "custom", message: issue.message });
  }
}

export function customPayoutForm(offer: { currency: string; payoutModel: string }) {
  const revshare = offer.payoutModel === "REVSHARE";
  return z
    .object({
      publisherId: z.string().min(1, "choose a publisher"),
      country: z
        .string()
        .trim()
        .toUpperCase()
        .superRefine((code, ctx) => {
          if (code) check(rules.countryCode, code, ctx);
        }),
      amount: z.string().transform((text, ctx) => {
        if (revshare) {
          // A percentage with at most two decimals is a whole number of basis points.
          const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
          if (!match) {
            ctx.addIssue({
              code: "custom",
              message: "enter a percentage with at most 2 decimals, e.g. 12.5",
            });
            return z.NEVER;
          }
          const bps = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
          // The rule counts basis points; the person typed percent.
          if (bps > 10_000) ctx.addIssue({ code: "custom", message: "must be at most 100 %" });
          else check(rules.basisPoints, bps, ctx);
          return bps;
        }
        const minor = parseMajor(text, offer.currency);
        if (minor === null) {
          ctx.addIssue({ code: "custom", message: `enter an amount in ${offer.currency}, e.g. 4.20` });
          return z.NEVER;
        }
        check(rules.amount, BigInt(minor), ctx);
        return minor;
      }),
    })
    .transform(({ publisherId, country, amount }) => ({
      publisherId,
      country: country || null,
      payout: typeof amount === "string" ? amount : null,
      payoutShareBps: typeof amount === "number" ? amount : null,
    }));
}

/** The API's argument paths on the form's fields: payout and payoutShareBps are both "amount". */
export function customPayoutFieldOf(path: readonly string[]): "publisherId" | "country" | "amount" | null {
  const name = path.at(-1);
  if (name === "payout" || name === "payoutShareBps") return "amount";
  if (name === "publisherId" || name === "country") return name;
  return null;
}
