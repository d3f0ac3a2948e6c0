// A conversion looks its click up once per request: the route that needs the click (a postback
// without offer_id, the hosted lead form) hands it to the recorder instead of the recorder reading it
// again. Counted on the wire: Redis MONITOR sees each lookup of a click still in the stream as one
// script call naming the click id.
import { createRedisClick, createWorld, describe, expect, getPostback, test } from "../src/conversion-kit.ts";

describe("click lookup", () => {
  test("a postback that names only the click reads the click once", async ({ redis, factories, tracker }) => {
    const { advertiser, link } = await createWorld(factories);
    const click = await createRedisClick(redis, link);
    const monitor = await redis.duplicate().monitor();
    const lookups: string[] = [];
    monitor.on("monitor", (_time: string, args: string[]) => {
      if (/^eval/i.test(args[0] ?? "") && args.includes(click.id)) lookups.push(args.join(" "));
    });
    try {
      const answer = await getPostback(tracker, { click_id: click.id, token: advertiser.postbackSecret });
      expect(answer.body).toMatchObject({ status: "recorded" });
    } finally {
      monitor.disconnect();
    }
    expect(lookups).toHaveLength(1);
  });
});
