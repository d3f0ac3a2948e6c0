// Thirty days of clicks and the conversions they led to, generated in memory from the world.
//
// The shapes follow how lead traffic really looks, because the demo's charts and reports are the point:
// evenings and weekdays are busier (in the visitor's local time), push traffic is cheap and botty, SEO
// converts, manual-confirmation offers have a queue of PENDING leads, and money only moves for
// conversions whose state allows it (see money.ts).
import type { Faker } from "@faker-js/faker";
import type { RejectReason } from "../src/click-targeting.ts";
import type { ConversionSource, ConversionStatus, DeviceType, Prisma } from "../src/index.ts";
import { stampMoney } from "../src/payout.ts";
import {
  addMs,
  between,
  chance,
  DAY,
  HOUR,
  laterOf,
  MINUTE,
  pick,
  pickWeighted,
  roll,
  seededId,
  startOfUtcDay,
  type Weighted,
} from "./randomness.ts";
import type { Source, World, WorldLink, WorldOffer, WorldPublisher } from "./world.ts";

export const TRAFFIC_DAYS = 30;

export type ClickRow = Prisma.ClickCreateManyInput & { createdAt: Date };
export type ConversionRow = Prisma.ConversionCreateManyInput & {
  id: string;
  convertedAt: Date;
  status: ConversionStatus;
  payout: bigint;
  revenue: bigint;
  currency: string;
};

/** A status a conversion entered, and how: what postbacks and publisher notifications replay. */
export interface ConversionEvent {
  at: Date;
  status: ConversionStatus;
  via: "postback" | "lead_form" | "advertiser" | "quality_check";
}

export interface PlannedConversion {
  row: ConversionRow;
  offer: WorldOffer;
  publisher: WorldPublisher;
  link: WorldLink;
  source: ConversionSource;
  /** When it became payable; kept after a reversal so money.ts knows it was once paid. */
  approvedAt?: Date;
  reversedAt?: Date;
  events: ConversionEvent[];
}

export interface Traffic {
  clicks: ClickRow[];
  conversions: PlannedConversion[];
}

// Whole-hour offsets are enough to put the evening peak in the visitor's evening.
const UTC_OFFSET: Record<string, number> = {
  US: -5,
  CA: -5,
  BR: -3,
  GB: 0,
  DE: 1,
  FR: 1,
  NL: 1,
  ES: 1,
  PL: 1,
  FI: 2,
  EE: 2,
  LT: 2,
  IN: 5,
  AU: 10,
};

/** Where traffic comes from when an offer targets every country. */
const WORLDWIDE: Weighted<string> = [
  ["US", 0.3],
  ["GB", 0.12],
  ["DE", 0.12],
  ["BR", 0.1],
  ["IN", 0.1],
  ["FR", 0.08],
  ["ES", 0.08],
  ["AU", 0.05],
  ["PL", 0.05],
];

// Local hour of day: quiet nights, a lunch bump, the peak after dinner.
const HOUR_WEIGHTS: Weighted<number> = [
  0.25, 0.18, 0.12, 0.1, 0.1, 0.15, 0.3, 0.5, 0.7, 0.8, 0.85, 0.95, 1.05, 1, 0.9, 0.9, 0.95, 1.1, 1.35, 1.6,
  1.7, 1.55, 1.1, 0.6,
].map((w, hour) => [hour, w] as const);

// Sunday first, as Date#getUTCDay counts.
const WEEKDAY_FACTOR = [0.72, 1, 1, 1, 1.02, 1.05, 0.8];

const DEVICES_BY_SOURCE: Record<Source, Weighted<DeviceType>> = {
  facebook: [
    ["MOBILE", 0.85],
    ["DESKTOP", 0.1],
    ["TABLET", 0.05],
  ],
  tiktok: [
    ["MOBILE", 0.95],
    ["TABLET", 0.05],
  ],
  google: [
    ["MOBILE", 0.5],
    ["DESKTOP", 0.45],
    ["TABLET", 0.05],
  ],
  push: [
    ["MOBILE", 0.9],
    ["DESKTOP", 0.05],
    ["TABLET", 0.05],
  ],
  native: [
    ["MOBILE", 0.55],
    ["DESKTOP", 0.4],
    ["TABLET", 0.05],
  ],
};

