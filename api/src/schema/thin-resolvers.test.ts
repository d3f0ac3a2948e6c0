// Schema files only declare types, fields and inputs and call domain functions (api/src/<domain>/);
// the writes, with their transactions, live there. This keeps a transaction from creeping back into a
// resolver, where it would mix storage rules into the GraphQL layer.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const schemaDir = new URL("./", import.meta.url);
// Spelled in two pieces so that the grep this test stands for finds nothing in this file either.
const OPENS_TRANSACTION = ["$", "transaction"].join("");
const schemaFiles = readdirSync(schemaDir).filter(
  (name) => name.endsWith(".ts") && !name.endsWith(".test.ts"),
);

describe("thin resolvers", () => {
  it("reads every schema module", () => {
    // Guards the check below against reading nothing (a moved folder, a wrong path).
    expect(schemaFiles).toContain("offers.ts");
    expect(schemaFiles).toContain("leads.ts");
  });

  it.each(schemaFiles)("%s opens no transaction (its domain function does)", (name) => {
    const source = readFileSync(new URL(name, schemaDir), "utf8");
    const lines = source
      .split("\n")
      .map((line, index) => ({ line: index + 1, text: line }))
      .filter(({ text }) => text.includes(OPENS_TRANSACTION));
    expect(lines).toEqual([]);
  });
});
