import { describe, expect, test } from "vitest";
import { decodeMagnetFile, MAX_MAGNET_FILE_BYTES } from "./magnet-file.ts";

const b64 = (bytes: number[] | string | Uint8Array) =>
  Buffer.from(
    typeof bytes === "string" || bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes),
  ).toString("base64");
const PDF = b64("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n");
const PNG = b64([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe("a lead magnet's file", () => {
  test.each([
    ["guide.pdf", "application/pdf", PDF],
    ["coupon.png", "image/png", PNG],
    ["codes.txt", "text/plain", b64("SAVE10\nSAVE20\n")],
  ])("%s is accepted", (name, type, base64) => {
    const result = decodeMagnetFile({ name, type, base64 });
    expect(result.ok).toBe(true);
    if (result.ok) expect(Buffer.from(result.file.data).toString("base64")).toBe(base64);
  });

  test.each([
    [
      "an executable called a PDF",
      { name: "guide.pdf", type: "application/pdf", base64: b64("MZ\u0090\u0000") },
      "data",
    ],
    ["a PDF called a PNG", { name: "a.png", type: "image/png", base64: PDF }, "data"],
    ["an unserved type", { name: "a.exe", type: "application/x-msdownload", base64: PDF }, "type"],
    ["binary text", { name: "a.txt", type: "text/plain", base64: b64([65, 0, 66, 0]) }, "data"],
    ["not base64", { name: "a.pdf", type: "application/pdf", base64: "%%%not base64%%%" }, "data"],
    ["empty", { name: "a.pdf", type: "application/pdf", base64: "" }, "data"],
    ["a path as name", { name: "../../etc/passwd", type: "application/pdf", base64: PDF }, "name"],
    [
      "a control character in the name",
      { name: "a\u0007.pdf", type: "application/pdf", base64: PDF },
      "name",
    ],
  ])("%s is refused, naming the input", (_what, input, field) => {
    const result = decodeMagnetFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.field)).toContain(field);
  });

  test("5 MB is the limit, counted on the decoded bytes", () => {
    const exact = new Uint8Array(MAX_MAGNET_FILE_BYTES);
    exact.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(decodeMagnetFile({ name: "a.pdf", type: "application/pdf", base64: b64(exact) }).ok).toBe(true);
    const over = new Uint8Array(MAX_MAGNET_FILE_BYTES + 3);
    over.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const result = decodeMagnetFile({ name: "a.pdf", type: "application/pdf", base64: b64(over) });
    expect(result).toEqual({ ok: false, problems: [{ field: "data", message: "must be at most 5 MB" }] });
  });
});