const BOT_BROWSERS = ["HeadlessChrome", "python-requests", "curl", "Go-http-client", "PhantomJS"];

interface Campaign {
  sub1: string;
  sub2: string[];
  sub3: string[];
}

const nn = (faker: Faker) => String(between(faker, 1, 40)).padStart(2, "0");

/** Sub ids the way each kind of media buyer names things (sub1 campaign, sub2 ad set / zone, sub3 creative). */
function campaignsFor(faker: Faker, link: WorldLink): Campaign[] {
  const tag = link.offer.def.tag;
  const count = between(faker, 3, 5);
  const many = (n: number, make: () => string) => [...new Set(Array.from({ length: n }, make))];
  const campaigns: Campaign[] = [];
  for (let i = 0; i < count; i++) {
    switch (link.source) {
      case "facebook":
        campaigns.push({
          sub1: `fb_${tag}_${pick(faker, ["lal1", "lal3", "broad", "int", "retarget"])}_${nn(faker)}`,
          sub2: many(
            3,
            () => `as_${pick(faker, ["18-24", "25-34", "35-44", "45-54"])}_${pick(faker, ["m", "f", "all"])}`,
          ),
          sub3: many(4, () => `${pick(faker, ["vid", "img", "ugc", "carousel"])}_${nn(faker)}`),
        });
        break;
      case "tiktok":
        campaigns.push({
          sub1: `tt_${tag}_${pick(faker, ["spark", "infeed", "topview"])}_${nn(faker)}`,
          sub2: many(3, () => `ag_${between(faker, 100, 999)}`),
          sub3: many(4, () => `vid_${nn(faker)}`),
        });
        break;
      case "google":
        campaigns.push(
          link.publisher.def.key === "seogarden"
            ? {
                sub1:
                  i === 0
                    ? (link.defaultSubs.sub1 ?? `review_${tag}`)
                    : `${pick(faker, ["top10", "compare", "guide"])}_${tag}`,
                sub2:
                  i === 0 ? [link.defaultSubs.sub2 ?? "organic"] : ["cta_table", "cta_sidebar", "cta_inline"],
                sub3: [],
              }
            : {
                sub1: `g_${tag}_${pick(faker, ["search", "pmax", "yt"])}_${nn(faker)}`,
                sub2: many(3, () => `kw_${pick(faker, ["brand", "generic", "competitor", "longtail"])}`),
                sub3: many(3, () => `ad_${nn(faker)}`),
              },
        );
        break;
      case "push":
        campaigns.push({
          sub1: `push_${tag}_${nn(faker)}`,
          sub2: many(5, () => `zone_${between(faker, 10_000, 99_999)}`),
          sub3: many(3, () => `icon_${between(faker, 1, 9)}`),
        });
        break;
      case "native":
        campaigns.push({
          sub1: `np_${tag}_${nn(faker)}`,
          sub2: many(6, () => `site_${between(faker, 1_000, 9_999)}`),
          sub3: many(3, () => `hl_${pick(faker, ["a", "b", "c", "d"])}`),
        });
        break;
    }
  }
  return campaigns;
}

function referrerFor(faker: Faker, link: WorldLink): string | null {
  switch (link.source) {
    case "facebook":
      return pick(faker, [
        "https://m.facebook.com/",
        "https://l.facebook.com/",
        "https://www.instagram.com/",
      ]);
    case "tiktok":
      return "https://www.tiktok.com/";
    case "google":
      return link.publisher.def.key === "seogarden"
        ? `https://seogarden.example/reviews/${link.offer.def.tag}`
        : "https://www.google.com/";
    case "push":
      return null;
    case "native":
      return `https://${pick(faker, ["dailynewsfeed", "morningbrief", "cityherald", "techdigest"])}.example/article/${between(faker, 10_000, 99_999)}`;
  }
}

