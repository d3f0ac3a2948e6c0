// The demo world's cast: advertisers, publishers, offers and who runs what. The static definitions are
// written out by hand because they are the story a demo tells ("Sushi Wave buys food-delivery leads,
// Push Traffic Co was refused on the SIM-switch offer"); planWorld turns them into rows with fixed ids.
//
// Ids are given explicitly rather than left to the sequences: the traffic and money generators need
// them before anything is written, and the same world must come out even if the sequences have moved.
import { createHash } from "node:crypto";
import type { Faker } from "@faker-js/faker";
import { hashApiKey } from "../src/credentials.ts";
import type { CapMetric, CapPeriod, CapScope, DeviceType, Prisma } from "../src/index.ts";
import { type PayoutDetailsInput, parsePayoutDetails } from "../src/payout-details.ts";
import type { DemoUser } from "./logins.ts";
import { addMs, between, DAY, HOUR, MINUTE, pickWeighted, type Weighted } from "./randomness.ts";

export type AdvertiserKey = "sushiwave" | "nordline" | "fuelway" | "skillforge" | "harborline";
export type PublisherKey = "arbitragelab" | "pushtraffic" | "socialbees" | "seogarden" | "nativepulse";
export type Source = "facebook" | "tiktok" | "google" | "push" | "native";

export interface AdvertiserDef {
  key: AdvertiserKey;
  name: string;
  login: string;
  createdDaysAgo: number;
}

export interface PublisherDef {
  key: PublisherKey;
  name: string;
  login: string;
  payoutCurrency: string;
  minimumPayout: bigint;
  createdDaysAgo: number;
  /** Average clicks a day on one of their links: their size as a media buyer. */
  clicksPerLinkDay: number;
  botRate: number;
  /** Share of clicks from a visitor seen before (is_unique = false). */
  repeatRate: number;
  /** Multiplies an offer's conversion rate: SEO visitors convert, push subscribers mostly do not. */
  quality: number;
  sources: Weighted<Source>;
  /**
   * Where the publisher is paid, as it would type it on its Payment details page (parsed by the same
   * rule). Every publisher that is paid in the demo has them (a paid statement keeps a copy); Social
   * Bees has none yet, so its draft shows that a statement cannot be paid until they are entered.
   */
  payoutDetails?: PayoutDetailsInput;
}

// A type alias, not an interface, so it is assignable to Prisma's JSON input type.
export type LeadFormField = {
  name: string;
  label: string;
  type: "text" | "email" | "phone";
  required: boolean;
};

export interface OfferDef {
  key: string;
  /** Short token used in campaign names (sub1 values) so reports read naturally. */
  tag: string;
  advertiser: AdvertiserKey;
  name: string;
  vertical: string;
  description: string;
  landingUrl: string;
  fallbackUrl?: string;
  status: "DRAFT" | "ACTIVE" | "PAUSED";
  visibility: "PUBLIC" | "APPROVAL_REQUIRED" | "PRIVATE";
  currency: "USD" | "EUR";
  payoutModel: "CPL" | "CPA" | "REVSHARE";
  defaultPayout?: bigint;
  defaultRevenue?: bigint;
  payoutShareBps?: number;
  revenueShareBps?: number;
  /** Sale amounts (minor units) a REVSHARE advertiser reports. */
  saleRange?: readonly [number, number];
  countries: string[];
  devices: DeviceType[];
  confirmationMode: "AUTO" | "MANUAL";
  holdDays: number;
  returnWindowDays: number;
  attributionWindowHours: number;
  /** Hosted lead form (source LEAD_FORM) or the advertiser's own funnel reporting by postback. */
  leadForm?: LeadFormField[];
  consentText?: string;
  /** Lead quality: what a lead with a signal becomes, and the fast-lead threshold (seconds). */
  quality?: { policy: "REJECT" | "HOLD" | "FLAG"; minSecondsToConvert: number };
  goal: string;
  createdDaysAgo: number;
  /** How attractive the offer is to traffic: multiplies the publishers' click volume. */
  traffic: number;
  conversionRate: number;
  approved: PublisherKey[];
  /** Approved only days ago: their links start getting clicks in the middle of the chart. */
  recentlyApproved?: PublisherKey[];
  applied?: PublisherKey[];
  rejected?: PublisherKey[];
  /** Second tracking links: the same publisher running the offer from another source. */
  extraLinks?: { publisher: PublisherKey; source: Source }[];
}

