// `testTrackingLink`: the link tester (links/link-tester.ts). A query, not a mutation: nothing is
// recorded, no counter moves.
import { rejectReasonWords } from "@leadrail/db/click-targeting";
import * as rules from "@leadrail/db/offer-terms";
import { requirePublisherId } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { notFound } from "../errors.ts";
import { type LinkTest, testLink } from "../links/link-tester.ts";
import { DeviceTypeEnum, intId } from "./common.ts";

const DestinationEnum = builder.enumType("LinkTestDestination", {
  values: {
    LANDING_PAGE: { description: "The offer's landing page: the click is accepted." },
    FALLBACK_URL: { description: "The offer's fallback URL: the click is rejected." },
    NOT_FOUND_PAGE: { description: "A 'link not found' page: rejected, and the offer has no fallback URL." },
  } as const,
});

const LinkTestRef = builder.objectRef<LinkTest>("LinkTest").implement({
  description: "What the tracker would do with one click, and why.",
  fields: (t) => ({
    accepted: t.exposeBoolean("accepted"),
    reason: t.string({
      nullable: true,
      description: "The tracker's reason code, as click logs record it (geo_not_targeted…).",
      resolve: (r) => r.reason,
    }),
    reasonText: t.string({
      nullable: true,
      resolve: (r) => (r.reason === null ? null : rejectReasonWords(r.reason)),
    }),
    destination: t.field({ type: DestinationEnum, resolve: (r) => r.destination }),
    url: t.string({
      nullable: true,
      description: "The landing URL template (macros filled per click), or the fallback URL.",
      resolve: (r) => r.url,
    }),
    explanation: t.exposeString("explanation"),
  }),
});

builder.queryField("testTrackingLink", (t) =>
  t.field({
    type: LinkTestRef,
    description:
      "What the tracker would do with a click on your link from `country` (none: unknown, as for a click " +
      "from 127.0.0.1 or a private network) on `deviceType` (none: unknown). Sends no traffic and records nothing.",
    authScopes: { publisher: true },
    args: {
      linkId: t.arg.id({ required: true }).validate(intId),
      country: t.arg.string({
        description: "ISO 3166-1 alpha-2; leave out for a click whose country is unknown.",
        validate: rules.countryCode.nullish(),
      }),
      deviceType: t.arg({ type: DeviceTypeEnum }),
    },
    resolve: async (_root, args, ctx) => {
      const publisherId = requirePublisherId(ctx);
      const result = await testLink(ctx.db, publisherId, args.linkId, {
        country: args.country ?? null,
        deviceType: args.deviceType ?? null,
      });
      if (!result) throw notFound("tracking link");
      return result;
    },
  }),
);
