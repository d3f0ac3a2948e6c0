// Statements (owed to publishers) and invoices (owed by advertisers) share one life cycle and one shape;
// this names what differs so the SQL adapters are written once. Identifiers here are constants, never
// user input: they are spliced into SQL with Prisma.raw.
import { Prisma } from "@leadrail/db";
import type { DocumentNoun } from "./lifecycle.ts";

export interface DocumentKind {
  noun: DocumentNoun;
  /** audit_log.entity_type, also the Prisma model name. */
  entityType: "PayoutStatement" | "AdvertiserInvoice";
  table: Prisma.Sql;
  lineTable: Prisma.Sql;
  /** The line's (and the payment's) column pointing at its document. */
  documentColumn: Prisma.Sql;
  ownerColumn: Prisma.Sql;
  /** pg_advisory_xact_lock key: generation and voiding of one kind run one at a time. */
  lockKey: bigint;
  /**
   * Statements: the network sends the money, so marking one paid needs the payee's details and keeps
   * a copy of them (paid-to.ts). Invoices are paid by the advertiser; nothing to copy.
   */
  recordsPayee: boolean;
}

// Arbitrary constants, unique within Leadrail ("LRPS", "LRAI" in ASCII).
export const STATEMENTS: DocumentKind = {
  noun: "statement",
  entityType: "PayoutStatement",
  table: Prisma.raw("payout_statements"),
  lineTable: Prisma.raw("payout_statement_lines"),
  documentColumn: Prisma.raw("statement_id"),
  ownerColumn: Prisma.raw("publisher_id"),
  lockKey: 0x4c525053n,
  recordsPayee: true,
};

export const INVOICES: DocumentKind = {
  noun: "invoice",
  entityType: "AdvertiserInvoice",
  table: Prisma.raw("advertiser_invoices"),
  lineTable: Prisma.raw("invoice_lines"),
  documentColumn: Prisma.raw("invoice_id"),
  ownerColumn: Prisma.raw("advertiser_id"),
  lockKey: 0x4c524149n,
  recordsPayee: false,
};
