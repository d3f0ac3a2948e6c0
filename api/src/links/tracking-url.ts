// Tracking links: the short code in /c/<code> and the URLs publishers paste into their traffic sources.
import { generateSecret } from "@leadrail/db";

/** Parameters the tracker reads from a click URL (see tracker/src/tracking/click-record.ts SUB_IDS). */
export const CLICK_PARAMS = [
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "sub6",
  "sub7",
  "sub8",
  "sub9",
  "sub10",
  "source",
] as const;
export type ClickParam = (typeof CLICK_PARAMS)[number];
export type ClickParams = Partial<Record<ClickParam, string | null>>;

/** 96 random bits, url-safe (16 characters): unguessable, so links cannot be enumerated. */
export function newLinkCode(): string {
  return generateSecret(12);
}

/** `${base}/c/<code>?sub1=...`, parameters in a stable order, empty ones left out. */
export function trackingUrl(base: string, code: string, params: ClickParams = {}): string {
  const url = new URL(`${base.replace(/\/+$/, "")}/c/${encodeURIComponent(code)}`);
  for (const key of CLICK_PARAMS) {
    const value = params[key];
    if (value) url.searchParams.set(key, value);
  }
  return url.toString();
}

/** Stored default subs (JSON) read back as click parameters, ignoring anything unexpected. */
export function parseClickParams(value: unknown): ClickParams {
  if (typeof value !== "object" || value === null) return {};
  const record = value as Record<string, unknown>;
  const params: ClickParams = {};
  for (const key of CLICK_PARAMS) {
    const v = record[key];
    if (typeof v === "string" && v !== "") params[key] = v;
  }
  return params;
}
