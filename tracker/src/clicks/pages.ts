// The few bodies the click path writes itself. Static, tiny, no user input echoed back.

const page = (title: string, text: string, head = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">${head}` +
  `<title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

export const NOT_FOUND_PAGE = page("Link not found", "This link does not lead anywhere (any more).");

/** Reloads itself: the visitor's browser retries the same click once the tracker can record it again. */
export const UNAVAILABLE_PAGE = page(
  "One moment",
  "This link is briefly unavailable. The page retries by itself.",
  '<meta http-equiv="refresh" content="2">',
);

export const BAD_REQUEST_PAGE = page("Bad request", "This link is malformed.");

export const RETRY_AFTER_SECONDS = 2;
