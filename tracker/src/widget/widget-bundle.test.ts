// The budget the issue promises embedding pages, measured on a real build (the same bytes GET /w.js
// serves gzipped), not on a number written down somewhere.
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildWidget, WIDGET_BUDGET_BYTES } from "./widget-bundle.ts";

describe("the widget bundle", () => {
  it("stays within 5 KB gzip and is one self-contained script", async () => {
    const { code, gzipped, etag } = await buildWidget();
    expect(WIDGET_BUDGET_BYTES).toBe(5120);
    expect(gzipped.length).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
    expect(gunzipSync(gzipped).equals(code)).toBe(true);
    const text = code.toString("utf8");
    // A classic script: no import/export left for the browser to resolve, nothing on the page's globals.
    expect(text).toMatch(/^\/\*! leadrail AGPL-3\.0 \*\/\n\(\(\)=>\{/);
    expect(text).not.toMatch(/\bimport\s*[({"']|\bexport\s*[{*]/);
    expect(etag).toMatch(/^"[\w-]{22}"$/);
  });
});
