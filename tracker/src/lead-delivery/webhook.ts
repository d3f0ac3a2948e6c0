// The webhook request of one lead delivery: the mapped payload encoded as the destination wants it,
// signed over a timestamp and the body when the destination has a secret. Pure; sending is
// ../postbacks/delivery.ts's `send`, with the same SSRF guard as publisher postbacks.
import { encodePayload, type LeadPayloadFormat } from "@leadrail/db/lead-delivery";
import { SIGNATURE_HEADER, signLeadDelivery } from "@leadrail/db/lead-delivery-signature";
import type { DeliveryRequest } from "../postbacks/delivery.ts";

const USER_AGENT = "Leadrail-LeadDelivery/1";

export interface WebhookTarget {
  url: string;
  format: LeadPayloadFormat;
  secret: string | null;
}

export interface WebhookContext {
  deliveryId: bigint;
  attempt: number;
  test: boolean;
  /** Unix seconds: the signed timestamp. */
  now: number;
}

export type BuiltWebhook = { ok: true; request: DeliveryRequest } | { ok: false; error: string };

export function buildWebhook(
  target: WebhookTarget,
  payload: Record<string, string>,
  context: WebhookContext,
): BuiltWebhook {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return { ok: false, error: "invalid_url" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, error: "only http and https targets are allowed" };
  }
  const { contentType, body } = encodePayload(payload, target.format);
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    "content-type": contentType,
    // The same id on every retry and replay of one delivery: a CRM can deduplicate on it.
    "x-leadrail-delivery": String(context.deliveryId),
    "x-leadrail-attempt": String(context.attempt),
  };
  if (context.test) headers["x-leadrail-test"] = "1";
  if (target.secret)
    headers[SIGNATURE_HEADER.toLowerCase()] = signLeadDelivery(body, target.secret, context.now);
  return { ok: true, request: { url: url.toString(), method: "POST", headers, body } };
}
