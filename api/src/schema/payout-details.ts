// Publisher payout details (bank account or PayPal): the publisher's own query and mutation, finance's
// and admins' read per publisher and on each statement. Who may read and write, and the audit, are in
// payouts/payout-details.ts; the format rule in @leadrail/db/payout-details.
import { PayoutMethod } from "@leadrail/db";
import { formatIban } from "@leadrail/db/payout-details";
import { requirePublisherId, requireViewer } from "../auth/tenancy.ts";
import { builder } from "../builder.ts";
import { DomainError, notFound } from "../errors.ts";
import { type PaidTo, readPaidTo } from "../payouts/paid-to.ts";
import { mayReadPayoutDetails, readPayoutDetails, savePayoutDetails } from "../payouts/payout-details.ts";
import { intId } from "./common.ts";

const PayoutMethodEnum = builder.enumType(PayoutMethod, { name: "PayoutMethod" });

const PayoutDetailsRef = builder.prismaObject("PublisherPayoutDetails", {
  name: "PayoutDetails",
  description:
    "Where a publisher is paid. Readable only by the publisher itself, finance and admins (personal and financial data).",
  fields: (t) => ({
    publisherId: t.exposeID("publisherId"),
    method: t.expose("method", { type: PayoutMethodEnum }),
    accountHolder: t.exposeString("accountHolder", { nullable: true }),
    iban: t.exposeString("iban", { nullable: true, description: "Electronic form: DE89370400440532013000." }),
    ibanFormatted: t.string({
      nullable: true,
      description: "For people: DE89 3704 0044 0532 0130 00.",
      resolve: (d) => (d.iban ? formatIban(d.iban) : null),
    }),
    bic: t.exposeString("bic", { nullable: true }),
    paypalEmail: t.exposeString("paypalEmail", { nullable: true }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const PayoutDetailsInput = builder.inputType("PayoutDetailsInput", {
  fields: (t) => ({
    method: t.field({ type: PayoutMethodEnum, required: true }),
    accountHolder: t.string({ description: "Bank transfer: the name the account is held in." }),
    iban: t.string({ description: "Bank transfer: spaces and lower case are fine." }),
    bic: t.string({ description: "Bank transfer: BIC/SWIFT, optional." }),
    paypalEmail: t.string({ description: "PayPal: the account's e-mail address." }),
  }),
});

builder.queryFields((t) => ({
  myPayoutDetails: t.prismaField({
    type: "PublisherPayoutDetails",
    nullable: true,
    description: "Publishers: your payout details; null until you enter them.",
    authScopes: { publisher: true },
    resolve: async (_query, _root, _args, ctx) =>
      readPayoutDetails(ctx.db, requireViewer(ctx), requirePublisherId(ctx)),
  }),
  publisherPayoutDetails: t.prismaField({
    type: "PublisherPayoutDetails",
    nullable: true,
    description:
      "Finance and admins (and the publisher itself): a publisher's payout details; null when none.",
    authScopes: { finance: true, admin: true, publisher: true },
    args: { publisherId: t.arg.id({ required: true }).validate(intId) },
    resolve: async (_query, _root, args, ctx) =>
      readPayoutDetails(ctx.db, requireViewer(ctx), args.publisherId),
  }),
}));

const PaidToRef = builder.objectRef<PaidTo>("PaidTo").implement({
  description:
    "Where a paid statement's money went: the publisher's payout details as they were when it was marked paid.",
  fields: (t) => ({
    method: t.field({ type: PayoutMethodEnum, resolve: (p) => p.method }),
    accountHolder: t.exposeString("accountHolder", { nullable: true }),
    iban: t.exposeString("iban", { nullable: true }),
    ibanFormatted: t.string({ nullable: true, resolve: (p) => (p.iban ? formatIban(p.iban) : null) }),
    bic: t.exposeString("bic", { nullable: true }),
    paypalEmail: t.exposeString("paypalEmail", { nullable: true }),
    detailsUpdatedAt: t.field({
      type: "DateTime",
      description: "When the publisher had last changed these details before the payment.",
      resolve: (p) => new Date(p.detailsUpdatedAt),
    }),
  }),
});

builder.prismaObjectFields("PayoutStatement", (t) => ({
  paidTo: t.field({
    type: PaidToRef,
    nullable: true,
    description:
      "PAID statements: the payout details the money was sent to, copied when it was marked paid (later " +
      "changes of the publisher's details do not alter it). Null before payment, and for statements paid " +
      "before these copies were kept. Readable by the publisher itself, finance and admins.",
    select: { publisherId: true, paidTo: true },
    resolve: (statement, _args, ctx) => {
      if (!mayReadPayoutDetails(requireViewer(ctx), statement.publisherId)) throw notFound("publisher");
      return readPaidTo(statement.paidTo);
    },
  }),
  payoutDetails: t.field({
    type: PayoutDetailsRef,
    nullable: true,
    description:
      "The publisher's payout details as they are now (where to send this statement's money); once it is paid, see paidTo.",
    select: { publisherId: true },
    resolve: async (statement, _args, ctx) =>
      readPayoutDetails(ctx.db, requireViewer(ctx), statement.publisherId),
  }),
}));

builder.mutationFields((t) => ({
  setPayoutDetails: t.prismaField({
    type: "PublisherPayoutDetails",
    description:
      "Publishers: where you are paid — BANK_TRANSFER (accountHolder, iban, optional bic) or PAYPAL (paypalEmail). Admins may pass publisherId to correct a publisher's details. Audited (account numbers masked).",
    authScopes: { publisher: true, admin: true },
    errors: { types: [DomainError] },
    args: {
      publisherId: t.arg
        .id({ description: "Admins only; publishers change their own." })
        .validate(intId.nullish()),
      input: t.arg({ type: PayoutDetailsInput, required: true }),
    },
    resolve: async (_query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const publisherId = viewer.role === "PUBLISHER" ? requirePublisherId(ctx) : args.publisherId;
      if (publisherId === null || publisherId === undefined) {
        throw new DomainError("invalid_input", "publisherId: name the publisher whose details these are");
      }
      return savePayoutDetails(ctx.db, viewer, publisherId, args.input);
    },
  }),
}));
