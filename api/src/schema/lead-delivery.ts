// Lead delivery to the advertiser's CRM: an offer's destinations (a webhook or an e-mail inbox), their
// attempt log, a test lead and replays. Advertisers see their own offers' destinations, admins every
// one; publishers and finance never (a destination holds the advertiser's CRM address and secret).
// The rules of a valid destination are the shared zod model of @leadrail/db/lead-delivery; the work is
// in ../delivery/.
import {
  LEAD_DELIVERY_OUTCOMES,
  LEAD_DELIVERY_TRIGGERS,
  LEAD_DESTINATION_KINDS,
  LEAD_PAYLOAD_FORMATS,
  type LeadDestinationConfig,
  leadDestinationConfigSchema,
  storedFieldMapping,
  storedRefusalRule,
  storedStaticFields,
} from "@leadrail/db/lead-delivery";
import { z } from "zod";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import {
  createDestination,
  type DestinationSettings,
  deleteDestination,
  destinationScope,
  rotateDestinationSecret,
  setDestinationActive,
  updateDestination,
} from "../delivery/destinations.ts";
import { replayDelivery, sendTestLead } from "../delivery/sends.ts";
import { refuseInternalTarget } from "../delivery/target-url.ts";
import { DomainError } from "../errors.ts";
import { intId, uuidId } from "./common.ts";

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, { value }])) as { [K in T]: { value: K } };

const KindEnum = builder.enumType("LeadDestinationKind", { values: enumOf(LEAD_DESTINATION_KINDS) });
const TriggerEnum = builder.enumType("LeadDeliveryTrigger", {
  description: "REAL_TIME: when the lead arrives; ON_CONFIRMATION: when it is approved.",
  values: enumOf(LEAD_DELIVERY_TRIGGERS),
});
const FormatEnum = builder.enumType("LeadPayloadFormat", {
  description: "JSON body, or FORM (application/x-www-form-urlencoded).",
  values: enumOf(LEAD_PAYLOAD_FORMATS),
});
const OutcomeEnum = builder.enumType("LeadDeliveryOutcome", {
  description:
    "DELIVERED: the CRM took it; RETRYING: failed, another try is scheduled; FAILED: failed, none follows; " +
    "REFUSED: the CRM's answer matched the destination's refusal rule (the lead is rejected with its reason).",
  values: enumOf(LEAD_DELIVERY_OUTCOMES),
});

const FieldMappingRef = builder.objectRef<{ from: string; to: string }>("LeadFieldMapping").implement({
  description: "One mapped field: a lead field (or a template with {macros}) and the CRM's name for it.",
  fields: (t) => ({ from: t.exposeString("from"), to: t.exposeString("to") }),
});

const StaticFieldRef = builder.objectRef<{ name: string; value: string }>("LeadStaticField").implement({
  description: "A constant sent with every lead.",
  fields: (t) => ({ name: t.exposeString("name"), value: t.exposeString("value") }),
});

type Rule = NonNullable<ReturnType<typeof storedRefusalRule>>;
const RefusalRuleRef = builder.objectRef<Rule>("LeadRefusalRule").implement({
  description:
    "When the CRM's answer refuses the lead: every condition given holds (HTTP status among httpStatuses, " +
    "body contains bodyContains, the JSON value at jsonPath equals equals). reason, or the CRM's own text " +
    "at reasonPath, becomes the lead's rejection reason.",
  fields: (t) => ({
    httpStatuses: t.intList({ nullable: true, resolve: (r) => r.httpStatuses ?? null }),
    bodyContains: t.string({ nullable: true, resolve: (r) => r.bodyContains ?? null }),
    jsonPath: t.string({ nullable: true, resolve: (r) => r.jsonPath ?? null }),
    equals: t.string({ nullable: true, resolve: (r) => r.equals ?? null }),
    reason: t.exposeString("reason"),
    reasonPath: t.string({ nullable: true, resolve: (r) => r.reasonPath ?? null }),
  }),
});

