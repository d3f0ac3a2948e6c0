// Advertiser invoices (what advertisers owe the network): the revenue-side mirror of payout statements,
// same life cycle and rules (src/payouts/), billed per advertiser and currency. The module itself is
// money-document.ts; what differs is named here (generation rules differ: see generate-invoices.ts).
import { builder } from "../builder.ts";
import { generateAdvertiserInvoices } from "../payouts/generate-invoices.ts";
import { INVOICES } from "../payouts/kinds.ts";
import { visibleInvoices } from "../payouts/visibility.ts";
import { defineMoneyDocument } from "./money-document.ts";

defineMoneyDocument({
  kind: INVOICES,
  model: "AdvertiserInvoice",
  lineModel: "InvoiceLine",
  owner: { idField: "advertiserId", noun: "advertiser" },
  title: "Invoice",
  totalsField: "invoiceTotals",
  due: "billable",
  ownerViewer: "an advertiser",
  descriptions: {
    generate:
      "Creates a DRAFT invoice per advertiser and currency for the revenue of conversions approved by " +
      "`periodEnd` (no hold period) on no live invoice, less credits for reversed invoiced ones. No " +
      "minimum. Running it again creates nothing new.",
    markPaid: "APPROVED → PAID, recording the advertiser's payment of the total with its `reference`.",
  },
  visible: visibleInvoices,
  table: (db) => db.advertiserInvoice,
  generate: generateAdvertiserInvoices,
});

builder.prismaObjectField("AdvertiserInvoice", "advertiser", (t) => t.relation("advertiser"));
