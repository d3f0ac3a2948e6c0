// The click path's Redis layout (tracker/src/tracking/click-record.ts): the clicks of one round trip
// travel as ONE stream entry, accepted clicks get a pointer to it in their minute's hash, attribution
// finds a click through its pointer until the writer has stored it, and the writer leaves no copy of a
// stored click in Redis.
import { mintId, type TrackingLink } from "@leadrail/db";
import { Redis } from "ioredis";
import type { PendingClick } from "../../tracker/src/clicks/click-recorder.ts";
import { deadLetterKey } from "../../tracker/src/clicks/click-writer.ts";
import { createClickLookup } from "../../tracker/src/conversions/click-lookup.ts";
import { type ClickRecord, recentClicksKey, streamKey } from "../../tracker/src/tracking/click-record.ts";
import { createTestWriter, drain } from "../src/click-writer.ts";
import type { Factories } from "../src/factories.ts";
import {
  acceptedClickRecord,
  clickRecord,
  type RunningTracker,
  recordClick,
  streamClicks,
  streamLength,
} from "../src/tracker.ts";
import { describe, expect, test } from "../src/tracker-fixtures.ts";

function accepted(link: TrackingLink, createdAt: number, sub1: string): ClickRecord {
  return acceptedClickRecord(link, { createdAt, subs: { sub1 }, deviceType: "DESKTOP" });
}

/** A link of a new publisher to a new offer of a new advertiser. */
async function newLink(factories: Factories): Promise<TrackingLink> {
  const offer = await factories.createOffer(await factories.createAdvertiser());
  return factories.createLink(await factories.createPublisher(), offer);
}

/** Records every click in the same event-loop turn, so they form one batch; resolves with the verdicts. */
function recordTogether(tracker: RunningTracker, entries: PendingClick[]): Promise<boolean[]> {
  return Promise.all(entries.map((entry) => recordClick(tracker.clickPath.deps.recorder, entry)));
}

function asAccepted(tracker: RunningTracker, click: ClickRecord, uniqueKey: string): PendingClick {
  const { isUnique: _, ...awaiting } = click;
  return { kind: "accepted", click: awaiting, uniqueKey: `${tracker.clickPath.deps.keyPrefix}${uniqueKey}` };
}

