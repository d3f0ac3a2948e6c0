// Every refusal of the lead API, with its HTTP status in one table (Dub's error-codes.ts shape).
export const LEAD_API_ERRORS = {
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_approved: 403,
  publisher_suspended: 403,
  offer_not_found: 404,
  idempotency_conflict: 409,
  offer_not_active: 409,
  click_converted: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_input: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type LeadApiError = keyof typeof LEAD_API_ERRORS;

/** The JSON of a refusal: `{ error, message }`, with `field` when one field is the reason. */
export interface ErrorAnswer {
  error: LeadApiError;
  message: string;
  field?: string;
}

/** 422's body: every field with its problem. */
export interface InvalidInputAnswer {
  error: "invalid_input";
  message: string;
  fields: Record<string, string>;
}
