// The publishers' lead API (the tracker's POST /v1/leads) as the dashboard documents it: the endpoint
// and the offers a publisher may post leads for, with their form fields. Keys are api-keys.ts's.

import { z } from "zod";
import { requirePublisherId } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import {
  LEAD_API_OFFERS_MAX,
  type LeadApiField,
  type LeadApiOffer,
  leadApiEndpoint,
  leadApiOffers,
} from "../lead-api/lead-api-offers.ts";
import { intId, searchText } from "./common.ts";

const LeadApiFieldRef = builder.objectRef<LeadApiField>("LeadApiField").implement({
  description: "A field of an offer's lead form: send it in `fields` under its name.",
  fields: (t) => ({
    name: t.exposeString("name"),
    label: t.exposeString("label"),
    type: t.exposeString("type", { description: "text, email, phone, select or checkbox." }),
    required: t.exposeBoolean("required"),
    options: t.exposeStringList("options", { nullable: true, description: "A select's choices." }),
  }),
});

const LeadApiOfferRef = builder.objectRef<LeadApiOffer>("LeadApiOffer").implement({
  description: "An offer you may post leads for through the lead API.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    currency: t.exposeString("currency"),
    defaultPayout: t.field({ type: "BigInt", resolve: (offer) => offer.defaultPayout }),
    fields: t.field({ type: [LeadApiFieldRef], resolve: (offer) => offer.fields }),
    consentVersion: t.exposeInt("consentVersion", {
      description: "0: no consent asked. Otherwise send consent.given = true (and this as text_version).",
    }),
  }),
});

interface LeadApiInfo {
  endpoint: string;
  publisherId: number;
}

const LeadApiRef = builder.objectRef<LeadApiInfo>("LeadApi").implement({
  fields: (t) => ({
    endpoint: t.exposeString("endpoint", {
      description: "POST leads here with Authorization: Bearer <API key>.",
    }),
    offers: t.field({
      type: [LeadApiOfferRef],
      description: "Oldest first; `search` narrows them by name (a picker asks for a few at a time).",
      args: {
        search: t.arg.string({ description: "Part of the name.", validate: searchText.nullish() }),
        first: t.arg.int({
          defaultValue: LEAD_API_OFFERS_MAX,
          validate: z.number().int().min(1).max(LEAD_API_OFFERS_MAX),
        }),
      },
      resolve: (info, args, ctx) =>
        leadApiOffers(ctx.db, info.publisherId, { search: args.search, take: args.first ?? undefined }),
    }),
    offer: t.field({
      type: LeadApiOfferRef,
      nullable: true,
      description: "One offer you may post leads for; null when you may not (or it has no form fields).",
      args: { id: t.arg.id({ required: true }).validate(intId) },
      resolve: async (info, args, ctx) =>
        (await leadApiOffers(ctx.db, info.publisherId, { id: args.id, take: 1 }))[0] ?? null,
    }),
  }),
});

builder.queryField("leadApi", (t) =>
  t.field({
    type: LeadApiRef,
    description:
      "The lead API for your own landing pages: its endpoint and the offers you may post leads for.",
    authScopes: { publisher: true },
    resolve: (_root, _args, ctx) => ({
      endpoint: leadApiEndpoint(ctx.trackerPublicUrl),
      publisherId: requirePublisherId(ctx),
    }),
  }),
);
