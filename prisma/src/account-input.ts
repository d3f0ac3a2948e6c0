// What an admin may type to create accounts and users, change a role, suspend an account or create an
// API key: the API's arguments validate with these models and the dashboard's admin forms run the same
// models before the round trip (docs/dashboard.md, "Forms"). Free of Prisma: the dashboard imports
// this file as @leadrail/db/account-input.
import { z } from "zod";
import { amount, currency } from "./offer-terms.ts";

// The Prisma enum as a plain union (the generated client is not Prisma-free); equal by construction.
export const ROLES = ["ADVERTISER", "PUBLISHER", "FINANCE", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** An advertiser's or publisher's name; a user's name obeys the same rule. */
export const accountName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters");
export const userName = accountName;

export const payoutCurrency = currency;
/** Minor units of the publisher's payout currency; statements below it carry forward. */
export const minimumPayout = amount;

/** Stored lower-case, so one person has one user whatever the capitals typed. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .email("must be an e-mail address")
  .max(320, "must be at most 320 characters");

export const password = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(1024, "must be at most 1024 characters");

/** A form's password box: empty means none (the user only uses API keys), otherwise the rule above. */
export const optionalPassword = z
  .string()
  .transform((value) => (value === "" ? null : value))
  .pipe(password.nullable());

export const role = z.enum(ROLES, { message: "choose a role" });

/** ADVERTISER and PUBLISHER users belong to an account of that kind; ADMIN and FINANCE to none. */
export function roleNeedsAccount(role: Role): role is "ADVERTISER" | "PUBLISHER" {
  return role === "ADVERTISER" || role === "PUBLISHER";
}

/** What is wrong with a role's account (the users table's CHECK says the same), or null. */
export function accountProblem(role: Role, hasAccount: boolean): string | null {
  if (roleNeedsAccount(role) && !hasAccount) {
    return `choose the ${role === "ADVERTISER" ? "advertiser" : "publisher"} this user belongs to`;
  }
  if (!roleNeedsAccount(role) && hasAccount) return `${role.toLowerCase()} users belong to no account`;
  return null;
}

/** The account a user belongs to, as the GraphQL ID the API takes; null for network roles. */
const accountId = z
  .string()
  .nullable()
  .transform((value) => value || null);

function accountRule(input: { role: Role; accountId: string | null }, ctx: z.RefinementCtx<unknown>) {
  const problem = accountProblem(input.role, Boolean(input.accountId));
  if (problem) ctx.addIssue({ code: "custom", path: ["accountId"], message: problem });
}

export const newAdvertiserInput = z.object({ name: accountName });

/** createUser's arguments; `password` empty means none. */
export const newUserInput = z
  .object({ role, accountId, email, name: userName, password: optionalPassword })
  .superRefine(accountRule);
export type NewUserInput = z.input<typeof newUserInput>;

/** setUserRole's role and account. */
export const roleChangeInput = z.object({ role, accountId }).superRefine(accountRule);
export type RoleChangeInput = z.input<typeof roleChangeInput>;

/** Why an account is suspended or a user disabled: kept in the audit log beside the change. */
export const statusReason = z.string().trim().max(500, "must be at most 500 characters");

/** A reason as the API takes it: optional (reactivating needs none); blank is none. */
export const optionalStatusReason = statusReason.nullish().transform((value) => value || null);

/** The suspend and disable dialogs: a reason is required. */
export const suspensionInput = z.object({
  reason: statusReason.min(1, "say why, in a few words: it is kept in the audit log"),
});

export const SUSPENSION_REASON_REQUIRED = "say why the account is suspended";

export const apiKeyName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters");

/** createApiKey's arguments: whose key (a user's GraphQL ID) and what it is for. */
export const newApiKeyInput = z.object({
  userId: z.string({ message: "choose the user" }).min(1, "choose the user"),
  name: apiKeyName,
});
export type NewApiKeyInput = z.input<typeof newApiKeyInput>;
