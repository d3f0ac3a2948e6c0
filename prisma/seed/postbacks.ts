// Postback traffic in both directions: what advertisers sent us (the inbound log that answers "why
// don't my numbers match?") and what we sent publishers' trackers. Derived from the conversions'
// status history so the logs agree with the conversions they describe.
import type { Faker } from "@faker-js/faker";
import type { ConversionStatus, Prisma } from "../src/index.ts";
import { addMs, between, chance, DAY, MINUTE, pick, seededId, startOfUtcDay } from "./randomness.ts";
import type { PlannedConversion, Traffic } from "./traffic.ts";
import { byKey, type World } from "./world.ts";

export interface Postbacks {
  inbound: Prisma.InboundPostbackCreateManyInput[];
  publisherPostbacks: Prisma.PublisherPostbackCreateManyInput[];
  deliveries: Prisma.PostbackDeliveryCreateManyInput[];
}

type InboundRow = Prisma.InboundPostbackCreateManyInput & { receivedAt: Date };
type DeliveryRow = Prisma.PostbackDeliveryCreateManyInput & { createdAt: Date };

const major = (minor: bigint) => `${minor / 100n}.${String(minor % 100n).padStart(2, "0")}`;

function inboundLog(faker: Faker, world: World, conversions: PlannedConversion[]): InboundRow[] {
  const rows: InboundRow[] = [];
  for (const c of conversions) {
    if (c.source !== "POSTBACK") continue;
    const base = {
      advertiserId: c.offer.advertiser.id,
      offerId: c.offer.id,
      channel: "POSTBACK" as const,
      method: "GET",
      clickId: c.row.clickId ?? null,
      transactionId: c.row.transactionId,
      conversionId: c.row.id,
    };
    const params = (status: ConversionStatus) => ({
      click_id: c.row.clickId,
      txid: c.row.transactionId,
      goal: c.row.goal,
      status: status.toLowerCase(),
      ...(c.row.saleAmount != null
        ? { amount: major(BigInt(c.row.saleAmount)), currency: c.row.currency }
        : {}),
    });
    c.events.forEach((event, i) => {
      if (event.via !== "postback") return;
      rows.push({
        ...base,
        receivedAt: event.at,
        params: params(event.status),
        outcome: "recorded",
        reason: null,
      });
      // Advertisers' servers retry on a slow answer; the replay records nothing (unique transaction id).
      if (i === 0 && chance(faker, 0.06)) {
        const at = addMs(event.at, between(faker, 1, 30) * MINUTE);
        if (at <= world.now) {
          rows.push({
            ...base,
            receivedAt: at,
            params: params(event.status),
            outcome: "duplicate",
            reason: "transaction_already_recorded",
          });
        }
      }
    });
  }

  // Postbacks that could not be matched: a click id from another network, and a rotated token.
  const postbackOffers = world.offers.filter((o) => !o.def.leadForm && o.def.status !== "DRAFT");
  for (let d = 29; d >= 0; d--) {
    const day = addMs(startOfUtcDay(world.now), -d * DAY);
    const count = between(faker, 0, 2);
    for (let i = 0; i < count; i++) {
      const offer = pick(faker, postbackOffers);
      const at = addMs(day, between(faker, 0, DAY - 1));
      if (at > world.now) continue;
      const badToken = chance(faker, 0.15);
      const clickId = seededId(faker, addMs(at, -between(faker, 1, 72) * 60 * MINUTE));
      const txid = `${offer.advertiser.def.key.slice(0, 2).toUpperCase()}-${between(faker, 900_000, 999_999)}`;
      rows.push({
        receivedAt: at,
        advertiserId: offer.advertiser.id,
        offerId: offer.id,
        channel: "POSTBACK",
        method: "GET",
        params: { click_id: clickId, txid, status: "approved" },
        clickId,
        transactionId: txid,
        outcome: "rejected",
        reason: badToken ? "invalid_token" : "unknown_click",
        conversionId: null,
      });
    }
  }
  return rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

interface PostbackConfig {
  publisher: string;
  offer?: string;
  method: "GET" | "POST_JSON";
  urlTemplate: string;
  statuses: ConversionStatus[];
  active: boolean;
  signed?: boolean;
}

const PUBLISHER_POSTBACKS: PostbackConfig[] = [
  {
    publisher: "arbitragelab",
    method: "GET",
    urlTemplate:
      "https://kt.arbitragelab.example/postback?subid={click_id}&status={status}&payout={payout}&tid={txid}&c={sub1}",
    statuses: [],
    active: true,
  },
  {
    publisher: "socialbees",
    method: "POST_JSON",
    urlTemplate: "https://hooks.socialbees.example/leadrail/conversions",
    statuses: ["APPROVED", "REVERSED"],
    active: true,
    signed: true,
  },
  {
    publisher: "nativepulse",
    offer: "sushi-first-order",
    method: "GET",
    urlTemplate: "https://np-track.example/cv?clk={sub2}&amt={payout}&st={status}",
    statuses: ["APPROVED"],
    active: true,
  },
  // Switched off by the publisher: kept to show that inactive postbacks fire nothing.
  {
    publisher: "pushtraffic",
    method: "GET",
    urlTemplate: "https://push-traffic.example/s2s?click={click_id}&sum={payout}",
    statuses: ["APPROVED"],
    active: false,
  },
];

function fillTemplate(template: string, c: PlannedConversion, status: ConversionStatus): string {
  const subs = (c.row.subs ?? {}) as Record<string, string>;
  const values: Record<string, string> = {
    click_id: c.row.clickId ?? "",
    offer_id: String(c.offer.id),
    publisher_id: String(c.publisher.id),
    transaction_id: c.row.transactionId,
    conversion_id: c.row.id,
    status: status.toLowerCase(),
    payout: major(c.row.payout),
    source: c.link.source,
  };
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? subs[name] ?? ""),
  );
}