function osAndBrowser(faker: Faker, device: DeviceType, source: Source | null): [string, string] {
  // Clicks from social ads mostly open in the app's own browser.
  const inApp = source === "facebook" ? "Facebook" : source === "tiktok" ? "TikTok" : null;
  if (device === "MOBILE" || device === "TABLET") {
    const ios = chance(faker, 0.5);
    const os = ios ? (device === "TABLET" ? "iPadOS" : "iOS") : "Android";
    if (inApp && chance(faker, 0.45)) return [os, inApp];
    if (ios) return [os, chance(faker, 0.85) ? "Mobile Safari" : "Chrome Mobile"];
    return [
      os,
      pickWeighted(faker, [
        ["Chrome Mobile", 0.75],
        ["Samsung Internet", 0.2],
        ["Firefox Mobile", 0.05],
      ]),
    ];
  }
  if (chance(faker, 0.7))
    return [
      "Windows",
      pickWeighted(faker, [
        ["Chrome", 0.65],
        ["Edge", 0.25],
        ["Firefox", 0.1],
      ]),
    ];
  return ["macOS", chance(faker, 0.5) ? "Safari" : "Chrome"];
}

function countryWeights(offer: WorldOffer): Weighted<string> {
  if (offer.def.countries.length === 0) return WORLDWIDE;
  // The first listed country is the offer's home market.
  return offer.def.countries.map((c, i) => [c, 1 / (i + 1) ** 1.2] as const);
}

function deviceWeights(offer: WorldOffer, source: Source): Weighted<DeviceType> {
  const targeted = offer.def.devices;
  if (targeted.length === 0) return DEVICES_BY_SOURCE[source];
  return targeted.map((d) => [d, d === "TABLET" ? 0.1 : 1] as const);
}

/** A click time on `day` in the visitor's local evening-heavy rhythm, or null when outside [from, to]. */
function clickTime(faker: Faker, day: Date, country: string, from: Date, to: Date): Date | null {
  const localHour = pickWeighted(faker, HOUR_WEIGHTS);
  const ms = (localHour - (UTC_OFFSET[country] ?? 0)) * HOUR + between(faker, 0, HOUR - 1);
  const at = addMs(day, ms);
  return at < from || at > to ? null : at;
}

