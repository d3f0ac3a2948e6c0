// One delivery attempt of a publisher postback: build the request, send it, say what happened. The
// rules (which URL, which body, which answer is worth a retry) are pure; `send` is the only I/O.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { type ConversionStatus, formatMinor, type PostbackMethod } from "@leadrail/db";
import { signBody } from "../conversions/signatures.ts";
import { fillTemplate, type MacroValues } from "./macros.ts";
import type { PinnedAddress } from "./target-address.ts";

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

const SAMPLE_SUBS = Object.fromEntries(
  ["source", ...Array.from({ length: 10 }, (_, i) => `sub${i + 1}`)].map((key) => [key, "test"]),
);

/**
 * What a test fire of a template sends: no conversion behind it, so sample values that say "test"
 * wherever a real one would identify something, an approved status and a zero payout in the
 * publisher's currency. `txid` ("test-<outbox id>") differs per fire, as a real one would per conversion.
 */
export function sampleFacts(
  txid: string,
  offerId: number | null,
  currency: string,
  convertedAt: Date,
): ConversionFacts {
  return {
    conversionId: txid,
    clickId: "test",
    offerId: offerId ?? 0,
    goal: "test",
    status: "APPROVED",
    payout: formatMinor(0n, currency),
    currency,
    subs: { ...SAMPLE_SUBS },
    convertedAt,
  };
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
  /** The answer's first `readAnswerBytes` bytes, when asked for (lead deliveries read the CRM's answer). */
  answer?: string;
}

/** Answers every lookup of the connection with the already-checked address: no second DNS query. */
function pinnedLookup(pinned: PinnedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

/**
 * One request to `pinned` (see target-address.ts), whatever the URL's host resolves to by now. The
 * host name still goes in the Host header and, for https, in SNI and the certificate check. A fresh
 * connection each time (no agent pool): a pooled socket would outlive the check that allowed it.
 */
export function send(
  request: DeliveryRequest,
  timeoutMs: number,
  pinned: PinnedAddress,
  readAnswerBytes = 0,
): Promise<Sent> {
  const started = performance.now();
  const url = new URL(request.url);
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Sent>((resolve) => {
    let settled = false;
    const finish = (httpStatus: number | null, error: string | null, answer?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        httpStatus,
        error: error === null ? null : error.slice(0, 500),
        durationMs: Math.round(performance.now() - started),
        ...(answer === undefined ? {} : { answer }),
      });
    };
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== null) headers["content-length"] = Buffer.byteLength(request.body);
    const req = client.request(url, {
      method: request.method,
      headers,
      agent: false,
      lookup: pinnedLookup(pinned),
    });
    const timer = setTimeout(() => {
      finish(null, `timed out after ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.on("response", (res) => {
      const status = res.statusCode ?? null;
      // Redirects are not followed: a target that redirects is misconfigured, and following could
      // send our request to an address the publisher never entered, internal ones included.
      const redirect = status !== null && status >= 300 && status < 400;
      const error = redirect ? `redirect not followed (${res.headers.location ?? "no location"})` : null;
      if (readAnswerBytes <= 0) {
        finish(status, error);
        // The answer's body is of no use to us; do not let a large one hold the connection.
        res.destroy();
        return;
      }
      // Read up to the limit, no further: a CRM answering megabytes does not hold the worker.
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        finish(status, error, Buffer.concat(chunks).subarray(0, readAnswerBytes).toString("utf8"));
        res.destroy();
      };
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= readAnswerBytes) done();
      });
      res.on("end", done);
      res.on("error", done);
    });
    req.on("error", (error) => finish(null, String(error)));
    req.end(request.body ?? undefined);
  });
}