export const ADVERTISERS: readonly AdvertiserDef[] = [
  { key: "sushiwave", name: "Sushi Wave", login: "sushiwave", createdDaysAgo: 160 },
  { key: "nordline", name: "Nordline Mobile", login: "nordline", createdDaysAgo: 150 },
  { key: "fuelway", name: "Fuelway", login: "fuelway", createdDaysAgo: 130 },
  { key: "skillforge", name: "SkillForge Academy", login: "skillforge", createdDaysAgo: 120 },
  { key: "harborline", name: "Harborline Insurance", login: "harborline", createdDaysAgo: 95 },
];

export const PUBLISHERS: readonly PublisherDef[] = [
  {
    key: "arbitragelab",
    name: "Arbitrage Lab",
    login: "arbitragelab",
    payoutCurrency: "USD",
    minimumPayout: 10_000n,
    createdDaysAgo: 140,
    clicksPerLinkDay: 34,
    botRate: 0.03,
    repeatRate: 0.12,
    quality: 1.1,
    payoutDetails: {
      method: "BANK_TRANSFER",
      accountHolder: "Arbitrage Lab Ltd",
      iban: "GB82 WEST 1234 5698 7654 32",
      bic: "NWBKGB2L",
    },
    sources: [
      ["facebook", 0.55],
      ["tiktok", 0.25],
      ["google", 0.2],
    ],
  },
  {
    key: "pushtraffic",
    name: "Push Traffic Co",
    login: "pushtraffic",
    payoutCurrency: "USD",
    minimumPayout: 5_000n,
    createdDaysAgo: 125,
    clicksPerLinkDay: 44,
    botRate: 0.1,
    repeatRate: 0.22,
    quality: 0.55,
    payoutDetails: { method: "PAYPAL", paypalEmail: "payments@pushtraffic.example" },
    sources: [["push", 1]],
  },
  {
    key: "socialbees",
    name: "Social Bees",
    login: "socialbees",
    payoutCurrency: "EUR",
    minimumPayout: 5_000n,
    createdDaysAgo: 110,
    clicksPerLinkDay: 26,
    botRate: 0.04,
    repeatRate: 0.15,
    quality: 0.95,
    sources: [
      ["facebook", 0.5],
      ["tiktok", 0.5],
    ],
  },
  {
    key: "seogarden",
    name: "SEO Garden",
    login: "seogarden",
    payoutCurrency: "USD",
    minimumPayout: 2_500n,
    createdDaysAgo: 100,
    clicksPerLinkDay: 11,
    botRate: 0.02,
    repeatRate: 0.1,
    quality: 1.7,
    payoutDetails: {
      method: "BANK_TRANSFER",
      accountHolder: "SEO Garden B.V.",
      iban: "NL91 ABNA 0417 1643 00",
      bic: "ABNANL2A",
    },
    sources: [["google", 1]],
  },
  {
    key: "nativepulse",
    name: "Native Pulse",
    login: "nativepulse",
    payoutCurrency: "USD",
    minimumPayout: 20_000n,
    createdDaysAgo: 90,
    clicksPerLinkDay: 22,
    botRate: 0.05,
    repeatRate: 0.16,
    quality: 0.8,
    payoutDetails: {
      method: "BANK_TRANSFER",
      accountHolder: "Native Pulse GmbH",
      iban: "DE89 3704 0044 0532 0130 00",
      bic: "COBADEFFXXX",
    },
    sources: [["native", 1]],
  },
];

const CONTACT_FIELDS: LeadFormField[] = [
  { name: "name", label: "Full name", type: "text", required: true },
  { name: "phone", label: "Phone", type: "phone", required: true },
  { name: "email", label: "Email", type: "email", required: true },
];

const consent = (company: string, channels: string) =>
  `I agree that ${company} may contact me by ${channels} about this request and related offers. ` +
  "I can withdraw my consent at any time.";

