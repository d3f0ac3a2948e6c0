// `myClicks`: a publisher's click log (clicks/click-log.ts) — its own clicks only.
import { rejectReasonWords } from "@leadrail/db/click-targeting";
import { z } from "zod";
import { requirePublisherId } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { CLICK_LOG_DAYS, type ClickLogEntry, clickLog, MAX_CLICK_LOG } from "../clicks/click-log.ts";
import { DeviceTypeEnum, intId } from "./common.ts";

const ClickStatusEnum = builder.enumType("ClickStatus", {
  values: {
    ACCEPTED: { description: "Sent to the offer's landing page." },
    REJECTED: { description: "Sent to the fallback URL or a 'not found' page; see rejectReason." },
  } as const,
});

const ClickLogEntryRef = builder.objectRef<ClickLogEntry>("ClickLogEntry").implement({
  description: "One click on one of your links, as the tracker recorded it.",
  fields: (t) => ({
    id: t.exposeID("id"),
    createdAt: t.field({ type: "DateTime", resolve: (c) => c.createdAt }),
    status: t.field({ type: ClickStatusEnum, resolve: (c) => c.status }),
    rejectReason: t.string({
      nullable: true,
      description: "The tracker's code (geo_not_targeted…).",
      resolve: (c) => c.rejectReason,
    }),
    reasonText: t.string({
      nullable: true,
      description: "The reason in words.",
      resolve: (c) => (c.rejectReason === null ? null : rejectReasonWords(c.rejectReason)),
    }),
    linkId: t.id({ nullable: true, resolve: (c) => c.linkId }),
    linkName: t.string({ nullable: true, resolve: (c) => c.linkName }),
    offerId: t.id({ nullable: true, resolve: (c) => c.offerId }),
    offerName: t.string({ nullable: true, resolve: (c) => c.offerName }),
    country: t.string({
      nullable: true,
      description: "Unknown for private and local addresses.",
      resolve: (c) => c.country,
    }),
    deviceType: t.field({
      type: DeviceTypeEnum,
      nullable: true,
      resolve: (c) => c.deviceType as "DESKTOP" | "MOBILE" | "TABLET" | "OTHER" | null,
    }),
    sub1: t.string({ nullable: true, resolve: (c) => c.sub1 }),
    source: t.string({ nullable: true, resolve: (c) => c.source }),
    isBot: t.exposeBoolean("isBot"),
    isUnique: t.exposeBoolean("isUnique"),
  }),
});

builder.queryField("myClicks", (t) =>
  t.field({
    type: [ClickLogEntryRef],
    description: `Your most recent clicks (last ${CLICK_LOG_DAYS} days), newest first, with the tracker's verdict.`,
    authScopes: { publisher: true },
    args: {
      first: t.arg.int({
        defaultValue: 100,
        validate: z
          .number()
          .int()
          .min(1, "must be at least 1")
          .max(MAX_CLICK_LOG, `must be at most ${MAX_CLICK_LOG}`),
      }),
      status: t.arg({ type: ClickStatusEnum }),
      linkId: t.arg.id().validate(intId.nullish()),
    },
    resolve: (_root, args, ctx) =>
      clickLog(ctx.db, requirePublisherId(ctx), {
        first: args.first ?? 100,
        status: args.status ?? null,
        linkId: args.linkId ?? null,
      }),
  }),
);
