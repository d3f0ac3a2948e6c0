// Helpers for the lead-capture tests: an offer with a form (and a magnet), the widget's two JSON
// calls, the hosted form's POST, and what a refusal must leave unchanged. One in-process tracker per
// file behind one proxy, so each test picks its visitors' addresses (X-Forwarded-For).
import type { Db, Prisma } from "@leadrail/db";
import type { Factories } from "../src/factories.ts";
import { test as base } from "../src/fixtures.ts";
import { proxiedTracker } from "../src/tracker.ts";

export { describe, expect } from "../src/fixtures.ts";

// Answers are read loosely: each test states what it expects of them.
// biome-ignore lint/suspicious/noExplicitAny: JSON answers under test
type Json = Record<string, any>;
export const test = base.extend("tracker", { scope: "file" }, proxiedTracker);

export const FIELDS = [
  { name: "name", label: "Full name", type: "text", required: true, maxLength: 100 },
  { name: "email", label: "E-mail", type: "email", required: true },
  { name: "phone", label: "Phone", type: "phone", required: false },
  { name: "plan", label: "Plan", type: "select", required: true, options: ["Basic", "Premium"] },
  { name: "terms", label: "I accept the terms", type: "checkbox", required: true },
];
export const CONSENT = "I agree that Acme may call me about my quote.";

let visitor = 0;
/** A fresh visitor address (TEST-NET-3 and beyond), so the per-address limit never bites by accident. */
export function nextIp(): string {
  visitor += 1;
  return `203.0.${Math.floor(visitor / 250) % 250}.${(visitor % 250) + 1}`;
}

export async function createFormWorld(
  factories: Factories,
  options: {
    offer?: Partial<Prisma.OfferUncheckedCreateInput>;
    form?: Partial<Omit<Prisma.LeadFormUncheckedCreateInput, "offerId">>;
    fields?: unknown[];
    consentText?: string | null;
  } = {},
) {
  const advertiser = await factories.createAdvertiser();
  const publisher = await factories.createPublisher();
  const offer = await factories.createOffer(advertiser, {
    ...options.offer,
    leadFormFields: options.fields ?? FIELDS,
    consentText: options.consentText === undefined ? CONSENT : options.consentText,
    leadForm: options.form ?? {},
  });
  const link = await factories.createLink(publisher, offer);
  const form = offer.leadForm;
  if (!form) throw new Error("no form");
  return { advertiser, publisher, offer, link, form };
}

export async function definition(url: string, key: string, clickId?: string) {
  const res = await fetch(`${url}/form/${key}.json${clickId ? `?click_id=${clickId}` : ""}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

export async function postJson(url: string, key: string, body: unknown, ip = nextIp()) {
  const res = await fetch(`${url}/form/${key}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "x-forwarded-for": ip },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, body: json, text };
}

export async function postForm(url: string, path: string, fields: Record<string, string>, ip = nextIp()) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams(fields),
  });
  return { status: res.status, html: await res.text() };
}

export const GOOD_FIELDS = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  phone: "+1 212 555 0100",
  plan: "Premium",
  terms: true,
};

/** What a refused submission must not change: leads and claimed codes. */
export async function stored(db: Db) {
  const [conversions, claimed] = await Promise.all([
    db.conversion.count(),
    db.rewardCode.count({ where: { conversionId: { not: null } } }),
  ]);
  return { conversions, claimed };
}

export function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name} in the form`);
  return match[1] ?? "";
}