export const OFFERS: readonly OfferDef[] = [
  {
    key: "sushi-first-order",
    tag: "sushi",
    advertiser: "sushiwave",
    name: "Sushi Wave — First Order Lead",
    vertical: "food_delivery",
    description: "New customers leave their contacts for 20% off their first sushi delivery.",
    landingUrl: "https://sushiwave.example/order?cid={click_id}&pub={publisher_id}&s1={sub1}",
    fallbackUrl: "https://sushiwave.example/",
    status: "ACTIVE",
    visibility: "PUBLIC",
    currency: "USD",
    payoutModel: "CPL",
    defaultPayout: 350n,
    defaultRevenue: 550n,
    countries: ["US"],
    devices: [],
    confirmationMode: "AUTO",
    holdDays: 3,
    returnWindowDays: 7,
    attributionWindowHours: 168,
    leadForm: CONTACT_FIELDS,
    consentText: consent("Sushi Wave", "phone, SMS and email"),
    goal: "lead",
    createdDaysAgo: 84,
    traffic: 1.25,
    conversionRate: 0.03,
    approved: ["arbitragelab", "pushtraffic", "socialbees", "seogarden", "nativepulse"],
    extraLinks: [{ publisher: "arbitragelab", source: "tiktok" }],
  },
  {
    key: "sushi-app-order",
    tag: "sushiapp",
    advertiser: "sushiwave",
    name: "Sushi Wave App — First Order",
    vertical: "food_delivery",
    description: "Paid when a new app user places and pays for a first order.",
    landingUrl: "https://sushiwave.example/app?cid={click_id}&pub={publisher_id}&s1={sub1}&s2={sub2}",
    status: "ACTIVE",
    visibility: "APPROVAL_REQUIRED",
    currency: "USD",
    payoutModel: "CPA",
    defaultPayout: 900n,
    defaultRevenue: 1_400n,
    countries: ["US", "CA"],
    devices: ["MOBILE", "TABLET"],
    confirmationMode: "AUTO",
    holdDays: 3,
    returnWindowDays: 0,
    attributionWindowHours: 168,
    goal: "first_order",
    createdDaysAgo: 70,
    traffic: 1,
    conversionRate: 0.014,
    approved: ["arbitragelab", "pushtraffic", "nativepulse"],
    applied: ["socialbees"],
  },
  {
    key: "nordline-sim-switch",
    tag: "sim",
    advertiser: "nordline",
    name: "Nordline Mobile — SIM Switch Lead",
    vertical: "telecom",
    description:
      "People who want to keep their number and switch to Nordline; the call centre qualifies them.",
    landingUrl: "https://nordline.example/switch?click={click_id}&aff={publisher_id}&sub={sub1}",
    fallbackUrl: "https://nordline.example/",
    status: "ACTIVE",
    visibility: "APPROVAL_REQUIRED",
    currency: "EUR",
    payoutModel: "CPL",
    defaultPayout: 1_200n,
    defaultRevenue: 1_800n,
    countries: ["FI", "EE", "LT"],
    devices: [],
    confirmationMode: "MANUAL",
    holdDays: 14,
    returnWindowDays: 14,
    attributionWindowHours: 168,
    leadForm: CONTACT_FIELDS,
    consentText: consent("Nordline Mobile", "phone and SMS"),
    goal: "lead",
    createdDaysAgo: 90,
    traffic: 1,
    conversionRate: 0.03,
    approved: ["arbitragelab", "socialbees", "nativepulse"],
    rejected: ["pushtraffic"],
  },
  {
    key: "nordline-unlimited",
    tag: "5g",
    advertiser: "nordline",
    name: "Nordline Unlimited 5G — Tariff Upgrade",
    vertical: "telecom",
    description: "Existing prepaid customers upgrading to the unlimited 5G contract (signed contract).",
    landingUrl:
      "https://nordline.example/unlimited?click={click_id}&aff={publisher_id}&sub={sub1}&src={source}",
    status: "ACTIVE",
    visibility: "PRIVATE",
    currency: "EUR",
    payoutModel: "CPA",
    defaultPayout: 2_500n,
    defaultRevenue: 3_600n,
    countries: ["FI"],
    devices: ["MOBILE"],
    confirmationMode: "MANUAL",
    holdDays: 14,
    returnWindowDays: 30,
    attributionWindowHours: 720,
    goal: "contract_signed",
    createdDaysAgo: 60,
    traffic: 0.7,
    conversionRate: 0.008,
    approved: ["arbitragelab", "socialbees"],
  },
  {
    key: "nordline-esim",
    tag: "esim",
    advertiser: "nordline",
    name: "Nordline Travel eSIM",
    vertical: "telecom",
    description: "Revenue share on travel eSIM data packs bought online.",
    landingUrl: "https://esim.nordline.example/?click={click_id}&aff={publisher_id}&s1={sub1}",
    status: "PAUSED",
    visibility: "PUBLIC",
    currency: "USD",
    payoutModel: "REVSHARE",
    payoutShareBps: 2_000,
    revenueShareBps: 3_000,
    saleRange: [900, 3_900],
    countries: [],
    devices: ["MOBILE"],
    confirmationMode: "AUTO",
    holdDays: 0,
    returnWindowDays: 0,
    attributionWindowHours: 24,
    goal: "sale",
    createdDaysAgo: 75,
    traffic: 0.8,
    conversionRate: 0.015,
    approved: ["arbitragelab", "pushtraffic", "socialbees"],
  },
  {
    key: "fuelway-rewards",
    tag: "rewards",
    advertiser: "fuelway",
    name: "Fuelway Rewards Card Sign-up",
    vertical: "retail_loyalty",
    description: "Free loyalty card: 5¢ off every gallon. Paid per completed sign-up form.",
    landingUrl: "https://fuelway.example/rewards?cid={click_id}&pid={publisher_id}&s1={sub1}&s2={sub2}",
    fallbackUrl: "https://fuelway.example/",
    status: "ACTIVE",
    visibility: "PUBLIC",
    currency: "USD",
    payoutModel: "CPL",
    defaultPayout: 200n,
    defaultRevenue: 320n,
    countries: ["US", "CA"],
    devices: [],
    confirmationMode: "AUTO",
    holdDays: 0,
    returnWindowDays: 3,
    attributionWindowHours: 72,
    leadForm: CONTACT_FIELDS,
    consentText: consent("Fuelway", "email and SMS"),
    goal: "lead",
    createdDaysAgo: 80,
    traffic: 1.1,
    conversionRate: 0.04,
    approved: ["arbitragelab", "pushtraffic", "seogarden", "nativepulse"],
  },
  {
    key: "fuelway-fleet",
    tag: "fleet",
    advertiser: "fuelway",
    name: "Fuelway Fleet Card — Business Lead",
    vertical: "b2b_fleet",
    description: "Companies with 5+ vehicles asking for a fleet fuel card; sales calls each lead.",
    landingUrl: "https://fuelway.example/fleet?cid={click_id}&pid={publisher_id}&s1={sub1}",
    status: "ACTIVE",
    visibility: "APPROVAL_REQUIRED",
    currency: "USD",
    payoutModel: "CPL",
    defaultPayout: 4_000n,
    defaultRevenue: 6_000n,
    countries: ["US"],
    devices: ["DESKTOP"],
    confirmationMode: "MANUAL",
    holdDays: 7,
    returnWindowDays: 30,
    attributionWindowHours: 720,
    leadForm: [...CONTACT_FIELDS, { name: "company", label: "Company", type: "text", required: true }],
    consentText: consent("Fuelway", "phone and email"),
    goal: "lead",
    createdDaysAgo: 65,
    traffic: 0.5,
    conversionRate: 0.015,
    approved: ["arbitragelab", "seogarden"],
    applied: ["nativepulse"],
    rejected: ["pushtraffic"],
  },
  {
    key: "fuelway-carwash",
    tag: "carwash",
    advertiser: "fuelway",
    name: "Fuelway Car Wash Club",
    vertical: "retail_subscription",
    description: "Monthly unlimited car wash subscription. Terms still being agreed.",
    landingUrl: "https://fuelway.example/carwash?cid={click_id}&pid={publisher_id}",
    status: "DRAFT",
    visibility: "APPROVAL_REQUIRED",
    currency: "USD",
    payoutModel: "CPA",
    defaultPayout: 600n,
    defaultRevenue: 900n,
    countries: ["US"],
    devices: [],
    confirmationMode: "AUTO",
    holdDays: 7,
    returnWindowDays: 0,
    attributionWindowHours: 720,
    goal: "subscription",
    createdDaysAgo: 3,
    traffic: 0,
    conversionRate: 0,
    approved: [],
  },
  {
    key: "skillforge-python",
    tag: "python",
    advertiser: "skillforge",
    name: "SkillForge — Free Python Course Trial",
    vertical: "education",
    description: "Seven-day free trial of the Python for Beginners course.",
    landingUrl:
      "https://skillforge.example/python-trial?ref={publisher_id}&cid={click_id}&utm_content={sub1}",
    status: "ACTIVE",
    visibility: "PUBLIC",
    currency: "USD",
    payoutModel: "CPL",
    defaultPayout: 150n,
    defaultRevenue: 240n,
    countries: ["US", "GB", "CA", "AU"],
    devices: [],
    confirmationMode: "AUTO",
    holdDays: 0,
    returnWindowDays: 7,
    attributionWindowHours: 168,
    leadForm: [
      { name: "name", label: "Full name", type: "text", required: true },
      { name: "email", label: "Email", type: "email", required: true },
      { name: "phone", label: "Phone (optional)", type: "phone", required: false },
    ],
    consentText: consent("SkillForge Academy", "email"),
    goal: "lead",
    createdDaysAgo: 88,
    traffic: 1,
    conversionRate: 0.035,
    approved: ["arbitragelab", "pushtraffic", "socialbees", "seogarden", "nativepulse"],
    extraLinks: [{ publisher: "arbitragelab", source: "google" }],
  },
  {
    key: "skillforge-bootcamp",
    tag: "bootcamp",
    advertiser: "skillforge",
    name: "SkillForge Data Analyst Bootcamp",
    vertical: "education",
    description: "Revenue share on paid bootcamp enrolments (16 weeks, online).",
    landingUrl:
      "https://skillforge.example/bootcamp/data?ref={publisher_id}&cid={click_id}&utm_content={sub1}",
    status: "ACTIVE",
    visibility: "APPROVAL_REQUIRED",
    currency: "USD",
    payoutModel: "REVSHARE",
    payoutShareBps: 1_500,
    revenueShareBps: 2_500,
    saleRange: [120_000, 290_000],
    countries: ["US", "GB"],
    devices: [],
    confirmationMode: "AUTO",
    holdDays: 14,
    returnWindowDays: 14,
    attributionWindowHours: 720,
    goal: "enrolment",
    createdDaysAgo: 72,
    traffic: 0.6,
    conversionRate: 0.004,
    approved: ["arbitragelab", "seogarden", "socialbees"],
    applied: ["pushtraffic"],
  },
  {
    key: "skillforge-ux-eu",
    tag: "ux",
    advertiser: "skillforge",
    name: "SkillForge — UX Design Trial (EU)",
    vertical: "education",
    description: "Free first module of the UX Design course for EU learners.",
    landingUrl: "https://skillforge.example/eu/ux-trial?ref={publisher_id}&cid={click_id}&utm_content={sub1}",
    status: "ACTIVE",
    visibility: "PUBLIC",
    currency: "EUR",
    payoutModel: "CPL",
    defaultPayout: 180n,
    defaultRevenue: 280n,
    countries: ["DE", "FR", "NL", "ES"],
    devices: [],
    confirmationMode: "AUTO",
    holdDays: 0,
    returnWindowDays: 7,
    attributionWindowHours: 168,
    leadForm: CONTACT_FIELDS,
    consentText: consent("SkillForge Academy", "email and phone"),
    goal: "lead",
    createdDaysAgo: 50,
    traffic: 0.9,
    conversionRate: 0.03,
    approved: ["socialbees", "arbitragelab"],
    recentlyApproved: ["nativepulse"],
  },
  {
    key: "harborline-auto-quote",
    tag: "autoquote",
    advertiser: "harborline",
    name: "Harborline — Car Insurance Quote",
    vertical: "insurance",
    description: "Drivers asking for a car insurance quote; an agent calls back within a day.",
    landingUrl: "https://harborline.example/quote/auto?cid={click_id}&aff={publisher_id}&s1={sub1}&s2={sub2}",
    fallbackUrl: "https://harborline.example/",
    status: "ACTIVE",
    visibility: "APPROVAL_REQUIRED",
    currency: "USD",
    payoutModel: "CPL",
    defaultPayout: 1_800n,
    defaultRevenue: 2_700n,
    countries: ["US"],
    devices: [],
    confirmationMode: "MANUAL",
    holdDays: 7,
    returnWindowDays: 10,
    attributionWindowHours: 168,
    leadForm: [...CONTACT_FIELDS, { name: "zip", label: "ZIP code", type: "text", required: true }],
    consentText: consent("Harborline Insurance and its licensed agents", "phone, SMS and email"),
    // A quote form filled in under 90 s is usually a bot or a bought list: held for a person.
    quality: { policy: "HOLD", minSecondsToConvert: 90 },
    goal: "lead",
    createdDaysAgo: 58,
    traffic: 0.8,
    conversionRate: 0.025,
    approved: ["arbitragelab", "seogarden"],
    recentlyApproved: ["nativepulse"],
    applied: ["socialbees"],
    rejected: ["pushtraffic"],
  },
];

