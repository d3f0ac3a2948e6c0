// GET /exports/statements.csv and /exports/invoices.csv: finance's spreadsheet of documents, streamed
// in id order a page at a time (memory stays flat however many there are). Same Bearer token as the
// GraphQL API; FINANCE and ADMIN only.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Db, formatMinor, Prisma } from "@leadrail/db";
import type { Logger } from "pino";
import { resolveViewer } from "../auth/viewer.ts";
import { DomainError, HTTP_STATUS } from "../errors.ts";
import { csvRow } from "./csv.ts";
import type { DocumentStatus } from "./lifecycle.ts";
import { isFinance } from "./visibility.ts";

const PAGE = 500;
const STATUSES: readonly DocumentStatus[] = ["DRAFT", "APPROVED", "PAID", "VOID"];

interface ExportRow {
  id: number;
  owner_id: number;
  owner_name: string;
  currency: string;
  total: bigint;
  status: string;
  period_end: Date;
  approved_at: Date | null;
  paid_at: Date | null;
  payment_reference: string | null;
}

interface ExportKind {
  file: string;
  header: string[];
  page(db: Db, afterId: number, status: DocumentStatus | null, currency: string | null): Promise<ExportRow[]>;
}

const tail = [
  "currency",
  "total",
  "total_minor",
  "status",
  "period_end",
  "approved_at",
  "paid_at",
  "payment_reference",
];

function filters(alias: Prisma.Sql, status: DocumentStatus | null, currency: string | null): Prisma.Sql {
  return Prisma.sql`${status ? Prisma.sql`AND ${alias}.status::text = ${status}` : Prisma.empty}
    ${currency ? Prisma.sql`AND ${alias}.currency = ${currency}` : Prisma.empty}`;
}

const KINDS: Record<string, ExportKind> = {
  "/exports/statements.csv": {
    file: "statements.csv",
    header: ["statement_id", "publisher_id", "publisher", ...tail],
    page: (db, afterId, status, currency) => db.$queryRaw<ExportRow[]>`
      SELECT s.id, s.publisher_id AS owner_id, p.name AS owner_name, s.currency, s.total, s.status::text AS status,
             s.period_end, s.approved_at, s.paid_at,
             (SELECT reference FROM payments WHERE statement_id = s.id ORDER BY id DESC LIMIT 1) AS payment_reference
      FROM payout_statements s JOIN publishers p ON p.id = s.publisher_id
      WHERE s.id > ${afterId} ${filters(Prisma.raw("s"), status, currency)}
      ORDER BY s.id LIMIT ${PAGE}`,
  },
  "/exports/invoices.csv": {
    file: "invoices.csv",
    header: ["invoice_id", "advertiser_id", "advertiser", ...tail],
    page: (db, afterId, status, currency) => db.$queryRaw<ExportRow[]>`
      SELECT i.id, i.advertiser_id AS owner_id, a.name AS owner_name, i.currency, i.total, i.status::text AS status,
             i.period_end, i.approved_at, i.paid_at,
             (SELECT reference FROM payments WHERE invoice_id = i.id ORDER BY id DESC LIMIT 1) AS payment_reference
      FROM advertiser_invoices i JOIN advertisers a ON a.id = i.advertiser_id
      WHERE i.id > ${afterId} ${filters(Prisma.raw("i"), status, currency)}
      ORDER BY i.id LIMIT ${PAGE}`,
  },
};

export function isExportPath(path: string): boolean {
  return path in KINDS;
}

function plain(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers }).end(`${message}\n`);
}

/** A refusal in the API's own terms, its status from the one table (errors.ts). */
function refuse(res: ServerResponse, error: DomainError, headers: Record<string, string> = {}) {
  plain(res, HTTP_STATUS[error.code], error.message, headers);
}

async function write(res: ServerResponse, chunk: string): Promise<void> {
  // Backpressure: a slow client pauses the export instead of buffering it all in memory. A client that
  // goes away never drains, so "close" also resumes (and the loop then stops on res.destroyed).
  if (res.write(chunk) || res.destroyed) return;
  await new Promise<void>((resolve) => {
    const resume = () => {
      res.off("drain", resume);
      res.off("close", resume);
      resolve();
    };
    res.on("drain", resume);
    res.on("close", resume);
  });
}

export async function handleExport(
  db: Db,
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const kind = KINDS[url.pathname];
  if (!kind) return refuse(res, new DomainError("not_found", "not found"));
  if (req.method !== "GET") return plain(res, 405, "method not allowed", { allow: "GET" });

  const viewer = await resolveViewer(db, req.headers.authorization ?? null);
  if (!viewer) {
    return refuse(res, new DomainError("unauthenticated", "unauthenticated"), {
      "www-authenticate": "Bearer",
    });
  }
  if (!isFinance(viewer)) return refuse(res, new DomainError("forbidden", "finance or admin role required"));

  const status = url.searchParams.get("status");
  if (status !== null && !STATUSES.includes(status as DocumentStatus)) {
    return refuse(res, new DomainError("invalid_input", `status must be one of ${STATUSES.join(", ")}`));
  }
  const currency = url.searchParams.get("currency");
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
    return refuse(res, new DomainError("invalid_input", "currency must be like USD"));
  }

  res.writeHead(200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${kind.file}"`,
    "cache-control": "no-store",
  });
  try {
    await write(res, csvRow(kind.header));
    let afterId = 0;
    // Pages are separate queries: a document changed mid-export shows one consistent row, old or new.
    while (!res.destroyed) {
      const rows = await kind.page(db, afterId, status as DocumentStatus | null, currency);
      for (const row of rows) {
        if (res.destroyed) break;
        await write(
          res,
          csvRow([
            row.id,
            row.owner_id,
            row.owner_name,
            row.currency,
            formatMinor(row.total, row.currency),
            row.total,
            row.status,
            row.period_end,
            row.approved_at,
            row.paid_at,
            row.payment_reference,
          ]),
        );
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) break;
      afterId = last.id;
    }
    res.end();
  } catch (error) {
    // The status line is sent: all we can do is cut the response short, so the client sees an error.
    logger.error({ err: error, path: url.pathname }, "export failed");
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