function generateClicks(faker: Faker, world: World): ClickRow[] {
  const { now } = world;
  const from = addMs(now, -TRAFFIC_DAYS * DAY);
  const firstDay = startOfUtcDay(from);
  const clicks: ClickRow[] = [];
  // Per-link lookups built once: the click loop runs tens of thousands of times.
  const perLink = new Map(
    world.links.map((l) => [
      l.id,
      {
        countries: countryWeights(l.offer),
        devices: deviceWeights(l.offer, l.source),
        // The first campaign is the one the buyer scaled; later ones are tests.
        campaigns: campaignsFor(faker, l).map((c, k) => [c, 1 / (k + 1)] as const),
      },
    ]),
  );

  for (let day = firstDay; day <= now; day = addMs(day, DAY)) {
    const progress = (day.getTime() - firstDay.getTime()) / (TRAFFIC_DAYS * DAY);
    // A gentle upward trend makes the 30-day chart look like a growing network.
    const dayFactor = (WEEKDAY_FACTOR[day.getUTCDay()] ?? 1) * (0.85 + 0.3 * progress);

    for (const link of world.links) {
      const { offer, publisher } = link;
      const weights = perLink.get(link.id);
      if (!weights) continue;
      const mean = publisher.def.clicksPerLinkDay * offer.def.traffic * dayFactor;
      const count = Math.round(mean * (0.7 + 0.6 * roll(faker)));
      for (let i = 0; i < count; i++) {
        const country = pickWeighted(faker, weights.countries);
        const at = clickTime(faker, day, country, laterOf(link.createdAt, from), now);
        if (!at) continue;
        const paused = offer.pausedAt !== undefined && at >= offer.pausedAt;
        // Most publishers stopped sending once the offer was paused; a trickle still arrives.
        if (paused && !chance(faker, 0.2)) continue;
        const isBot = chance(faker, publisher.def.botRate);
        const device: DeviceType = isBot ? "OTHER" : pickWeighted(faker, weights.devices);
        const [os, browser] = isBot
          ? ["Linux", pick(faker, BOT_BROWSERS)]
          : osAndBrowser(faker, device, link.source);
        const campaign = pickWeighted(faker, weights.campaigns);
        clicks.push({
          id: seededId(faker, at),
          createdAt: at,
          status: paused ? "REJECTED" : "ACCEPTED",
          // The tracker's own code for a click on a paused offer (click-targeting.ts).
          rejectReason: paused ? ("offer_not_active" satisfies RejectReason) : null,
          linkId: link.id,
          offerId: offer.id,
          publisherId: publisher.id,
          sub1: campaign.sub1,
          sub2: campaign.sub2.length ? pick(faker, campaign.sub2) : null,
          sub3: campaign.sub3.length ? pick(faker, campaign.sub3) : null,
          source: link.source,
          country,
          deviceType: device,
          os,
          browser,
          referrer: referrerFor(faker, link),
          // The draw is kept for bots too, so the rest of the seeded world stays the same; a bot is
          // never unique (the tracker's rule).
          isUnique: !chance(faker, publisher.def.repeatRate) && !isBot,
          isBot,
          fraudReason: isBot ? "bot_ua" : null,
        });
      }
    }

    // Mistyped, expired or scanned codes: the tracker cannot tie these to an offer or a publisher.
    const strays = between(faker, 2, 8);
    for (let i = 0; i < strays; i++) {
      const country = pickWeighted(faker, WORLDWIDE);
      const at = clickTime(faker, day, country, from, now);
      if (!at) continue;
      const device = pickWeighted(faker, DEVICES_BY_SOURCE.google);
      const [os, browser] = osAndBrowser(faker, device, null);
      clicks.push({
        id: seededId(faker, at),
        createdAt: at,
        status: "REJECTED",
        rejectReason: "unknown_link" satisfies RejectReason,
        isUnique: true,
        isBot: false,
        country,
        deviceType: device,
        os,
        browser,
      });
    }
  }
  return clicks.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
}

// Fictional-number ranges where countries publish them (555-01xx, Ofcom drama, ACMA, ARCEP), so demo
// leads never ring a real phone.
function phoneFor(faker: Faker, country: string): string {
  const digits = (n: number) => faker.string.numeric({ length: n, allowLeadingZeros: true });
  switch (country) {
    case "US":
    case "CA":
      return `+1${pick(faker, ["212", "305", "312", "415", "512", "617", "702", "713", "206", "416", "604"])}55501${digits(2)}`;
    case "GB":
      return `+447700900${digits(3)}`;
    case "AU":
      return `+61491570${digits(3)}`;
    case "FR":
      return `+3363998${digits(4)}`;
    case "DE":
      return `+49157${digits(8)}`;
    case "NL":
      return `+316${digits(8)}`;
    case "ES":
      return `+346${digits(8)}`;
    case "FI":
      return `+35840${digits(7)}`;
    case "EE":
      return `+3725${digits(7)}`;
    case "LT":
      return `+3706${digits(7)}`;
    default:
      return `+447700900${digits(3)}`;
  }
}

interface Contact {
  name: string;
  email: string;
  phone: string;
}

