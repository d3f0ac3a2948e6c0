// Turns a postback request (query string, and for POST a form or JSON body) into one flat map of
// string parameters, refusing what cannot be read exactly.
import type { IncomingMessage } from "node:http";
import { hasControlCharacters } from "@leadrail/db";
import { FORM_LIMITS, type FormProblem, parseFormEncoded } from "./form-encoding.ts";
import { lenientPairs, paramsForLog } from "./log-params.ts";
import { readBody } from "./request-body.ts";

export const BODY_LIMIT_BYTES = 16 * 1024;

export type RequestProblem = FormProblem | "body_too_large" | "unsupported_media_type" | "invalid_json";

export interface ReadRequest {
  /** For the postback log, whatever happened: lenient, bounded, without the token. */
  logParams: Record<string, string>;
  /** The raw body (POST), for the HMAC check. */
  body: Buffer | null;
  queryCount: number;
  result:
    | { ok: true; params: Record<string, string> }
    | { ok: false; reason: RequestProblem; param?: string };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(body: Buffer): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

/** JSON bodies: one flat object of strings, numbers, booleans or nulls (null = absent). */
function jsonParams(
  text: string,
): { ok: true; params: Record<string, string> } | { ok: false; reason: RequestProblem; param?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "invalid_json" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, reason: "invalid_json" };
  const entries = Object.entries(value);
  if (entries.length > FORM_LIMITS.maxParams) return { ok: false, reason: "too_many_params" };
  const params: Record<string, string> = {};
  for (const [key, v] of entries) {
    if (v === null) continue;
    // Numbers arrive as doubles; String() gives back the shortest text that reads as the same double,
    // which is the sender's text for any amount with up to 15 significant digits. Send amounts as
    // strings to be exact beyond that (docs/advertiser-guide.md).
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      return { ok: false, reason: "invalid_json" };
    }
    const text = String(v);
    if (key.length > FORM_LIMITS.maxKeyLength || text.length > FORM_LIMITS.maxValueLength) {
      return { ok: false, reason: "param_too_long" };
    }
    if (hasControlCharacters(key) || hasControlCharacters(text)) {
      return { ok: false, reason: "invalid_characters", param: key.slice(0, FORM_LIMITS.maxKeyLength) };
    }
    params[key] = text;
  }
  return { ok: true, params };
}

function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

export async function readPostbackRequest(req: IncomingMessage, rawQuery: string): Promise<ReadRequest> {
  const query = parseFormEncoded(rawQuery);
  const queryPairs = lenientPairs(rawQuery);
  const base = { body: null, queryCount: queryPairs.length };
  if (req.method !== "POST") {
    return { ...base, logParams: paramsForLog(queryPairs), result: query };
  }

  const read = await readBody(req, BODY_LIMIT_BYTES);
  if (!read.ok) return { ...base, logParams: paramsForLog(queryPairs), result: read };
  const type = mediaType(req);
  const text = decodeUtf8(read.body);
  const lenientText = read.body.toString("utf8");
  let body: ReturnType<typeof jsonParams>;
  let bodyPairs: [string, string][];
  if (read.body.length === 0) {
    body = { ok: true, params: {} };
    bodyPairs = [];
  } else if (type === "application/x-www-form-urlencoded") {
    body = text === null ? { ok: false, reason: "invalid_encoding" } : parseFormEncoded(text);
    bodyPairs = lenientPairs(lenientText);
  } else if (type === "application/json") {
    body = text === null ? { ok: false, reason: "invalid_encoding" } : jsonParams(text);
    bodyPairs = body.ok ? Object.entries(body.params) : [["_body", lenientText]];
  } else {
    body = { ok: false, reason: "unsupported_media_type" };
    bodyPairs = [["_content_type", type]];
  }
  const logParams = paramsForLog(queryPairs, bodyPairs);
  const withBody = { body: read.body, queryCount: queryPairs.length, logParams };
  if (!query.ok) return { ...withBody, result: query };
  if (!body.ok) return { ...withBody, result: body };
  for (const key of Object.keys(body.params)) {
    if (key in query.params)
      return { ...withBody, result: { ok: false, reason: "repeated_param", param: key } };
  }
  return { ...withBody, result: { ok: true, params: { ...query.params, ...body.params } } };
}
