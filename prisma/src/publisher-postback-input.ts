// A publisher's postback template as the API takes it and the dashboard's form checks it: one set of
// field rules, used field by field on the API's PostbackTemplateInput and as a whole by the form, so a
// mistake is shown before the round trip with the API's own words. Prisma-free (a subpath export,
// @leadrail/db/publisher-postback-input). The "no private address" check is not here: the API makes
// it, since a deployment may lift it (POSTBACK_ALLOW_PRIVATE_NETWORKS).
import { z } from "zod";
import { urlTemplateProblem } from "./macros.ts";

// The Prisma enums as plain unions (the generated client is not Prisma-free); equal by construction.
export const POSTBACK_METHODS = ["GET", "POST_JSON"] as const;
export const POSTBACK_STATUSES = ["APPROVED", "PENDING", "REJECTED", "REVERSED"] as const;
export type PostbackStatus = (typeof POSTBACK_STATUSES)[number];

export const SECRET_MIN = 16;
export const SECRET_MAX = 200;

export const postbackUrlTemplate = z.string().superRefine((value, ctx) => {
  const problem = urlTemplateProblem(value, "postback");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const postbackStatuses = z
  .array(z.enum(POSTBACK_STATUSES))
  .refine((list) => new Set(list).size === list.length, "must not repeat a status");

export const postbackSecret = z
  .string()
  .min(SECRET_MIN, `must be at least ${SECRET_MIN} characters`)
  .max(SECRET_MAX, `must be at most ${SECRET_MAX} characters`);

/**
 * The form: the offer as its select's value ("" = all offers), the secret as typed ("" = let the API
 * generate one; only POST_JSON signs). Its output is the API's input, ready to send.
 */
export const postbackTemplateForm = z
  .object({
    urlTemplate: z.string().trim().min(1, "enter your tracker's postback URL").pipe(postbackUrlTemplate),
    offerId: z.string(),
    method: z.enum(POSTBACK_METHODS),
    statuses: postbackStatuses,
    secret: z.string().trim(),
  })
  .superRefine((form, ctx) => {
    if (form.method !== "POST_JSON" || form.secret === "") return;
    for (const issue of postbackSecret.safeParse(form.secret).error?.issues ?? []) {
      ctx.addIssue({ code: "custom", path: ["secret"], message: issue.message });
    }
  })
  .transform((form) => ({
    offerId: form.offerId || null,
    method: form.method,
    urlTemplate: form.urlTemplate,
    statuses: form.statuses,
    secret: form.method === "POST_JSON" && form.secret ? form.secret : null,
  }));

export type PostbackTemplateFormValues = z.input<typeof postbackTemplateForm>;
