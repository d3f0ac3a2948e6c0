// Reading a postback's parameters with the shared aliases (@leadrail/db/postback-aliases): which name
// carries each value, then the checks on each value.
import { isPayableCurrency, type StatusIntent } from "@leadrail/db";
import { isUnfilledMacro, PARAM_ALIASES, pickParam as pick } from "@leadrail/db/postback-aliases";
import { statusIntentOf } from "./status-mapping.ts";

// Still importable from here, where the tracker's tests and the dialect tests look for them.
export { isUnfilledMacro, PARAM_ALIASES };

export const PARAM_LIMITS = { clickId: 64, transactionId: 255, goal: 64 } as const;
export const DEFAULT_GOAL = "default";

export interface PostbackParams {
  offerId: number | null;
  clickId: string | null;
  transactionId: string | null;
  goal: string;
  /** Raw decimal text; parsed once the offer (and so the currency exponent) is known. */
  amount: string | null;
  currency: string | null;
  /** null when no status was sent: the offer's confirmation mode decides. */
  status: StatusIntent | null;
  token: string | null;
}

export type ParamProblem =
  | "invalid_offer_id"
  | "param_too_long"
  | "invalid_goal"
  | "unknown_currency"
  | "unknown_status";

export type ReadParams =
  | { ok: true; params: PostbackParams }
  | { ok: false; reason: ParamProblem; param: string; message: string };

function problem(reason: ParamProblem, param: string, message: string): ReadParams {
  return { ok: false, reason, param, message };
}

export function readPostbackParams(raw: Record<string, string>): ReadParams {
  const offer = pick(raw, PARAM_ALIASES.offerId);
  if (offer && !/^[1-9]\d{0,8}$/.test(offer[1])) {
    return problem("invalid_offer_id", offer[0], "offer_id must be a positive integer");
  }
  const click = pick(raw, PARAM_ALIASES.clickId);
  if (click && click[1].length > PARAM_LIMITS.clickId) {
    return problem(
      "param_too_long",
      click[0],
      `the click id is longer than ${PARAM_LIMITS.clickId} characters`,
    );
  }
  const txid = pick(raw, PARAM_ALIASES.transactionId);
  if (txid && txid[1].length > PARAM_LIMITS.transactionId) {
    return problem(
      "param_too_long",
      txid[0],
      `the transaction id is longer than ${PARAM_LIMITS.transactionId} characters`,
    );
  }
  const goal = pick(raw, PARAM_ALIASES.goal);
  if (goal && (goal[1].length > PARAM_LIMITS.goal || !/^[\p{L}\p{N}_.:-]+$/u.test(goal[1]))) {
    return problem("invalid_goal", goal[0], "goal must be up to 64 letters, digits, '_', '.', ':' or '-'");
  }
  const currency = pick(raw, PARAM_ALIASES.currency);
  const currencyCode = currency ? currency[1].toUpperCase() : null;
  if (currency && currencyCode && !isPayableCurrency(currencyCode)) {
    return problem("unknown_currency", currency[0], "currency must be an ISO 4217 code such as USD");
  }
  const status = pick(raw, PARAM_ALIASES.status);
  const intent = status ? statusIntentOf(status[1]) : null;
  if (status && intent === null) {
    return problem(
      "unknown_status",
      status[0],
      "status is not one of the values listed in docs/advertiser-guide.md",
    );
  }
  const amount = pick(raw, PARAM_ALIASES.amount);
  const token = pick(raw, PARAM_ALIASES.token);
  return {
    ok: true,
    params: {
      offerId: offer ? Number(offer[1]) : null,
      clickId: click?.[1] ?? null,
      transactionId: txid?.[1] ?? null,
      goal: goal?.[1] ?? DEFAULT_GOAL,
      amount: amount?.[1] ?? null,
      currency: currencyCode,
      status: intent,
      token: token?.[1] ?? null,
    },
  };
}
