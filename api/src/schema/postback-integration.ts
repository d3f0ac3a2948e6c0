// The advertiser's integration screen: the postback secret revealed on demand (audited, never logged
// itself), and how each logged postback was read — the values the tracker took from its parameters,
// by the same aliases it reads them with (@leadrail/db/postback-aliases).
import { PARAM_ALIASES, pickParam } from "@leadrail/db/postback-aliases";
import { revealPostbackSecret } from "../accounts/reveal-postback-secret.ts";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError } from "../errors.ts";
import { intId } from "./common.ts";

interface Reading {
  status: string | null;
  amount: string | null;
  goal: string | null;
  currency: string | null;
}

const PostbackReadingRef = builder.objectRef<Reading>("PostbackReading").implement({
  description:
    "The values the tracker read from a postback's parameters (status word, amount, goal, currency) as sent; " +
    "click and transaction ids are on the log row itself.",
  fields: (t) => ({
    status: t.exposeString("status", { nullable: true }),
    amount: t.exposeString("amount", { nullable: true, description: "Decimal text, as sent." }),
    goal: t.exposeString("goal", { nullable: true }),
    currency: t.exposeString("currency", { nullable: true }),
  }),
});

function readingOf(params: unknown): Reading {
  const raw =
    typeof params === "object" && params !== null && !Array.isArray(params)
      ? Object.fromEntries(
          Object.entries(params as Record<string, unknown>).flatMap(([key, value]) =>
            typeof value === "string" || typeof value === "number" ? [[key, String(value)]] : [],
          ),
        )
      : {};
  const value = (names: readonly string[]) => pickParam(raw, names)?.[1] ?? null;
  return {
    status: value(PARAM_ALIASES.status),
    amount: value(PARAM_ALIASES.amount),
    goal: value(PARAM_ALIASES.goal),
    currency: value(PARAM_ALIASES.currency),
  };
}

builder.prismaObjectFields("InboundPostback", (t) => ({
  reading: t.field({
    type: PostbackReadingRef,
    select: { params: true },
    resolve: (row) => readingOf(row.params),
  }),
}));

const RevealedSecretRef = builder.objectRef<{ secret: string }>("RevealedPostbackSecret").implement({
  description: "The current postback secret (send it as token= or use it as the HMAC key).",
  fields: (t) => ({ secret: t.exposeString("secret") }),
});

builder.mutationField("revealPostbackSecret", (t) =>
  t.field({
    type: RevealedSecretRef,
    description:
      "Shows the advertiser's current postback secret. A mutation, not a query, so that each reveal is a " +
      "deliberate act recorded in the audit log (the secret itself is never logged).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { advertiserId: t.arg.id({ description: "Admins only." }).validate(intId.nullish()) },
    resolve: async (_root, args, ctx) => {
      return revealPostbackSecret(ctx.db, requireViewer(ctx), args.advertiserId);
    },
  }),
);
