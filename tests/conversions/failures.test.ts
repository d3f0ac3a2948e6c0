// When Redis is unreachable the tracker cannot tell whether a click exists or a cap has room: it
// answers 503 (the advertiser's tracker retries) and writes no conversion, rather than rejecting a
// good conversion for good or paying past a cap.
import { Redis } from "ioredis";
import {
  createWorld,
  describe,
  expect,
  getPostback,
  logRows,
  startTracker,
  test,
} from "../src/conversion-kit.ts";

describe("dependency failures", () => {
  test("Redis down: 503 temporarily_unavailable, no conversion, the attempt logged", async ({
    db,
    factories,
  }) => {
    // Port 1 on loopback: connection refused at once; no offline queue, so commands fail fast.
    const deadRedis = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    deadRedis.on("error", () => undefined);
    const tracker = await startTracker({ db, redis: deadRedis });
    try {
      const { advertiser, offer, link } = await createWorld(factories);
      const click = await factories.createClick(link);
      const answer = await getPostback(tracker, {
        click_id: click.id,
        offer_id: String(offer.id),
        token: advertiser.postbackSecret,
      });
      expect(answer).toEqual({
        status: 503,
        body: { status: "rejected", reason: "temporarily_unavailable", message: expect.any(String) },
      });
      expect(await db.conversion.count({ where: { offerId: offer.id } })).toBe(0);
      expect(await db.dailyStat.count({ where: { offerId: offer.id } })).toBe(0);
      expect(await logRows(db, offer.id)).toMatchObject([
        { outcome: "rejected", reason: "temporarily_unavailable", conversionId: null, clickId: click.id },
      ]);
    } finally {
      await tracker.close();
      deadRedis.disconnect();
    }
  });
});
