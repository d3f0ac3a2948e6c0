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
  names: {
    filter: "PayoutStatementFilter",
    generation: "PayoutStatementGeneration",
    generated: "statements",
    list: "payoutStatements",
    one: "payoutStatement",
    totals: "payoutTotals",
    generate: "generatePayoutStatements",
    approve: "approveStatement",
    markPaid: "markStatementPaid",
    void: "voidStatement",
  },
  descriptions: {
    list: "Newest first. Finance and admins see all statements, a publisher its own, anyone else none.",
    totals: "Statement totals in `status`, one row per currency (what you may see).",
    generate:
      "Creates a DRAFT statement per publisher and currency for everything payable by `periodEnd` " +
      "(approved conversions past their hold, on no live statement) less clawbacks of reversed paid " +
      "ones. Totals below the publisher's minimum carry forward. Running it again creates nothing new.",
    generated: "The DRAFT statements this run created (none when nothing new was payable).",
    markPaid: "APPROVED → PAID, recording a payment of the total with the bank `reference`.",
    void: "DRAFT or APPROVED → VOID. Its conversions become payable again on the next run.",
  },
  visible: visibleStatements,
  table: (db) => db.payoutStatement,
  generate: generatePayoutStatements,
});

builder.prismaObjectField("PayoutStatement", "publisher", (t) => t.relation("publisher"));
