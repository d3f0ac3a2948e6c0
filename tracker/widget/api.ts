// The tracker's form endpoints: GET /form/<key>.json (the definition and a fresh form token) and
// POST /form/<key> with JSON. Both are CORS requests without credentials: the widget runs on the
// advertiser's site and carries no cookie of the tracker's. `key` is checked by main.ts (URL-safe).
import { FAILED } from "./fields.ts";
import type { FormDefinition, Line, SubmitAnswer, Values } from "./types.ts";

export function loadForm(base: string, key: string, clickId?: string): Promise<FormDefinition> {
  const query = clickId ? `?click_id=${encodeURIComponent(clickId)}` : "";
  return fetch(`${base}/form/${key}.json${query}`).then((res) =>
    res.ok ? res.json() : Promise.reject(res.status),
  );
}

export interface Submission {
  token: string;
  /** Undefined members are left out by JSON.stringify. */
  click_id: string | undefined;
  fields: Values;
  consent: boolean;
  channel: "widget" | "chat";
  conversation: Line[] | undefined;
  hp: string;
}

/** The tracker's answer as it came, any status; a network failure answers as a refusal in words. */
export async function submitLead(base: string, key: string, body: Submission): Promise<SubmitAnswer> {
  try {
    const res = await fetch(`${base}/form/${key}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
    return await res.json();
  } catch {
    return { ok: false, message: FAILED };
  }
}
