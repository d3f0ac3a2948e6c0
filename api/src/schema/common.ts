// Types shared by several domain modules: money and the database's enums.
//
// Money convention (every money field of the API): outputs are `Money { amount, currency, formatted }`
// with `amount` in minor units of `currency` (a BigInt, serialized as a decimal string: "1500" with
// USD is $15.00). Inputs are minor-unit BigInt amounts in the currency of the thing they belong to
// (an offer's `currency`), so an input never carries a second, possibly different, currency.
import {
  AccountStatus,
  ApplicationStatus,
  CapMetric,
  CapPeriod,
  CapScope,
  ConfirmationMode,
  ConversionSource,
  ConversionStatus,
  DeviceType,
  OfferStatus,
  OfferVisibility,
  PayoutModel,
  PostbackMethod,
} from "@leadrail/db";
import { z } from "zod";
import { builder } from "../builder.ts";
import { formatMoney, type Money } from "../money/money.ts";

export const MoneyRef = builder.objectRef<Money>("Money").implement({
  description: "An amount of money: minor units (cents for USD) of an ISO 4217 currency.",
  fields: (t) => ({
    amount: t.expose("amount", { type: "BigInt", description: "Minor units, e.g. 1500 = 15.00 USD." }),
    currency: t.exposeString("currency", { description: "ISO 4217 code, e.g. USD." }),
    formatted: t.string({
      description: "For display only (en-US conventions), e.g. $15.00.",
      resolve: (money) => formatMoney(money),
    }),
  }),
});

export function money(amount: bigint, currency: string): Money {
  return { amount, currency };
}

export const AccountStatusEnum = builder.enumType(AccountStatus, { name: "AccountStatus" });
export const ApplicationStatusEnum = builder.enumType(ApplicationStatus, { name: "ApplicationStatus" });
export const CapMetricEnum = builder.enumType(CapMetric, { name: "CapMetric" });
export const CapPeriodEnum = builder.enumType(CapPeriod, { name: "CapPeriod" });
export const CapScopeEnum = builder.enumType(CapScope, { name: "CapScope" });
export const ConfirmationModeEnum = builder.enumType(ConfirmationMode, { name: "ConfirmationMode" });
export const ConversionSourceEnum = builder.enumType(ConversionSource, { name: "ConversionSource" });
export const ConversionStatusEnum = builder.enumType(ConversionStatus, { name: "ConversionStatus" });
export const DeviceTypeEnum = builder.enumType(DeviceType, { name: "DeviceType" });
export const OfferStatusEnum = builder.enumType(OfferStatus, { name: "OfferStatus" });
export const OfferVisibilityEnum = builder.enumType(OfferVisibility, { name: "OfferVisibility" });
export const PayoutModelEnum = builder.enumType(PayoutModel, { name: "PayoutModel" });
export const PostbackMethodEnum = builder.enumType(PostbackMethod, { name: "PostbackMethod" });

/** Our ids are small positive integers; GraphQL IDs arrive as strings. */
export const intId = z.coerce
  .number({ message: "must be a numeric id" })
  .int("must be a numeric id")
  .min(1, "must be a numeric id")
  .max(2_147_483_647, "must be a numeric id");

/** Clicks and conversions have UUIDv7 ids. */
export const uuidId = z.string().uuid("must be a UUID");

/** Free-text search: trimmed, bounded. */
export const searchText = z.string().trim().max(100, "must be at most 100 characters");
