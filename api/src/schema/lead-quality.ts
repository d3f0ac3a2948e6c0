// Lead quality in the API: the offer's quality rules, each lead's temperature and contact cadence,
// recording contact attempts, the fraud report per publisher and offer, and erasing a lead's
// personal data. The signals themselves are computed by the tracker when a lead arrives
// (tracker/src/quality); the rules here are pure functions in ../leads/temperature.ts and cadence.ts.
import * as terms from "@leadrail/db/offer-terms";
import { z } from "zod";
import { requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError } from "../errors.ts";
import { nextContactAt } from "../leads/cadence.ts";
import { ContactLimitReached } from "../leads/contact-limit.ts";
import { eraseLeadPersonalData } from "../leads/erase-lead-personal-data.ts";
import { recordContactAttempt } from "../leads/record-contact-attempt.ts";
import { temperatureOf, temperatureSelect } from "../leads/temperature-facts.ts";
import { setOfferQualityRules } from "../offers/set-quality-rules.ts";
import { intId, uuidId } from "./common.ts";
import { ErrorInterface } from "./errors.ts";
import { LeadRef } from "./leads.ts";
import { OfferRef } from "./offers.ts";

const QualityPolicyEnum = builder.enumType("QualityPolicy", {
  description: "What a lead with a quality signal becomes.",
  values: {
    REJECT: { description: "Rejected with the signal as its reason; pays nothing." },
    HOLD: { description: "PENDING with the reason until a person confirms or rejects it." },
    FLAG: { description: "Its usual status; the signals are shown beside it." },
  } as const,
});

const LeadTemperatureEnum = builder.enumType("LeadTemperature", {
  description: "Call HOT leads first. See temperatureReasons for the rules that applied.",
  values: ["HOT", "WARM", "COLD"] as const,
});

const ContactChannelEnum = builder.enumType("ContactChannel", {
  values: ["CALL", "EMAIL", "MESSAGE"] as const,
});

builder.objectType(ContactLimitReached, {
  name: "ContactLimitReached",
  description: "The offer's contact limit for this lead is used up for now.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    code: t.exposeString("code"),
    nextContactAt: t.expose("nextContactAt", { type: "DateTime" }),
  }),
});

const ContactAttemptRef = builder.prismaObject("ContactAttempt", {
  fields: (t) => ({
    id: t.id({ resolve: (attempt) => attempt.id.toString() }),
    channel: t.expose("channel", { type: ContactChannelEnum }),
    note: t.exposeString("note"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// ───────────────────────────── offer rules ─────────────────────────────

builder.prismaObjectFields(OfferRef, (t) => ({
  qualityPolicy: t.expose("qualityPolicy", { type: QualityPolicyEnum }),
  minSecondsToConvert: t.exposeInt("minSecondsToConvert", {
    description: "A lead sooner than this after its click is a fast_conversion (0 = no check).",
  }),
  duplicateWindowDays: t.exposeInt("duplicateWindowDays", {
    description:
      "Same e-mail or phone for the same advertiser within this many days = duplicate_lead (0 = off).",
  }),
  contactLimit: t.exposeInt("contactLimit", {
    description: "Contact attempts per lead per contactPeriodHours.",
  }),
  contactPeriodHours: t.exposeInt("contactPeriodHours"),
}));

const QualityRulesInput = builder.inputType("QualityRulesInput", {
  description: "Only the fields given change.",
  fields: (t) => ({
    policy: t.field({ type: QualityPolicyEnum }),
    minSecondsToConvert: t.int({ validate: terms.minSecondsToConvert.nullish() }),
    duplicateWindowDays: t.int({ validate: terms.duplicateWindowDays.nullish() }),
    contactLimit: t.int({ validate: terms.contactLimit.nullish() }),
    contactPeriodHours: t.int({ validate: terms.contactPeriodHours.nullish() }),
  }),
});

builder.mutationField("setOfferQualityRules", (t) =>
  t.prismaField({
    type: OfferRef,
    description: "Sets an offer's lead-quality policy, thresholds and contact cadence (advertiser or admin).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: {
      offerId: t.arg.id({ required: true }).validate(intId),
      input: t.arg({ type: QualityRulesInput, required: true }),
    },
    resolve: async (query, _root, { offerId, input }, ctx) => {
      await setOfferQualityRules(ctx.db, requireViewer(ctx), offerId, input);
      // The tracker reads these per conversion from PostgreSQL, not from its link cache: no invalidation.
      return ctx.db.offer.findUniqueOrThrow({ ...query, where: { id: offerId } });
    },
  }),
);

// ───────────────────────────── temperature and cadence on leads ─────────────────────────────

builder.prismaObjectFields(LeadRef, (t) => ({
  temperature: t.field({
    type: LeadTemperatureEnum,
    description:
      "HOT / WARM / COLD from time since the click, form completeness, returning visitor and signals.",
    select: temperatureSelect,
    resolve: (lead) => temperatureOf(lead, new Date()).temperature,
  }),
  temperatureReasons: t.stringList({
    description:
      "The rules that applied: clicked_15m (+3), clicked_2h (+2), clicked_24h (+1), clicked_over_72h (−2), complete_form (+1), sparse_form (−1), returning_visitor (+1), quality_signals (−2), not_payable; HOT ≥ 3, WARM ≥ 1.",
    select: temperatureSelect,
    resolve: (lead) => temperatureOf(lead, new Date()).reasons,
  }),
  contactAttempts: t.relation("contactAttempts", { query: { orderBy: { createdAt: "desc" } } }),
  nextContactAt: t.field({
    type: "DateTime",
    nullable: true,
    description:
      "null: the lead may be contacted now; otherwise when the offer's contact limit allows it again.",
    select: {
      contactAttempts: { select: { createdAt: true } },
      offer: { select: { contactLimit: true, contactPeriodHours: true } },
    },
    resolve: (lead) =>
      nextContactAt(
        lead.contactAttempts.map((a) => a.createdAt),
        { limit: lead.offer.contactLimit, periodHours: lead.offer.contactPeriodHours },
        new Date(),
      ),
  }),
}));

builder.mutationField("recordContactAttempt", (t) =>
  t.prismaField({
    type: ContactAttemptRef,
    description:
      "Records that you contacted a lead (advertisers only). Refused with ContactLimitReached beyond the offer's limit.",
    errors: { types: [DomainError, ContactLimitReached] },
    authScopes: { advertiser: true },
    args: {
      leadId: t.arg.id({ required: true }).validate(uuidId),
      channel: t.arg({ type: ContactChannelEnum, required: true }),
      note: t.arg.string({ validate: z.string().max(1000, "must be at most 1000 characters").nullish() }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await recordContactAttempt(ctx.db, requireViewer(ctx), args);
      return ctx.db.contactAttempt.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

// ───────────────────────────── erasure ─────────────────────────────

builder.mutationField("eraseLeadPersonalData", (t) =>
  t.prismaField({
    type: LeadRef,
    description:
      "Erases a lead's personal data on the person's request (name, e-mail, phone, form fields, contact notes; its click's sub ids, source and IP-derived data; the parameters of its advertiser postbacks and the URLs of its publisher postbacks); money, status and statements stay as they are. Refused with `conflict`, changing nothing, while the tracker has not stored the lead's click yet (normally a second).",
    errors: { types: [DomainError] },
    authScopes: { advertiser: true, admin: true },
    args: { id: t.arg.id({ required: true }).validate(uuidId) },
    resolve: async (query, _root, { id }, ctx) => {
      await eraseLeadPersonalData(ctx.db, ctx.redis, requireViewer(ctx), id);
      return ctx.db.conversion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
