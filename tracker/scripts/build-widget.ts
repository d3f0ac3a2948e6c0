// `pnpm --filter @leadrail/tracker build`: builds w.js into dist/w.js (for a CDN; the tracker itself
// builds and serves it at GET /w.js), prints its size and fails above the 5 KB gzip budget.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildWidget, WIDGET_BUDGET_BYTES } from "../src/widget/widget-bundle.ts";

const out = fileURLToPath(new URL("../dist/w.js", import.meta.url));
const { code, gzipped } = await buildWidget();
mkdirSync(fileURLToPath(new URL("../dist", import.meta.url)), { recursive: true });
writeFileSync(out, code);
const over = gzipped.length > WIDGET_BUDGET_BYTES;
console.log(
  `w.js: ${code.length} bytes, ${gzipped.length} bytes gzip (budget ${WIDGET_BUDGET_BYTES})${over ? " — OVER BUDGET" : ""}`,
);
if (over) process.exit(1);
