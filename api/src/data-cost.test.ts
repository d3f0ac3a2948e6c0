import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { dataCost } from "./data-cost.ts";
import { schema } from "./schema/index.ts";

const cost = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  dataCost(schema, parse(query), operationName, variables);

const YEAR = `from: "2025-01-01", to: "2025-12-31", timeZone: "UTC"`;

describe("dataCost", () => {
  it("a report costs per day of its range, ten times more on raw clicks (sub ids)", () => {
    expect(cost(`{ report(${YEAR}, groupBy: [DAY]) { source } }`).total).toBe(365);
    expect(cost(`{ report(${YEAR}, groupBy: [SUB1]) { source } }`).total).toBe(3650);
  });

  it("counts every alias, through fragments, with the request's variables", () => {
    const query = `query Two($from: String!, $to: String!) {
      a: report(from: $from, to: $to, timeZone: "UTC", groupBy: [SUB1]) { source }
      ...More
    }
    fragment More on Query { ... on Query { b: report(from: $from, to: $to, timeZone: "UTC", groupBy: [OFFER]) { source } } }`;
    expect(cost(query, { from: "2026-01-01", to: "2026-01-10" })).toEqual({
      total: 110,
      fields: [
        { name: "a", cost: 100 },
        { name: "b", cost: 10 },
      ],
    });
  });

  it("fraudReport (raw, [from, to)) and stats (a rollup, inclusive)", () => {
    expect(
      cost(`query($f: DateTime!, $t: DateTime!) { fraudReport(from: $f, to: $t) { clicks } }`, {
        f: "2026-01-01T00:00:00Z",
        t: "2026-01-31T00:00:00Z",
      }).total,
    ).toBe(300);
    expect(cost(`{ stats(from: "2026-01-01", to: "2026-01-31") { day } }`).total).toBe(31);
  });

  it("costs nothing it cannot read: bad arguments (the field refuses them), other fields, mutations", () => {
    expect(
      cost(`{ report(from: "2026-02-30", to: "2026-03-01", timeZone: "UTC", groupBy: [DAY]) { source } }`)
        .total,
    ).toBe(0);
    expect(
      cost(
        `query($from: String!) { report(from: $from, to: "2026-01-01", timeZone: "UTC", groupBy: [DAY]) { source } }`,
      ).total,
    ).toBe(0);
    expect(cost(`{ offers { totalCount } }`).total).toBe(0);
    expect(cost(`mutation { logout }`).total).toBe(0);
  });
});
