// The report's arguments, validated once with zod; pure. Dates are local calendar days in `timeZone`,
// both inclusive, like the older `stats` query.
import { z } from "zod";
import { isTimeZone, reportRange } from "./time-zone.ts";

export const REPORT_GROUPS = [
  "HOUR",
  "DAY",
  "OFFER",
  "PUBLISHER",
  "ADVERTISER",
  "COUNTRY",
  "DEVICE",
  "SUB1",
  "SUB2",
  "SUB3",
  "SUB4",
  "SUB5",
  "SUB6",
  "SUB7",
  "SUB8",
  "SUB9",
  "SUB10",
] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export const DEVICE_TYPES = ["DESKTOP", "MOBILE", "TABLET", "OTHER"] as const;

/** 400 days: a year-over-year comparison fits, an unbounded scan does not. */
export const MAX_REPORT_DAYS = 400;

/** A calendar date, YYYY-MM-DD, that exists. */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  }, "must be a real date");

const ids = z.array(z.coerce.number().int().min(1, "must be a numeric id")).max(1000).nullish();

export const reportArgsModel = z
  .object({
    from: localDate,
    to: localDate,
    timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin"),
    groupBy: z
      .array(z.enum(REPORT_GROUPS))
      .min(1, "must name at least one grouping")
      .max(REPORT_GROUPS.length)
      .refine((groups) => new Set(groups).size === groups.length, "must not repeat a grouping"),
    filter: z
      .object({
        offerIds: ids,
        publisherIds: ids,
        advertiserIds: ids,
        countries: z
          .array(z.string().regex(/^[A-Z]{2}$/, "must be ISO 3166-1 alpha-2 codes"))
          .max(300)
          .nullish(),
        deviceTypes: z.array(z.enum(DEVICE_TYPES)).max(4).nullish(),
      })
      .nullish(),
  })
  .superRefine((args, ctx) => {
    if (args.to < args.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    const days = (Date.parse(args.to) - Date.parse(args.from)) / 86_400_000 + 1;
    if (days > MAX_REPORT_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `at most ${MAX_REPORT_DAYS} days at once` });
    }
  });

export type ReportArgs = z.output<typeof reportArgsModel>;

export interface ReportFilter {
  offerIds: number[] | null;
  publisherIds: number[] | null;
  advertiserIds: number[] | null;
  countries: string[] | null;
  deviceTypes: string[] | null;
}

export interface ReportRequest {
  timeZone: string;
  from: string;
  to: string;
  /** The instants the local days start and end: [start, end). */
  start: Date;
  end: Date;
  groupBy: ReportGroup[];
  filter: ReportFilter;
}

export type ParseResult = { ok: true; request: ReportRequest } | { ok: false; message: string };

export function parseReportArgs(input: unknown): ParseResult {
  const result = reportArgsModel.safeParse(input);
  if (!result.success) {
    return {
      ok: false,
      message: result.error.issues
        .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
        .join("; "),
    };
  }
  const { from, to, timeZone, groupBy, filter } = result.data;
  const { start, end } = reportRange(from, to, timeZone);
  return {
    ok: true,
    request: {
      timeZone,
      from,
      to,
      start,
      end,
      groupBy,
      filter: {
        offerIds: filter?.offerIds ?? null,
        publisherIds: filter?.publisherIds ?? null,
        advertiserIds: filter?.advertiserIds ?? null,
        countries: filter?.countries ?? null,
        deviceTypes: filter?.deviceTypes ?? null,
      },
    },
  };
}