/** Days before `now` the PAUSED offer (Nordline eSIM) stopped: its links still get a trickle of clicks. */
export const PAUSED_DAYS_AGO = 6;

const APPLICATION_MESSAGES: Record<PublisherKey, string> = {
  arbitragelab: "Facebook and TikTok lookalike campaigns, about 150 leads a week at launch.",
  pushtraffic: "Push subscriber base of 4M, US/CA/EU; we can start today.",
  socialbees: "Instagram and TikTok creators in our network, mostly EU audiences.",
  seogarden: "Review and comparison pages ranking on page one for the vertical.",
  nativepulse: "Native widgets on news sites (Taboola/Outbrain style), desktop and mobile.",
};

export interface WorldAdvertiser {
  id: number;
  def: AdvertiserDef;
  userId: number;
  createdAt: Date;
  postbackSecret: string;
}

export interface WorldPublisher {
  id: number;
  def: PublisherDef;
  userId: number;
  createdAt: Date;
}

export interface WorldOffer {
  id: number;
  def: OfferDef;
  advertiser: WorldAdvertiser;
  createdAt: Date;
  /** When an offer that is now PAUSED stopped taking traffic. */
  pausedAt?: Date;
}

export interface WorldLink {
  id: number;
  code: string;
  publisher: WorldPublisher;
  offer: WorldOffer;
  source: Source;
  defaultSubs: Record<string, string>;
  createdAt: Date;
}