export const LeadDestinationRef = builder.prismaObject("LeadDestination", {
  description: "Where an offer's leads are delivered. The signing secret is never readable.",
  fields: (t) => ({
    id: t.exposeID("id"),
    offer: t.relation("offer"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: KindEnum }),
    active: t.exposeBoolean("active", { description: "Inactive destinations receive only test leads." }),
    trigger: t.expose("trigger", { type: TriggerEnum }),
    url: t.exposeString("url", { nullable: true, description: "WEBHOOK: where leads are POSTed." }),
    format: t.expose("format", { type: FormatEnum }),
    fieldMapping: t.field({
      type: [FieldMappingRef],
      description: "Empty: every lead field under its own name.",
      select: { fieldMapping: true },
      resolve: (row) => storedFieldMapping(row.fieldMapping),
    }),
    staticFields: t.field({
      type: [StaticFieldRef],
      select: { staticFields: true },
      resolve: (row) =>
        Object.entries(storedStaticFields(row.staticFields)).map(([name, value]) => ({ name, value })),
    }),
    recipients: t.exposeStringList("recipients", { description: "EMAIL: who receives each lead." }),
    refusalRule: t.field({
      type: RefusalRuleRef,
      nullable: true,
      select: { refusalRule: true },
      resolve: (row) => storedRefusalRule(row.refusalRule),
    }),
    signed: t.boolean({
      description: "Requests carry X-Leadrail-Signature (HMAC-SHA256 with the secret shown once).",
      select: { secret: true },
      resolve: (row) => row.secret !== null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("LeadDeliveryAttempt", {
  description: "One try to deliver a lead (or a test lead) to a destination: what was sent, what came back.",
  fields: (t) => ({
    // A bigint key: GraphQL's ID serialises strings and safe integers only.
    id: t.id({ resolve: (row) => String(row.id) }),
    destination: t.relation("destination"),
    conversionId: t.exposeID("conversionId", { nullable: true, description: "null for a test lead." }),
    test: t.exposeBoolean("test", { description: "A test lead with sample values." }),
    deliveryId: t.id({
      description: "The delivery this try belongs to: its retries share it.",
      resolve: (row) => String(row.deliveryId),
    }),
    replayOf: t.id({
      nullable: true,
      description: "The delivery this one replays.",
      resolve: (row) => (row.replayOfId === null ? null : String(row.replayOfId)),
    }),
    attempt: t.exposeInt("attempt", { description: "1 for the first try of a delivery." }),
    outcome: t.expose("outcome", { type: OutcomeEnum }),
    requestUrl: t.exposeString("requestUrl", {
      description: "WEBHOOK: the URL; EMAIL: mailto:<recipients>.",
    }),
    requestHeaders: t.expose("requestHeaders", { type: "JSON" }),
    requestBody: t.exposeString("requestBody"),
    responseStatus: t.exposeInt("responseStatus", { nullable: true }),
    responseBody: t.exposeString("responseBody", {
      nullable: true,
      description: "The first 4 KB of the answer (the SMTP server's reply for e-mail).",
    }),
    error: t.exposeString("error", { nullable: true, description: "Why it failed without an answer." }),
    refusalReason: t.exposeString("refusalReason", { nullable: true }),
    durationMs: t.exposeInt("durationMs", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/** GraphQL sends null for what a client left empty; the shared model reads absent keys as its defaults. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== "object" || value === null || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, item]) =>
      item === null || item === undefined ? [] : [[key, withoutNulls(item)]],
    ),
  );
}

/** The input as the shared model reads it: the one definition of a valid destination. */
const destinationInput = z.preprocess(withoutNulls, leadDestinationConfigSchema);

const FieldMappingInput = builder.inputType("LeadFieldMappingInput", {
  fields: (t) => ({
    from: t.string({
      required: true,
      description: "A lead field (email, sub1, zip...) or a {macro} template.",
    }),
    to: t.string({ required: true, description: "The CRM's name for it." }),
  }),
});

const RefusalRuleInput = builder.inputType("LeadRefusalRuleInput", {
  description: "Give at least one condition; every condition given must hold.",
  fields: (t) => ({
    httpStatuses: t.intList(),
    bodyContains: t.string(),
    jsonPath: t.string({ description: "A dot path into a JSON answer, e.g. result.status." }),
    equals: t.string({ description: "What the value at jsonPath must be (case-insensitive)." }),
    reason: t.string({ required: true }),
    reasonPath: t.string({ description: "Use the CRM's own text at this path as the reason when present." }),
  }),
});

const DestinationInput = builder.inputType("LeadDestinationInput", {
  description:
    "WEBHOOK: url, format, refusalRule, secret (optional: one is generated); EMAIL: recipients. Both: name, " +
    "trigger, active, fieldMapping, staticFields ({ name: value }). Checked by the shared model of " +
    "@leadrail/db/lead-delivery; each refused field comes back in DomainError.fields.",
  fields: (t) => ({
    kind: t.field({ type: KindEnum, required: true }),
    name: t.string({ required: true }),
    active: t.boolean(),
    trigger: t.field({ type: TriggerEnum }),
    url: t.string(),
    format: t.field({ type: FormatEnum }),
    secret: t.string({ description: "Your own signing key (16-200 characters); generated when left out." }),
    fieldMapping: t.field({ type: [FieldMappingInput] }),
    staticFields: t.field({ type: "JSON", description: '{ "campaign": "spring" }: text values only.' }),
    recipients: t.stringList(),
    refusalRule: t.field({ type: RefusalRuleInput }),
  }),
  validate: destinationInput,
});

function settingsOf(input: unknown): DestinationSettings & { secret: string | null; active: boolean } {
  // Validation has passed (the input type's `validate`); this reads the model's output with its defaults.
  const config: LeadDestinationConfig = leadDestinationConfigSchema.parse(withoutNulls(input));
  const webhook = config.kind === "WEBHOOK";
  return {
    name: config.name,
    kind: config.kind,
    active: config.active,
    trigger: config.trigger,
    url: webhook ? config.url : null,
    format: webhook ? config.format : "JSON",
    fieldMapping: config.fieldMapping,
    staticFields: config.staticFields,
    recipients: webhook ? [] : config.recipients,
    refusalRule: webhook ? config.refusalRule : null,
    secret: webhook ? config.secret : null,
  };
}

const DestinationSecretRef = builder
  .objectRef<{ destination: { id: number }; secret: string | null }>("LeadDestinationWithSecret")
  .implement({
    description:
      "A saved destination and, when it was just created or given a new one, its signing secret: shown in " +
      "this answer only. Verify X-Leadrail-Signature with it.",
    fields: (t) => ({
      destination: t.prismaField({
        type: "LeadDestination",
        resolve: (query, parent, _args, ctx) =>
          ctx.db.leadDestination.findUniqueOrThrow({ ...query, where: { id: parent.destination.id } }),
      }),
      secret: t.exposeString("secret", { nullable: true }),
    }),
  });

builder.queryFields((t) => ({
  leadDestinations: t.prismaField({
    type: ["LeadDestination"],
    description: "Where an offer's leads are delivered, oldest first. Your offers only (admins: any).",
    authScopes: { advertiser: true, admin: true },
    args: { offerId: t.arg.id({ required: true }).validate(intId) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.leadDestination.findMany({
        ...query,
        where: { AND: [{ offerId: args.offerId }, destinationScope(requireViewer(ctx))] },
        orderBy: { id: "asc" },
      }),
  }),
  leadDeliveryAttempts: t.prismaConnection({
    type: "LeadDeliveryAttempt",
    cursor: "id",
    description:
      "The attempt log, newest first: of one destination, of one lead, or of all your destinations.",
    authScopes: { advertiser: true, admin: true },
    args: {
      destinationId: t.arg.id().validate(intId.nullish()),
      conversionId: t.arg.id().validate(uuidId.nullish()),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.leadDeliveryAttempt.findMany({
        ...query,
        where: {
          destination: destinationScope(requireViewer(ctx)),
          ...(args.destinationId ? { destinationId: args.destinationId } : {}),
          ...(args.conversionId ? { conversionId: args.conversionId } : {}),
        },
        orderBy: { id: "desc" },
      }),
  }),
}));

const attemptId = z.coerce.bigint({ message: "must be a numeric id" }).min(1n, "must be a numeric id");

builder.mutationFields((t) => ({
  createLeadDestination: t.field({
    type: DestinationSecretRef,
    description:
      "Adds a destination to one of your offers. A webhook's signing secret is in this answer only.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      input: t.arg({ type: DestinationInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const settings = settingsOf(args.input);
      refuseInternalTarget(ctx, settings.url);
      const { destination, secret } = await createDestination(
        ctx,
        requireViewer(ctx),
        args.offerId,
        settings,
      );
      return { destination, secret };
    },
  }),
  updateLeadDestination: t.field({
    type: DestinationSecretRef,
    description:
      "Replaces a destination's settings. The signing secret stays unless you give one (secret is then null " +
      "in the answer), or the destination becomes a webhook without one (a new one is in the answer).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      input: t.arg({ type: DestinationInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const settings = settingsOf(args.input);
      refuseInternalTarget(ctx, settings.url);
      const { destination, secret } = await updateDestination(ctx, requireViewer(ctx), args.id, settings);
      return { destination, secret };
    },
  }),
  setLeadDestinationActive: t.prismaField({
    type: "LeadDestination",
    description: "Switches a destination on or off; an inactive one receives only test leads.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      id: t.arg.id({ required: true }).validate(intId),
      active: t.arg.boolean({ required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const saved = await setDestinationActive(ctx, requireViewer(ctx), args.id, args.active);
      return ctx.db.leadDestination.findUniqueOrThrow({ ...query, where: { id: saved.id } });
    },
  }),
  rotateLeadDestinationSecret: t.field({
    type: DestinationSecretRef,
    description: "Gives a webhook a new signing secret (in this answer only); the old one stops at once.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: (_root, args, ctx) => rotateDestinationSecret(ctx, requireViewer(ctx), args.id),
  }),
  deleteLeadDestination: t.id({
    description:
      "Deletes a destination that never delivered a real lead (disable one that did: its log is evidence). " +
      "Returns its id.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { id: t.arg.id({ required: true }).validate(intId) },
    resolve: async (_root, args, ctx) => String(await deleteDestination(ctx, requireViewer(ctx), args.id)),
  }),
  sendTestLead: t.id({
    description:
      "Queues a test lead (sample values, marked test) to a destination, active or not. Returns the queued " +
      "delivery's id; its attempt shows in leadDeliveryAttempts once the tracker has sent it.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { destinationId: t.arg.id({ required: true }).validate(intId) },
    resolve: async (_root, args, ctx) =>
      String((await sendTestLead(ctx, requireViewer(ctx), args.destinationId)).id),
  }),
  replayLeadDelivery: t.id({
    description:
      "Sends a lead to a destination again as a new delivery: name one of its attempts (attemptId), or the " +
      "lead and the destination (conversionId + destinationId). Returns the queued delivery's id.",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      attemptId: t.arg.id().validate(attemptId.nullish()),
      conversionId: t.arg.id().validate(uuidId.nullish()),
      destinationId: t.arg.id().validate(intId.nullish()),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      if (args.attemptId) {
        if (args.conversionId || args.destinationId) {
          throw new DomainError(
            "invalid_input",
            "attemptId: give either an attempt or a lead and a destination",
          );
        }
        return String((await replayDelivery(ctx, viewer, { attemptId: args.attemptId })).id);
      }
      if (!args.conversionId || !args.destinationId) {
        throw new DomainError("invalid_input", "attemptId: give an attempt, or a lead and a destination");
      }
      const target = { conversionId: args.conversionId, destinationId: args.destinationId };
      return String((await replayDelivery(ctx, viewer, target)).id);
    },
  }),
}));