function publisherNotifications(faker: Faker, world: World, conversions: PlannedConversion[]) {
  const publisherPostbacks: Prisma.PublisherPostbackCreateManyInput[] = [];
  const deliveries: DeliveryRow[] = [];
  PUBLISHER_POSTBACKS.forEach((config, i) => {
    const publisher = byKey(world.publishers, config.publisher);
    const offer = config.offer ? byKey(world.offers, config.offer) : null;
    const id = i + 1;
    publisherPostbacks.push({
      id,
      publisherId: publisher.id,
      offerId: offer?.id ?? null,
      method: config.method,
      urlTemplate: config.urlTemplate,
      secret: config.signed ? faker.string.alphanumeric(32) : null,
      statuses: config.statuses,
      active: config.active,
      createdAt: addMs(publisher.createdAt, between(faker, 2, 20) * DAY),
    });
    if (!config.active) return;
    for (const c of conversions) {
      if (c.publisher !== publisher || (offer && c.offer !== offer)) continue;
      for (const event of c.events) {
        if (config.statuses.length > 0 && !config.statuses.includes(event.status)) continue;
        const url = fillTemplate(config.urlTemplate, c, event.status);
        const first = addMs(event.at, between(faker, 1_000, 4_000));
        const failed = chance(faker, 0.04);
        const attempts: { at: Date; httpStatus: number | null; error: string | null }[] = failed
          ? [
              chance(faker, 0.5)
                ? { at: first, httpStatus: 502, error: "HTTP 502 Bad Gateway" }
                : { at: first, httpStatus: null, error: "timeout after 10000 ms" },
              // Retried with backoff; the second try went through.
              { at: addMs(first, MINUTE), httpStatus: 200, error: null },
            ]
          : [{ at: first, httpStatus: 200, error: null }];
        attempts.forEach((attempt, n) => {
          if (attempt.at > world.now) return;
          deliveries.push({
            postbackId: id,
            conversionId: c.row.id,
            status: event.status,
            attempt: n + 1,
            url,
            httpStatus: attempt.httpStatus,
            error: attempt.error,
            durationMs: attempt.error?.startsWith("timeout") ? 10_000 : between(faker, 60, 900),
            createdAt: attempt.at,
          });
        });
      }
    }
  });
  deliveries.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return { publisherPostbacks, deliveries };
}

export function planPostbacks(faker: Faker, world: World, traffic: Traffic): Postbacks {
  const inbound = inboundLog(faker, world, traffic.conversions).map((row, i) => ({
    id: BigInt(i + 1),
    ...row,
  }));
  const { publisherPostbacks, deliveries } = publisherNotifications(faker, world, traffic.conversions);
  return {
    inbound,
    publisherPostbacks,
    deliveries: deliveries.map((row, i) => ({ id: BigInt(i + 1), ...row })),
  };
}