export interface WorldCustomPayout {
  offerId: number;
  publisherId: number;
  country: string | null;
  payout: bigint | null;
  payoutShareBps: number | null;
  createdAt: Date;
}

interface CapDef {
  offer: string;
  scope: CapScope;
  publisher?: PublisherKey;
  period: CapPeriod;
  metric: CapMetric;
  limit: bigint;
}

export interface World {
  now: Date;
  users: DemoUser[];
  admin: number;
  finance: number;
  finance2: number;
  advertisers: WorldAdvertiser[];
  publishers: WorldPublisher[];
  offers: WorldOffer[];
  links: WorldLink[];
  customPayouts: WorldCustomPayout[];
  rows: {
    advertisers: Prisma.AdvertiserCreateManyInput[];
    publishers: Prisma.PublisherCreateManyInput[];
    users: Prisma.UserCreateManyInput[];
    apiKeys: Prisma.ApiKeyCreateManyInput[];
    offers: Prisma.OfferCreateManyInput[];
    leadForms: Prisma.LeadFormCreateManyInput[];
    caps: Prisma.OfferCapCreateManyInput[];
    customPayouts: Prisma.CustomPayoutCreateManyInput[];
    applications: Prisma.OfferApplicationCreateManyInput[];
    links: Prisma.TrackingLinkCreateManyInput[];
    payoutDetails: Prisma.PublisherPayoutDetailsCreateManyInput[];
  };
}

