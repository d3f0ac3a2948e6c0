import { describe, expect, it } from "vitest";
import { createRestartBackoff } from "./restart-backoff.ts";

const settings = { initialMs: 100, maxMs: 1000, quietMs: 30_000 };

describe("createRestartBackoff", () => {
  it.each([
    { what: "one death", deaths: [0], delays: [100] },
    {
      what: "a crash loop doubles up to the cap",
      deaths: [0, 100, 300, 700, 1500, 2500, 3500],
      delays: [100, 200, 400, 800, 1000, 1000, 1000],
    },
    { what: "a quiet spell starts over", deaths: [0, 100, 30_100, 30_200], delays: [100, 200, 100, 200] },
    { what: "just short of the quiet spell keeps doubling", deaths: [0, 29_999], delays: [100, 200] },
  ])("$what", ({ deaths, delays }) => {
    const backoff = createRestartBackoff(settings);
    expect(deaths.map((at) => backoff.next(at))).toEqual(delays);
  });
});