function contactFor(faker: Faker, country: string): Contact {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  return {
    name: `${firstName} ${lastName}`,
    email: faker.internet
      .email({ firstName, lastName, provider: pick(faker, ["example.com", "example.net", "example.org"]) })
      .toLowerCase(),
    phone: phoneFor(faker, country),
  };
}

const TRANSACTION_PREFIX: Record<string, string> = {
  sushiwave: "SW",
  nordline: "NL",
  fuelway: "FW",
  skillforge: "SF",
  harborline: "HB",
};

function conversionDelay(faker: Faker, offer: WorldOffer): number {
  const window = offer.def.attributionWindowHours * HOUR;
  if (offer.def.leadForm) return 40_000 + roll(faker) ** 2 * 15 * MINUTE;
  // Most buyers act soon after the click; a long tail comes back days later.
  const tail = offer.def.payoutModel === "REVSHARE" ? 14 * DAY : 4 * DAY;
  return Math.min(window - MINUTE, 5 * MINUTE + roll(faker) ** 3 * tail);
}

/**
 * Payout and revenue as the tracker stamps them when it records the conversion: the shared rule
 * (custom payouts by country, REVSHARE shares rounded half-even), so demo rows are ones the platform
 * could have written.
 */
function terms(
  world: World,
  offer: WorldOffer,
  publisher: WorldPublisher,
  country: string | null,
  sale: bigint | null,
): { payout: bigint; revenue: bigint } {
  const { def } = offer;
  const stamp = stampMoney(
    {
      payoutModel: def.payoutModel,
      defaultPayout: def.defaultPayout ?? 0n,
      defaultRevenue: def.defaultRevenue ?? 0n,
      payoutShareBps: def.payoutShareBps ?? null,
      revenueShareBps: def.revenueShareBps ?? null,
    },
    world.customPayouts.filter((c) => c.offerId === offer.id && c.publisherId === publisher.id),
    country,
    sale,
  );
  if (!stamp.ok) throw new Error(`seed: ${def.key} is ${def.payoutModel} but has no sale amount`);
  return { payout: stamp.payout, revenue: stamp.revenue };
}

const RETURN_REASONS = ["wrong_number", "not_interested", "duplicate_in_crm", "fake_details", "out_of_area"];

