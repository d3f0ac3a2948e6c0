// One lead as its advertiser opens it: who sent it (publisher), the click behind it (id, time, sub
// IDs) and what happened to it (status history from the audit log), beside the inbox's fields; how it
// was captured (channel, consent version, a chat's conversation) and the reward it was given.
import { parseClickParams } from "@leadrail/db/macros";
import { managedOffers, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { ConversionStatusEnum, uuidId } from "./common.ts";
import { LeadRef } from "./leads.ts";
import { ClickParamsRef } from "./links.ts";

interface LeadEvent {
  at: Date;
  action: string;
  status: string | null;
  reason: string | null;
}

const LeadEventRef = builder.objectRef<LeadEvent>("LeadEvent").implement({
  description: "One step of a lead's history: its arrival, then each decision recorded in the audit log.",
  fields: (t) => ({
    at: t.expose("at", { type: "DateTime" }),
    action: t.exposeString("action", {
      description: "received, lead.confirm, lead.reject, lead.return, lead.overturn, lead.erase…",
    }),
    status: t.field({
      type: ConversionStatusEnum,
      nullable: true,
      description: "The status it moved to (null when the step did not change it).",
      resolve: (event) => event.status as "PENDING" | "APPROVED" | "REJECTED" | "REVERSED" | null,
    }),
    reason: t.exposeString("reason", {
      nullable: true,
      description: "The rejection or return reason given.",
    }),
  }),
});

const STATUSES = new Set(["PENDING", "APPROVED", "REJECTED", "REVERSED"]);
const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

interface ChatMessage {
  from: string;
  text: string;
  at: string;
}

const ChatMessageRef = builder.objectRef<ChatMessage>("LeadChatMessage").implement({
  description: "One message of a chat-mode lead's conversation.",
  fields: (t) => ({
    from: t.exposeString("from", { description: "bot | visitor" }),
    text: t.exposeString("text"),
    at: t.exposeString("at", { description: "ISO-8601 time." }),
  }),
});

/** The stored transcript, each message as written by the tracker; anything else is left out. */
function chatMessages(json: unknown): ChatMessage[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((m) =>
    m && typeof m === "object" && typeof m.text === "string" && typeof m.from === "string"
      ? [{ from: m.from, text: m.text, at: typeof m.at === "string" ? m.at : "" }]
      : [],
  );
}

builder.prismaObjectFields(LeadRef, (t) => ({
  consentVersion: t.exposeInt("consentVersion", {
    nullable: true,
    description: "The version of the form's consent text the visitor agreed to.",
  }),
  captureChannel: t.exposeString("captureChannel", {
    nullable: true,
    description: "How the lead was captured: form | widget | chat | api.",
  }),
  conversation: t.field({
    type: [ChatMessageRef],
    nullable: true,
    description: "A chat-mode lead's conversation (null for other channels).",
    select: { conversation: true },
    resolve: (lead) => (lead.conversation == null ? null : chatMessages(lead.conversation)),
  }),
  rewardKind: t.exposeString("rewardKind", {
    nullable: true,
    description: "The lead magnet given: FILE | LINK | CODE_POOL.",
  }),
  rewardCode: t.exposeString("rewardCode", { nullable: true, description: "CODE_POOL: the code given." }),
  rewardGivenAt: t.expose("rewardGivenAt", { type: "DateTime", nullable: true }),
  poolEmpty: t.exposeBoolean("poolEmpty", {
    nullable: true,
    description: "The offer promised a code but its pool was empty.",
  }),
  publisher: t.relation("publisher", { nullable: true }),
  clickId: t.exposeString("clickId", { nullable: true }),
  clickAt: t.expose("clickAt", { type: "DateTime", nullable: true }),
  subs: t.field({
    type: ClickParamsRef,
    description: "The click's sub IDs and traffic source.",
    select: { subs: true },
    resolve: (lead) => parseClickParams(lead.subs),
  }),
  history: t.field({
    type: [LeadEventRef],
    description: "Arrival, then each decision on this lead (oldest first).",
    select: { id: true, convertedAt: true },
    resolve: async (lead, _args, ctx) => {
      const rows = await ctx.db.auditLog.findMany({
        where: { entityType: "Conversion", entityId: lead.id },
        orderBy: { id: "asc" },
        select: { action: true, after: true, createdAt: true },
      });
      const events: LeadEvent[] = [{ at: lead.convertedAt, action: "received", status: null, reason: null }];
      for (const row of rows) {
        const after = (row.after ?? {}) as Record<string, unknown>;
        const status = text(after.status);
        events.push({
          at: row.createdAt,
          action: row.action,
          status: status && STATUSES.has(status) ? status : null,
          reason: text(after.statusReason) ?? text(after.returnReason),
        });
      }
      return events;
    },
  }),
}));

builder.queryField("lead", (t) =>
  t.prismaField({
    type: LeadRef,
    nullable: true,
    description: "One lead of your offers; null when it does not exist or is not yours.",
    authScopes: { advertiser: true, admin: true },
    args: { id: t.arg.id({ required: true }).validate(uuidId) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.conversion.findFirst({
        ...query,
        where: { id: args.id, offer: managedOffers(requireViewer(ctx)) },
      }),
  }),
);
