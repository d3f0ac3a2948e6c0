// Every way a capture request is refused, with its status and the words the visitor reads, in one
// table (the HTML form, the widget's JSON and the chat answer from it alike). Nothing is stored for
// any of them.
export const CAPTURE_ERRORS = {
  not_found: { status: 404, message: "This form does not exist or is no longer available." },
  unsupported_media_type: { status: 415, message: "Send the form as JSON or from its page." },
  too_large: { status: 413, message: "The form is too large to be sent." },
  invalid_body: { status: 400, message: "The form could not be read. Please try again." },
  invalid_conversation: { status: 400, message: "The conversation could not be read. Please start again." },
  stale_token: { status: 403, message: "This form has expired. Please reload the page and send it again." },
  invalid_token: {
    status: 403,
    message: "This form is not valid here. Please reload the page and send it again.",
  },
  honeypot: {
    status: 400,
    message: "The form was filled in a way only automated programs do. Please reload the page and try again.",
  },
  too_fast: {
    status: 400,
    message: "That was quicker than a person can type. Please check your answers and send the form again.",
  },
  rate_limited: {
    status: 429,
    message: "Too many forms were sent from your address. Please try again later.",
  },
  // The click's publisher is suspended: the lead would be theirs, and a suspended account earns nothing.
  not_available: {
    status: 403,
    message: "This offer is not taking requests at the moment. Nothing was sent.",
  },
  unavailable: { status: 503, message: "The form is temporarily unavailable. Please try again in a moment." },
} as const satisfies Record<string, { status: number; message: string }>;

export type CaptureError = keyof typeof CAPTURE_ERRORS;
