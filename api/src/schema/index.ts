// Imports every domain module for its side effects on the builder, then builds the schema.
import { builder } from "../builder.ts";
import "./errors.ts";
import "./common.ts";
import "./accounts.ts";
import "./offers.ts";
import "./marketplace.ts";
import "./applications.ts";
import "./custom-payouts.ts";
import "./links.ts";
import "./link-stats.ts";
import "./link-tester.ts";
import "./click-log.ts";
import "./leads.ts";
import "./postback-log.ts";
import "./conversions.ts";
import "./stats.ts";
import "./reports.ts";
import "./cap-pacing.ts";
import "./publisher-postbacks.ts";
import "./api-keys.ts";
import "./money-document-types.ts";
import "./payouts.ts";
import "./payouts-invoices.ts";
import "./lead-quality.ts";
import "./fraud-report.ts";

export const schema = builder.toSchema({ sortSchema: true });