/** A demo form's public key, derived from its offer's key: stable across reseeds, no randomness drawn. */
export function demoFormKey(offerKey: string): string {
  return createHash("sha256").update(`demo-form:${offerKey}`).digest("base64url").slice(0, 12);
}

export function byKey<T extends { def: { key: string } }>(items: readonly T[], key: string): T {
  const found = items.find((item) => item.def.key === key);
  if (!found) throw new Error(`seed world: unknown key ${key}`);
  return found;
}

const SOURCE_LABEL: Record<Source, string> = {
  facebook: "Facebook",
  tiktok: "TikTok",
  google: "Google",
  push: "Push",
  native: "Native",
};

/** Builds every account-level row. `passwordHash` is computed once by the caller (argon2 is slow). */
export function planWorld(faker: Faker, now: Date, users: DemoUser[], passwordHash: string): World {
  const daysAgo = (days: number) => addMs(now, -days * DAY);
  const userIndex = (pred: (u: DemoUser) => boolean) => {
    const i = users.findIndex(pred);
    if (i < 0) throw new Error("seed world: missing demo user");
    return i + 1;
  };

  const advertisers: WorldAdvertiser[] = ADVERTISERS.map((def, i) => ({
    id: i + 1,
    def,
    userId: userIndex((u) => u.advertiser === def.key),
    createdAt: daysAgo(def.createdDaysAgo),
    postbackSecret: faker.string.alphanumeric(32),
  }));
  const publishers: WorldPublisher[] = PUBLISHERS.map((def, i) => ({
    id: i + 1,
    def,
    userId: userIndex((u) => u.publisher === def.key),
    createdAt: daysAgo(def.createdDaysAgo),
  }));

  const userCreatedAt = users.map((u, i) => {
    const account = u.advertiser
      ? byKey(advertisers, u.advertiser)
      : u.publisher
        ? byKey(publishers, u.publisher)
        : null;
    return account ? addMs(account.createdAt, 40 * MINUTE) : daysAgo(200 - i);
  });
  const userRows: Prisma.UserCreateManyInput[] = users.map((u, i) => ({
    id: i + 1,
    email: u.email,
    name: u.name,
    passwordHash,
    role: u.role,
    advertiserId: u.advertiser ? byKey(advertisers, u.advertiser).id : null,
    publisherId: u.publisher ? byKey(publishers, u.publisher).id : null,
    createdAt: userCreatedAt[i] ?? now,
  }));
  const apiKeys: Prisma.ApiKeyCreateManyInput[] = users.map((u, i) => ({
    id: i + 1,
    userId: i + 1,
    name: "Demo key",
    // Same prefix rule as generateApiKey, so key lists look the same for demo and real keys.
    prefix: u.apiKey.slice(0, 10),
    keyHash: hashApiKey(u.apiKey),
    createdAt: addMs(userCreatedAt[i] ?? now, 5 * MINUTE),
  }));

  const offers: WorldOffer[] = OFFERS.map((def, i) => {
    const advertiser = byKey(advertisers, def.advertiser);
    const offer: WorldOffer = { id: i + 1, def, advertiser, createdAt: daysAgo(def.createdDaysAgo) };
    if (def.status === "PAUSED") offer.pausedAt = addMs(daysAgo(PAUSED_DAYS_AGO), 14 * HOUR);
    return offer;
  });
  const offerRows: Prisma.OfferCreateManyInput[] = offers.map(
    ({ id, def, advertiser, createdAt, pausedAt }) => ({
      id,
      advertiserId: advertiser.id,
      name: def.name,
      vertical: def.vertical,
      description: def.description,
      landingUrl: def.landingUrl,
      fallbackUrl: def.fallbackUrl ?? null,
      status: def.status,
      visibility: def.visibility,
      currency: def.currency,
      payoutModel: def.payoutModel,
      defaultPayout: def.defaultPayout ?? 0n,
      defaultRevenue: def.defaultRevenue ?? 0n,
      payoutShareBps: def.payoutShareBps ?? null,
      revenueShareBps: def.revenueShareBps ?? null,
      countries: def.countries,
      devices: def.devices,
      confirmationMode: def.confirmationMode,
      holdDays: def.holdDays,
      returnWindowDays: def.returnWindowDays,
      attributionWindowHours: def.attributionWindowHours,
      // Lead-form offers reject what the tracker finds doubtful (the seeded duplicates are rejected).
      qualityPolicy: def.quality?.policy ?? (def.leadForm ? "REJECT" : "FLAG"),
      minSecondsToConvert: def.quality?.minSecondsToConvert ?? 0,
      createdAt,
      updatedAt: pausedAt ?? createdAt,
    }),
  );

  const offer = (key: string) => byKey(offers, key);
  const publisher = (key: PublisherKey) => byKey(publishers, key);

  // Caps sit above what the generated traffic reaches, so no seeded conversion is over a cap.
  const caps: CapDef[] = [
    { offer: "nordline-sim-switch", scope: "OFFER", period: "DAILY", metric: "CONVERSIONS", limit: 40n },
    { offer: "fuelway-fleet", scope: "PER_PUBLISHER", period: "MONTHLY", metric: "CONVERSIONS", limit: 60n },
    { offer: "harborline-auto-quote", scope: "OFFER", period: "MONTHLY", metric: "BUDGET", limit: 600_000n },
    {
      offer: "sushi-first-order",
      scope: "PUBLISHER",
      publisher: "pushtraffic",
      period: "DAILY",
      metric: "CONVERSIONS",
      limit: 25n,
    },
    { offer: "sushi-app-order", scope: "OFFER", period: "TOTAL", metric: "BUDGET", limit: 5_000_000n },
  ];
  const capRows: Prisma.OfferCapCreateManyInput[] = caps.map((cap, i) => ({
    id: i + 1,
    offerId: offer(cap.offer).id,
    scope: cap.scope,
    publisherId: cap.publisher ? publisher(cap.publisher).id : null,
    period: cap.period,
    metric: cap.metric,
    limit: cap.limit,
    createdAt: addMs(offer(cap.offer).createdAt, DAY),
  }));

  const custom = (
    offerKey: string,
    publisherKey: PublisherKey,
    terms: { country?: string; payout?: bigint; payoutShareBps?: number },
  ): WorldCustomPayout => ({
    offerId: offer(offerKey).id,
    publisherId: publisher(publisherKey).id,
    country: terms.country ?? null,
    payout: terms.payout ?? null,
    payoutShareBps: terms.payoutShareBps ?? null,
    createdAt: addMs(offer(offerKey).createdAt, 12 * DAY),
  });
  const customPayouts: WorldCustomPayout[] = [
    // The network's biggest buyer negotiated more for US leads.
    custom("sushi-first-order", "arbitragelab", { country: "US", payout: 420n }),
    custom("nordline-sim-switch", "socialbees", { country: "FI", payout: 1_350n }),
    // SEO traffic converts best on the bootcamp, so it earns a bigger share.
    custom("skillforge-bootcamp", "seogarden", { payoutShareBps: 1_800 }),
  ];
  const customPayoutRows: Prisma.CustomPayoutCreateManyInput[] = customPayouts.map((c, i) => ({
    id: i + 1,
    ...c,
  }));

  const applications: Prisma.OfferApplicationCreateManyInput[] = [];
  const links: WorldLink[] = [];
  const codes = new Set<string>();
  const newCode = () => {
    for (;;) {
      const code = faker.string.alphanumeric(8);
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };
  const addLink = (o: WorldOffer, p: WorldPublisher, source: Source, createdAt: Date) => {
    const defaultSubs: Record<string, string> =
      p.def.key === "seogarden" ? { sub1: `review_${o.def.tag}`, sub2: "organic" } : {};
    links.push({
      id: links.length + 1,
      code: newCode(),
      publisher: p,
      offer: o,
      source,
      defaultSubs,
      createdAt,
    });
  };

  for (const o of offers) {
    const apply = (key: PublisherKey, status: "APPLIED" | "APPROVED" | "REJECTED", createdAt: Date) => {
      const p = publisher(key);
      const automatic = status === "APPROVED" && o.def.visibility === "PUBLIC";
      const decidedAt =
        status === "APPLIED" ? null : automatic ? createdAt : addMs(createdAt, between(faker, 1, 30) * HOUR);
      applications.push({
        id: applications.length + 1,
        offerId: o.id,
        publisherId: p.id,
        status,
        message: automatic ? "" : APPLICATION_MESSAGES[key],
        decidedById: decidedAt && !automatic ? o.advertiser.userId : null,
        decidedAt,
        createdAt,
      });
      if (status === "APPROVED" && decidedAt) {
        const linkAt = addMs(decidedAt, between(faker, 5, 90) * MINUTE);
        addLink(o, p, pickWeighted(faker, p.def.sources), linkAt);
        for (const extra of o.def.extraLinks ?? []) {
          if (extra.publisher === key) addLink(o, p, extra.source, addMs(linkAt, between(faker, 2, 9) * DAY));
        }
      }
    };
    // Early joiners applied within the offer's first ten days, well before the 30 days of traffic.
    const early = () => addMs(o.createdAt, between(faker, 1, 10) * DAY + between(faker, 0, 23) * HOUR);
    for (const key of o.def.approved) apply(key, "APPROVED", early());
    for (const key of o.def.recentlyApproved ?? []) {
      apply(key, "APPROVED", addMs(now, -between(faker, 9, 13) * DAY - between(faker, 0, 23) * HOUR));
    }
    for (const key of o.def.rejected ?? []) apply(key, "REJECTED", early());
    for (const key of o.def.applied ?? []) {
      apply(key, "APPLIED", addMs(now, -between(faker, 20, 70) * HOUR));
    }
  }

  const linkRows: Prisma.TrackingLinkCreateManyInput[] = links.map((l) => ({
    id: l.id,
    publisherId: l.publisher.id,
    offerId: l.offer.id,
    code: l.code,
    name: `${SOURCE_LABEL[l.source]} — ${l.offer.def.name}`,
    defaultSubs: l.defaultSubs,
    createdAt: l.createdAt,
  }));

  return {
    now,
    users,
    admin: userIndex((u) => u.role === "ADMIN"),
    finance: userIndex((u) => u.email === "finance@leadrail.test"),
    finance2: userIndex((u) => u.email === "finance2@leadrail.test"),
    advertisers,
    publishers,
    offers,
    links,
    customPayouts,
    rows: {
      advertisers: advertisers.map((a) => ({
        id: a.id,
        name: a.def.name,
        postbackSecret: a.postbackSecret,
        createdAt: a.createdAt,
      })),
      publishers: publishers.map((p) => ({
        id: p.id,
        name: p.def.name,
        minimumPayout: p.def.minimumPayout,
        payoutCurrency: p.def.payoutCurrency,
        createdAt: p.createdAt,
      })),
      users: userRows,
      apiKeys,
      payoutDetails: publishers.flatMap((p) => {
        if (!p.def.payoutDetails) return [];
        const parsed = parsePayoutDetails(p.def.payoutDetails);
        if (!parsed.ok)
          throw new Error(`seed world: ${p.def.key}'s payout details: ${JSON.stringify(parsed.errors)}`);
        // Entered by the publisher's user a few days after signing up, long before any payment.
        return [
          {
            publisherId: p.id,
            ...parsed.details,
            updatedById: p.userId,
            updatedAt: addMs(p.createdAt, 3 * DAY),
          },
        ];
      }),
      offers: offerRows,
      leadForms: offers.flatMap(({ id, def, createdAt }) =>
        def.leadForm
          ? [
              {
                offerId: id,
                key: demoFormKey(def.key),
                title: def.name,
                fields: def.leadForm,
                consentText: def.consentText ?? null,
                consentVersion: def.consentText ? 1 : 0,
                createdAt,
                updatedAt: createdAt,
              },
            ]
          : [],
      ),
      caps: capRows,
      customPayouts: customPayoutRows,
      applications,
      links: linkRows,
    },
  };
}