function generateConversions(faker: Faker, world: World, clicks: ClickRow[]): PlannedConversion[] {
  const { now } = world;
  const linkById = new Map(world.links.map((l) => [l.id, l]));
  const contactsByOffer = new Map<number, { contact: Contact; transactionId: string }[]>();
  const nextTransaction = new Map<number, number>();
  const conversions: PlannedConversion[] = [];

  for (const click of clicks) {
    if (click.status !== "ACCEPTED" || click.isBot || click.linkId == null) continue;
    const link = linkById.get(click.linkId);
    if (!link) continue;
    const { offer, publisher } = link;
    const rate = offer.def.conversionRate * publisher.def.quality * (click.isUnique === false ? 0.3 : 1);
    if (!chance(faker, rate)) continue;
    const convertedAt = addMs(click.createdAt, conversionDelay(faker, offer));
    if (convertedAt > now) continue;
    const country = click.country ?? null;
    const advertiserUser = offer.advertiser.userId;
    const leadForm = offer.def.leadForm !== undefined;
    const source: ConversionSource = leadForm ? "LEAD_FORM" : "POSTBACK";
    const id = seededId(faker, convertedAt);

    let transactionId: string;
    if (leadForm) {
      // The hosted form has no advertiser order id: the conversion's own id is the transaction id.
      transactionId = id;
    } else {
      const n = (nextTransaction.get(offer.id) ?? between(faker, 100_000, 400_000)) + between(faker, 1, 37);
      nextTransaction.set(offer.id, n);
      transactionId = `${TRANSACTION_PREFIX[offer.advertiser.def.key] ?? "TX"}-${n}`;
    }

    // Real baskets have cents, so shares of them need the rule's rounding.
    const sale = offer.def.saleRange ? BigInt(between(faker, ...offer.def.saleRange)) : null;
    const { payout, revenue } = terms(world, offer, publisher, country, sale);

    const row: ConversionRow = {
      id,
      offerId: offer.id,
      publisherId: publisher.id,
      linkId: link.id,
      clickId: click.id,
      clickAt: click.createdAt,
      goal: offer.def.goal,
      transactionId,
      source,
      status: "PENDING",
      currency: offer.def.currency,
      payout,
      revenue,
      saleAmount: sale,
      qualitySignals: [],
      subs: Object.fromEntries(
        (["sub1", "sub2", "sub3"] as const).flatMap((k) => (click[k] ? [[k, click[k]]] : [])),
      ),
      country,
      deviceType: click.deviceType ?? null,
      returningVisitor: click.isUnique === false,
      convertedAt,
      updatedAt: convertedAt,
    };
    const planned: PlannedConversion = { row, offer, publisher, link, source, events: [] };
    const setStatus = (status: ConversionStatus, at: Date, via: ConversionEvent["via"]) => {
      row.status = status;
      row.updatedAt = at;
      planned.events.push({ at, status, via });
    };

    let rejected = false;
    if (leadForm) {
      const earlier = contactsByOffer.get(offer.id) ?? [];
      contactsByOffer.set(offer.id, earlier);
      let contact = contactFor(faker, country ?? "US");
      const previous = earlier.length > 0 && chance(faker, 0.04) ? pick(faker, earlier) : undefined;
      if (previous) {
        // The same person submitting the form again (often via another publisher's ad).
        contact = previous.contact;
        row.statusReason = "duplicate_lead";
        row.qualitySignals = [
          { code: "duplicate_lead", detail: `same phone and email as lead ${previous.transactionId}` },
        ];
        rejected = true;
      } else if (chance(faker, 0.03)) {
        contact = {
          ...contact,
          phone: pick(faker, ["+1555", "0000000000", `+4412${between(faker, 100, 999)}`]),
        };
        row.statusReason = "invalid_phone";
        row.qualitySignals = [
          { code: "invalid_phone", detail: `${contact.phone} is not a valid phone number` },
        ];
        rejected = true;
      } else {
        earlier.push({ contact, transactionId });
      }
      const fields = offer.def.leadForm ?? [];
      const phoneOptional = fields.some((f) => f.type === "phone" && !f.required);
      const leadFields: Record<string, string> = { name: contact.name, email: contact.email };
      // An optional phone is often skipped, but an invalid one was, by definition, typed in.
      if (!phoneOptional || row.statusReason === "invalid_phone" || chance(faker, 0.6)) {
        leadFields.phone = contact.phone;
      }
      if (fields.some((f) => f.name === "company")) leadFields.company = faker.company.name();
      if (fields.some((f) => f.name === "zip")) leadFields.zip = faker.location.zipCode("#####");
      row.leadName = contact.name;
      row.leadEmail = contact.email;
      row.leadPhone = leadFields.phone ?? null;
      row.leadFields = leadFields;
      row.consentText = offer.def.consentText ?? null;
      row.consentAt = convertedAt;
    }

    // Derived from the plan, drawing no randomness, so the rest of the demo world stays as it was.
    const minSeconds = offer.def.quality?.minSecondsToConvert ?? 0;
    const fast =
      !rejected && minSeconds > 0 && convertedAt.getTime() - click.createdAt.getTime() < minSeconds * 1000;
    if (fast) {
      const seconds = Math.floor((convertedAt.getTime() - click.createdAt.getTime()) / 1000);
      row.qualitySignals = [
        { code: "fast_conversion", detail: `${seconds} s after the click (minimum ${minSeconds} s)` },
      ];
    }

    const recordedVia = leadForm ? "lead_form" : "postback";
    if (rejected) {
      setStatus("REJECTED", convertedAt, "quality_check");
    } else if (offer.def.confirmationMode === "MANUAL") {
      setStatus("PENDING", convertedAt, recordedVia);
      // Call centres work through leads within a few days; a few stay forgotten in the queue.
      const decideAt = addMs(convertedAt, 3 * HOUR + roll(faker) ** 1.5 * 5 * DAY);
      if (decideAt <= now && !chance(faker, 0.08)) {
        row.decidedById = advertiserUser;
        row.decidedAt = decideAt;
        if (chance(faker, 0.8)) {
          setStatus("APPROVED", decideAt, "advertiser");
          planned.approvedAt = decideAt;
        } else {
          row.statusReason = "advertiser_rejected";
          setStatus("REJECTED", decideAt, "advertiser");
        }
      }
    } else if (!leadForm && chance(faker, 0.03)) {
      // The advertiser's postback said the order never completed.
      row.statusReason = "advertiser_rejected";
      row.decidedAt = convertedAt;
      setStatus("REJECTED", convertedAt, "postback");
    } else {
      setStatus("APPROVED", convertedAt, recordedVia);
      planned.approvedAt = convertedAt;
    }

    // HOLD: a fast lead nobody has decided yet waits with its reason.
    if (fast && row.status === "PENDING") row.statusReason = "fast_conversion";

    if (row.status === "APPROVED" && planned.approvedAt) {
      if (leadForm && offer.def.returnWindowDays > 0 && chance(faker, 0.05)) {
        const returnedAt = addMs(planned.approvedAt, roll(faker) * offer.def.returnWindowDays * DAY);
        if (returnedAt <= now) {
          row.returnedAt = returnedAt;
          row.returnReason = pick(faker, RETURN_REASONS);
          row.statusReason = "lead_returned";
          row.decidedById = advertiserUser;
          row.decidedAt = returnedAt;
          planned.reversedAt = returnedAt;
          setStatus("REVERSED", returnedAt, "advertiser");
        }
      } else if (!leadForm && chance(faker, 0.03)) {
        const reversedAt = addMs(planned.approvedAt, HOUR + roll(faker) * 20 * DAY);
        if (reversedAt <= now) {
          row.statusReason = pick(faker, ["chargeback", "order_cancelled"]);
          row.decidedAt = reversedAt;
          planned.reversedAt = reversedAt;
          setStatus("REVERSED", reversedAt, "postback");
        }
      }
    }
    conversions.push(planned);
  }

  addLateChargebacks(faker, world, conversions);
  for (const c of conversions) {
    c.row.approvedAt = c.approvedAt ?? null;
    c.row.reversedAt = c.reversedAt ?? null;
  }
  return conversions.sort((a, b) => a.row.convertedAt.getTime() - b.row.convertedAt.getTime());
}

/**
 * Two app orders that were paid out and invoiced, then charged back two days ago. They are why the
 * draft statement and draft invoice carry CLAWBACK lines: the case finance most needs to see working.
 */
function addLateChargebacks(faker: Faker, world: World, conversions: PlannedConversion[]): void {
  const cutoff = addMs(world.now, -20 * DAY);
  const candidates = conversions.filter(
    (c) =>
      c.offer.def.key === "sushi-app-order" &&
      c.publisher.def.key === "arbitragelab" &&
      c.row.status === "APPROVED" &&
      c.row.convertedAt < cutoff,
  );
  for (const c of candidates.slice(0, 2)) {
    const reversedAt = addMs(world.now, -2 * DAY - between(faker, 2, 10) * HOUR);
    c.row.statusReason = "chargeback";
    c.row.decidedAt = reversedAt;
    c.row.status = "REVERSED";
    c.row.updatedAt = reversedAt;
    c.reversedAt = reversedAt;
    c.events.push({ at: reversedAt, status: "REVERSED", via: "postback" });
  }
}

export function planTraffic(faker: Faker, world: World): Traffic {
  const clicks = generateClicks(faker, world);
  return { clicks, conversions: generateConversions(faker, world, clicks) };
}