describe("click batches in Redis", () => {
  test("one round trip is one stream entry; accepted clicks point to it; verdicts per click", async ({
    factories,
    tracker,
    redis,
  }) => {
    const link = await newLink(factories);
    const now = Date.now();
    const clicks = [0, 1, 2].map((i) => accepted(link, now + i, `batch-${i}`));
    const rejected = clickRecord({ id: mintId(new Date(now)), createdAt: now });
    const before = await redis.xlen(streamKey(""));
    const verdicts = await recordTogether(tracker, [
      asAccepted(tracker, clicks[0] as ClickRecord, "u:visitor-a"),
      { kind: "rejected", click: rejected },
      // The same visitor again: not unique.
      asAccepted(tracker, clicks[1] as ClickRecord, "u:visitor-a"),
      asAccepted(tracker, clicks[2] as ClickRecord, "u:visitor-b"),
    ]);
    expect(verdicts).toEqual([true, false, false, true]);

    const entries = (await redis.xrange(streamKey(""), "-", "+")).slice(before);
    expect(entries).toHaveLength(1);
    const entryId = entries[0]?.[0];
    const streamed = (await streamClicks(redis)).filter((s) => s.entryId === entryId);
    expect(streamed.map((s) => [s.click.id, s.click.isUnique])).toEqual([
      [clicks[0]?.id, true],
      [rejected.id, false],
      [clicks[1]?.id, false],
      [clicks[2]?.id, true],
    ]);
    for (const c of clicks) expect(await redis.hget(recentClicksKey("", c.createdAt), c.id)).toBe(entryId);
    // A rejected click is stored, never attributed: no pointer.
    expect(await redis.hget(recentClicksKey("", rejected.createdAt), rejected.id)).toBeNull();
  });

  test("a bot's accepted click (no unique key) is never unique, gets its pointer, and uses up no visitor's key", async ({
    factories,
    tracker,
    redis,
  }) => {
    const link = await newLink(factories);
    const now = Date.now();
    const [bot, person, again] = [0, 1, 2].map((i) => accepted(link, now + i, `bot-${i}`)) as [
      ClickRecord,
      ClickRecord,
      ClickRecord,
    ];
    const { isUnique: _, ...awaitingBot } = { ...bot, isBot: true };
    const verdicts = await recordTogether(tracker, [
      { kind: "accepted", click: awaitingBot, uniqueKey: null },
      asAccepted(tracker, person, "u:visitor-c"),
      asAccepted(tracker, again, "u:visitor-c"),
    ]);
    expect(verdicts).toEqual([false, true, false]);
    const streamed = (await streamClicks(redis)).filter((s) => s.click.linkId === link.id);
    expect(streamed.map((s) => [s.click.id, s.click.isBot, s.click.isUnique])).toEqual([
      [bot.id, true, false],
      [person.id, false, true],
      [again.id, false, false],
    ]);
    expect(new Set(streamed.map((s) => s.entryId)).size).toBe(1);
    for (const c of [bot, person, again]) {
      expect(await redis.hget(recentClicksKey("", c.createdAt), c.id)).toBe(streamed[0]?.entryId);
    }
  });

  test("more clicks than one script call takes are split into entries, none lost", async ({
    factories,
    tracker,
    redis,
  }) => {
    const link = await newLink(factories);
    const now = Date.now();
    const clicks = Array.from({ length: 600 }, (_, i) => accepted(link, now, `many-${i}`));
    const before = await redis.xlen(streamKey(""));
    const clicksBefore = await streamLength(redis);
    await recordTogether(
      tracker,
      clicks.map((c) => asAccepted(tracker, c, `u:${c.id}`)),
    );
    const entries = (await redis.xrange(streamKey(""), "-", "+")).slice(before);
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.every(([, fields]) => fields.length / 2 <= 256)).toBe(true);
    expect((await streamLength(redis)) - clicksBefore).toBe(600);
    const pointers = await redis.hmget(recentClicksKey("", now), ...clicks.map((c) => c.id));
    expect(pointers.every((p) => p !== null)).toBe(true);
  });

  test("attribution finds a click through its pointer, then in PostgreSQL once the writer stored it", async ({
    db,
    factories,
    tracker,
    redis,
    redisUrl,
    redisPrefix,
  }) => {
    const link = await newLink(factories);
    const click = accepted(link, Date.now(), "find-me");
    const neighbour = accepted(link, Date.now(), "neighbour");
    await recordTogether(tracker, [
      asAccepted(tracker, click, `u:${click.id}`),
      asAccepted(tracker, neighbour, `u:${neighbour.id}`),
    ]);
    // As the tracker wires it: a client without ioredis keyPrefix, the file's prefix in the key names.
    const plain = new Redis(redisUrl);
    const findClick = createClickLookup({ redis: plain, db, keyPrefix: redisPrefix });
    // Only in Redis: found from the stream entry, the right one of the entry's clicks.
    expect(await db.click.count({ where: { id: click.id } })).toBe(0);
    expect(await findClick(click.id)).toMatchObject({
      id: click.id,
      subs: { sub1: "find-me" },
      linkId: link.id,
      isUnique: true,
    });
    // Unknown ids in a known minute are not found.
    expect(await findClick(mintId(new Date(click.createdAt)))).toBeNull();

    const { writer, close } = createTestWriter({ db, redisUrl, redisPrefix });
    await drain(writer).finally(close);

    // Stored: no copy left in Redis, neither the entry nor the pointers; found in PostgreSQL.
    expect(await streamLength(redis)).toBe(0);
    expect(await redis.hget(recentClicksKey("", click.createdAt), click.id)).toBeNull();
    expect(await redis.hget(recentClicksKey("", neighbour.createdAt), neighbour.id)).toBeNull();
    await db.click.updateMany({ where: { id: click.id }, data: { sub1: "from-postgres" } });
    expect(await findClick(click.id)).toMatchObject({ id: click.id, subs: { sub1: "from-postgres" } });
    plain.disconnect();
  });

  test("an entry's invalid value is dead-lettered alone; its valid clicks are stored", async ({
    db,
    factories,
    redis,
    redisUrl,
    redisPrefix,
  }) => {
    const link = await newLink(factories);
    const good = accepted(link, Date.now(), "good");
    const entryId = await redis.xadd(
      streamKey(""),
      "*",
      "click",
      JSON.stringify(good),
      "click",
      '{"id":"not-a-click"}',
    );
    const { writer, close } = createTestWriter({ db, redisUrl, redisPrefix });
    await drain(writer).finally(close);

    expect(await db.click.count({ where: { id: good.id } })).toBe(1);
    const dead = await redis.xrange(deadLetterKey(""), "-", "+");
    expect(dead.map(([, fields]) => fields)).toEqual([["entry", entryId, "click", '{"id":"not-a-click"}']]);
    expect(await streamLength(redis)).toBe(0);
  });

  test("the writer reads as many entries as make about one batch of clicks", async ({
    db,
    factories,
    redis,
    redisUrl,
    redisPrefix,
  }) => {
    const link = await newLink(factories);
    // 30 entries of 10 clicks; a batch size of 20 clicks.
    const now = Date.now();
    for (let e = 0; e < 30; e += 1) {
      const fields = Array.from({ length: 10 }, (_, i) => [
        "click",
        JSON.stringify(accepted(link, now + e, `e${e}-${i}`)),
      ]).flat();
      await redis.xadd(streamKey(""), "*", ...fields);
    }
    const batches: number[] = [];
    const { writer, close } = createTestWriter(
      { db, redisUrl, redisPrefix },
      { batchSize: 20, afterStore: (clicks) => void batches.push(clicks.length) },
    );
    await drain(writer).finally(close);

    expect(batches.reduce((a, b) => a + b, 0)).toBe(300);
    expect(await db.click.count({ where: { linkId: link.id } })).toBe(300);
    // The first read knows nothing yet (one click per entry assumed); later ones take 2-3 entries.
    expect(batches.slice(2).every((size) => size >= 10 && size <= 40)).toBe(true);
  });
});
