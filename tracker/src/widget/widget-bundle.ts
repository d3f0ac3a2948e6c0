// Builds w.js (tracker/widget/, docs/widget.md) with esbuild: one minified IIFE, in memory. The tracker
// builds it on the first GET /w.js (widget-route.ts), so `pnpm start`, the tests and a deployment need
// no build step and never serve a stale copy; esbuild is already how the tracker runs (tsx).
// scripts/build-widget.ts writes the same bundle to dist/ and fails above the budget.
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The promise to the pages that embed it: at most 5 KB gzip. */
export const WIDGET_BUDGET_BYTES = 5 * 1024;

export const WIDGET_ENTRY = fileURLToPath(new URL("../../widget/main.ts", import.meta.url));

export interface WidgetBundle {
  code: Buffer;
  /** The bytes served to clients that accept gzip; its length is what the budget counts. */
  gzipped: Buffer;
  etag: string;
}

export async function buildWidget(): Promise<WidgetBundle> {
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: "iife",
    // async/await, optional chaining, ??= stay native: every browser of the last four years.
    target: "es2021",
    write: false,
    legalComments: "none",
    banner: { js: "/*! leadrail AGPL-3.0 */" },
    logLevel: "silent",
    // ASCII only (× and … escaped): a copy served without a charset still reads right.
    // No "use strict" directive: nothing in the widget behaves differently in sloppy mode.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild produced no output for the widget");
  const code = Buffer.from(file.contents);
  return {
    code,
    gzipped: gzipSync(code, { level: 9 }),
    etag: `"${createHash("sha256").update(code).digest("base64url").slice(0, 22)}"`,
  };
}
