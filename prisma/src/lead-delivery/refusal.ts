// The advertiser's refusal rule against the CRM's answer: does this answer mean "we do not take this
// lead", and why. Pure; see refusalRuleSchema (config.ts) for the rule's shape.
import type { RefusalRule } from "./config.ts";

export interface CrmAnswer {
  status: number;
  body: string;
}

/** The value at a dot path of parsed JSON (`result.code`, `errors.0.message`), or undefined. */
export function valueAtPath(json: unknown, path: string): unknown {
  let here: unknown = json;
  for (const step of path.split(".")) {
    if (here === null || typeof here !== "object") return undefined;
    here = Array.isArray(here) ? here[Number(step)] : (here as Record<string, unknown>)[step];
  }
  return here;
}

function asText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The refusal's reason when `answer` matches `rule` (every condition given holds), else null. */
export function refusalOf(rule: RefusalRule | null, answer: CrmAnswer): string | null {
  if (rule === null) return null;
  if (rule.httpStatuses && !rule.httpStatuses.includes(answer.status)) return null;
  if (
    rule.bodyContains !== undefined &&
    !answer.body.toLowerCase().includes(rule.bodyContains.toLowerCase())
  ) {
    return null;
  }
  const json =
    rule.jsonPath !== undefined || rule.reasonPath !== undefined ? parseJson(answer.body) : undefined;
  if (rule.jsonPath !== undefined) {
    const found = asText(valueAtPath(json, rule.jsonPath));
    if (found === null || found.trim().toLowerCase() !== (rule.equals ?? "").trim().toLowerCase())
      return null;
  }
  const crmWords = rule.reasonPath === undefined ? null : asText(valueAtPath(json, rule.reasonPath));
  const reason = crmWords?.trim() ? crmWords.trim() : rule.reason;
  return reason.slice(0, 500);
}
