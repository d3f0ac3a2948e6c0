// A lead magnet's file as the dashboard uploads it: base64 in a GraphQL input (one request, no
// multipart endpoint to secure separately), at most 5 MB decoded, of a type we are willing to serve
// as an attachment to visitors. The declared type must match the bytes: a renamed executable is not
// a PDF because its name says so.

export const MAX_MAGNET_FILE_BYTES = 5 * 1024 * 1024;

/** Served types and how each one starts (null: plain text, checked for being text instead). */
const SIGNATURES: Record<string, readonly number[][] | null> = {
  "application/pdf": [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  "image/png": [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  "image/jpeg": [[0xff, 0xd8, 0xff]],
  "image/gif": [
    [0x47, 0x49, 0x46, 0x38, 0x37, 0x61],
    [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  ],
  "application/zip": [[0x50, 0x4b, 0x03, 0x04]],
  "application/epub+zip": [[0x50, 0x4b, 0x03, 0x04]],
  "text/plain": null,
  "text/csv": null,
};

export const MAGNET_FILE_TYPES = Object.keys(SIGNATURES);

export type MagnetFileProblem = { field: "type" | "data" | "name"; message: string };

export interface MagnetFile {
  name: string;
  type: string;
  data: Uint8Array<ArrayBuffer>;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// File names are shown to visitors in a download: no paths, no control characters, a sane length.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const BAD_NAME = /[\\/\u0000-\u001f\u007f]/;

function startsWith(data: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => data[i] === byte);
}

/** Decodes and checks an upload; the problems name the input they belong to. */
export function decodeMagnetFile(input: {
  name: string;
  type: string;
  base64: string;
}): { ok: true; file: MagnetFile } | { ok: false; problems: MagnetFileProblem[] } {
  const problems: MagnetFileProblem[] = [];
  const name = input.name.trim();
  if (!name || name.length > 200 || BAD_NAME.test(name)) {
    problems.push({ field: "name", message: "must be a file name of 1–200 characters, without a path" });
  }
  const type = input.type.trim().toLowerCase();
  const signatures = SIGNATURES[type];
  if (signatures === undefined) {
    problems.push({ field: "type", message: `must be one of ${MAGNET_FILE_TYPES.join(", ")}` });
  }
  const text = input.base64.replace(/\s+/g, "");
  // 4 base64 characters carry 3 bytes: refuse an oversize upload before decoding it.
  if (text.length > Math.ceil(MAX_MAGNET_FILE_BYTES / 3) * 4) {
    problems.push({ field: "data", message: "must be at most 5 MB" });
    return { ok: false, problems };
  }
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) {
    problems.push({ field: "data", message: "must be the file's content in base64" });
    return { ok: false, problems };
  }
  const data = new Uint8Array(Buffer.from(text, "base64"));
  if (data.length > MAX_MAGNET_FILE_BYTES) problems.push({ field: "data", message: "must be at most 5 MB" });
  if (signatures) {
    if (!signatures.some((prefix) => startsWith(data, prefix))) {
      problems.push({ field: "data", message: `is not a ${type} file (its content says otherwise)` });
    }
  } else if (signatures === null && data.includes(0)) {
    problems.push({ field: "data", message: `is not a ${type} file (it holds binary data)` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, file: { name, type, data } };
}
