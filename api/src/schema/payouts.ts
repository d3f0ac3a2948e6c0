// Payout statements (what the network owes publishers), per publisher and currency: the money-document
// module (money-document.ts) named for statements. Advertiser invoices are in payouts-invoices.ts; the
// rules are in src/payouts/.
import { builder } from "../builder.ts";
import { generatePayoutStatements } from "../payouts/generate-statements.ts";
import { STATEMENTS } from "../payouts/kinds.ts";
import { visibleStatements } from "../payouts/visibility.ts";
import { defineMoneyDocument } from "./money-document.ts";

defineMoneyDocument({
  kind: STATEMENTS,
  model: "PayoutStatement",
  lineModel: "PayoutStatementLine",
  owner: { idField: "publisherId", noun: "publisher" },
  title: "Statement",
  totalsField: "payoutTotals",
  due: "payable",
  ownerViewer: "a publisher",
  descriptions: {
    generate:
      "Creates a DRAFT statement per publisher and currency for everything payable by `periodEnd` " +
      "(approved conversions past their hold, on no live statement) less clawbacks of reversed paid " +
      "ones. Totals below the publisher's minimum carry forward. Running it again creates nothing new.",
    markPaid:
      "APPROVED → PAID, recording a payment of the total with the bank `reference`, and copying the " +
      "publisher's payout details into `paidTo` (where the money went). Refused (conflict) while the " +
      "publisher has entered no payout details.",
  },
  visible: visibleStatements,
  table: (db) => db.payoutStatement,
  generate: generatePayoutStatements,
});

builder.prismaObjectField("PayoutStatement", "publisher", (t) => t.relation("publisher"));
