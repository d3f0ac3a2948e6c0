// One delivery attempt of a publisher postback: build the request, send it, say what happened. The
// rules (which URL, which body, which answer is worth a retry) are pure; `send` is the only I/O.
import type { ConversionStatus, PostbackMethod } from "@leadrail/db";
import { signBody } from "../conversions/signatures.ts";
import { fillTemplate, type MacroValues } from "./macros.ts";

export interface DeliveryRequest {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body: string | null;
}

export interface ConversionFacts {
  conversionId: string;
  clickId: string | null;
  offerId: number;
  goal: string;
  status: ConversionStatus;
  /** Decimal text in major units, e.g. "15.00". */
  payout: string;
  currency: string;
  subs: Record<string, string>;
  convertedAt: Date;
}

export type BuiltRequest = { ok: true; request: DeliveryRequest } | { ok: false; url: string; error: string };

const USER_AGENT = "Leadrail-Postback/1";

export function macroValues(c: ConversionFacts): MacroValues {
  return {
    click_id: c.clickId,
    // Publishers deduplicate and update by {txid}: our conversion id, stable across status changes.
    // The advertiser's own order id is theirs and is never passed on.
    conversion_id: c.conversionId,
    txid: c.conversionId,
    offer_id: String(c.offerId),
    goal: c.goal,
    status: c.status.toLowerCase(),
    payout: c.payout,
    currency: c.currency,
    source: c.subs.source ?? null,
    sub1: c.subs.sub1,
    sub2: c.subs.sub2,
    sub3: c.subs.sub3,
    sub4: c.subs.sub4,
    sub5: c.subs.sub5,
    sub6: c.subs.sub6,
    sub7: c.subs.sub7,
    sub8: c.subs.sub8,
    sub9: c.subs.sub9,
    sub10: c.subs.sub10,
  };
}

export function buildDelivery(
  postback: { method: PostbackMethod; urlTemplate: string; secret: string | null },
  conversion: ConversionFacts,
): BuiltRequest {
  const url = fillTemplate(postback.urlTemplate, macroValues(conversion));
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, url, error: "invalid_url" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, url, error: "only http and https targets are allowed" };
  }
  if (postback.method === "GET") {
    return { ok: true, request: { url, method: "GET", headers: { "user-agent": USER_AGENT }, body: null } };
  }
  const { source, ...subs } = conversion.subs;
  const body = JSON.stringify({
    conversion_id: conversion.conversionId,
    txid: conversion.conversionId,
    click_id: conversion.clickId,
    offer_id: conversion.offerId,
    goal: conversion.goal,
    status: conversion.status.toLowerCase(),
    payout: conversion.payout,
    currency: conversion.currency,
    source: source ?? null,
    subs,
    converted_at: conversion.convertedAt.toISOString(),
  });
  const headers: Record<string, string> = { "user-agent": USER_AGENT, "content-type": "application/json" };
  if (postback.secret) headers["x-leadrail-signature"] = signBody(body, postback.secret);
  return { ok: true, request: { url, method: "POST", headers, body } };
}

export type Verdict = "delivered" | "retry" | "give_up";

/**
 * 2xx delivered. 5xx, 408, 429 and network errors or timeouts are worth retrying. Redirects are not
 * followed (a postback target that redirects is misconfigured, and following could send our request
 * to an address the publisher never entered, internal ones included) and other 4xx will not change
 * by themselves: both give up at once.
 */
export function verdictOf(httpStatus: number | null): Verdict {
  if (httpStatus === null) return "retry";
  if (httpStatus >= 200 && httpStatus < 300) return "delivered";
  if (httpStatus >= 500 || httpStatus === 408 || httpStatus === 429) return "retry";
  return "give_up";
}

export interface Sent {
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export async function send(request: DeliveryRequest, timeoutMs: number): Promise<Sent> {
  const started = performance.now();
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer's body is of no use to us; do not let a large one hold the connection.
    await res.body?.cancel().catch(() => undefined);
    const redirect = res.status >= 300 && res.status < 400;
    return {
      httpStatus: res.status,
      error: redirect
        ? `redirect not followed (${res.headers.get("location") ?? "no location"})`.slice(0, 500)
        : null,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const name = (error as { name?: string }).name;
    const message =
      name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : String((error as Error).cause ?? error);
    return {
      httpStatus: null,
      error: message.slice(0, 500),
      durationMs: Math.round(performance.now() - started),
    };
  }
}
