// Everything the click path needs to know about a tracking link, read from PostgreSQL in one query on
// a cache miss and reduced to plain data (templates compiled, defaults parsed) before it is cached.
// Shared: the tracker loads it by code for real clicks, the API by id for the link tester, so both
// judge a click from the same facts (@leadrail/db/link-config).

import { Prisma } from "../generated/client/client.ts";
import type { DeviceType } from "../generated/client/enums.ts";
import type { TargetingConfig } from "./click-targeting.ts";
import type { Db } from "./index.ts";
import { compileLandingTemplate, type LandingTemplate } from "./landing-url.ts";
import { SUB_IDS, type SubId } from "./macros.ts";

export interface LinkConfig extends TargetingConfig {
  linkId: number;
  offerId: number;
  advertiserId: number;
  publisherId: number;
  linkDisabled: boolean;
  /** ACTIVE offer of an ACTIVE advertiser. */
  offerActive: boolean;
  /** The publisher may send traffic: PUBLIC offer or APPROVED application, not blocked, not suspended. */
  approved: boolean;
  /** Upper-case ISO 3166-1 alpha-2; empty = every country. */
  countries: ReadonlySet<string>;
  /** Empty = every device. */
  devices: ReadonlySet<DeviceType>;
  /** Null when the template is unusable (see `landingProblem`): such a link cannot redirect. */
  landing: LandingTemplate | null;
  landingProblem: string | null;
  /**
   * The offer lands on its hosted lead form (landingMode HOSTED_FORM): the click redirects to the
   * tracker's /form/<key>?click_id=<id> instead of the landing URL. Null for URL landings.
   */
  hostedFormKey: string | null;
  /** Where rejected traffic goes; null = the 404 page. Checked like a template, macros not filled. */
  fallbackUrl: string | null;
  defaultSubs: Partial<Record<SubId, string>>;
}

export interface LinkRow {
  link_id: number;
  offer_id: number;
  advertiser_id: number;
  publisher_id: number;
  link_disabled: boolean;
  default_subs: unknown;
  offer_status: string;
  visibility: string;
  advertiser_status: string;
  publisher_status: string;
  application_status: string | null;
  application_blocked: boolean;
  landing_url: string;
  landing_mode?: string;
  form_key?: string | null;
  fallback_url: string | null;
  countries: string[];
  devices: string[];
}

const DEVICE_TYPES: ReadonlySet<string> = new Set(["DESKTOP", "MOBILE", "TABLET", "OTHER"]);

function parseDefaultSubs(value: unknown): Partial<Record<SubId, string>> {
  const subs: Partial<Record<SubId, string>> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return subs;
  for (const sub of SUB_IDS) {
    const v = (value as Record<string, unknown>)[sub];
    if (typeof v === "string" && v.length > 0) subs[sub] = v;
    else if (typeof v === "number") subs[sub] = String(v);
  }
  return subs;
}

export function toLinkConfig(row: LinkRow): LinkConfig {
  const landing = compileLandingTemplate(row.landing_url);
  // A fallback URL is used as it is: it must be a plain http(s) URL with no macro anywhere.
  const fallback =
    row.fallback_url !== null && !/[{}]/.test(row.fallback_url)
      ? compileLandingTemplate(row.fallback_url)
      : null;
  const blocked = row.application_blocked;
  // A hosted-form landing without a form has nowhere to send the visitor: unusable, like a bad URL.
  const hosted = row.landing_mode === "HOSTED_FORM";
  const noForm = hosted && !row.form_key;
  const applicationApproved = row.application_status === "APPROVED";
  return {
    linkId: row.link_id,
    offerId: row.offer_id,
    advertiserId: row.advertiser_id,
    publisherId: row.publisher_id,
    linkDisabled: row.link_disabled,
    offerActive: row.offer_status === "ACTIVE" && row.advertiser_status === "ACTIVE",
    approved:
      row.publisher_status === "ACTIVE" && !blocked && (row.visibility === "PUBLIC" || applicationApproved),
    countries: new Set(row.countries.map((c) => c.toUpperCase())),
    devices: new Set(row.devices.filter((d) => DEVICE_TYPES.has(d)) as DeviceType[]),
    landing: noForm || !landing.ok ? null : landing.landing,
    landingProblem: noForm
      ? "the offer lands on its hosted lead form, but it has no lead form"
      : landing.ok
        ? null
        : landing.problem,
    hostedFormKey: hosted ? (row.form_key ?? null) : null,
    fallbackUrl: fallback?.ok ? new URL(fallback.landing.template).href : null,
    defaultSubs: parseDefaultSubs(row.default_subs),
  };
}

const LINK_CONFIG_SELECT = Prisma.sql`
    select l.id as link_id, l.offer_id, o.advertiser_id, l.publisher_id, l.disabled_at is not null as link_disabled,
      l.default_subs, o.status::text as offer_status, o.visibility::text as visibility,
      adv.status::text as advertiser_status, p.status::text as publisher_status,
      a.status::text as application_status, coalesce(a.blocked_at is not null, false) as application_blocked,
      o.landing_url, o.landing_mode::text as landing_mode, lf.key as form_key, o.fallback_url, o.countries,
      o.devices::text[] as devices
    from tracking_links l
    join offers o on o.id = l.offer_id
    left join lead_forms lf on lf.offer_id = o.id
    join advertisers adv on adv.id = o.advertiser_id
    join publishers p on p.id = l.publisher_id
    left join offer_applications a on a.offer_id = l.offer_id and a.publisher_id = l.publisher_id`;

/** The one query of the click path; it runs only when the cache has no answer for the code. */
export async function loadLinkConfig(db: Db, code: string): Promise<LinkConfig | null> {
  const rows = await db.$queryRaw<LinkRow[]>`${LINK_CONFIG_SELECT} where l.code = ${code}`;
  const row = rows[0];
  return row === undefined ? null : toLinkConfig(row);
}

/** A publisher's own link by id (null when it is not theirs), for the API's link tester. */
export async function loadOwnLinkConfig(
  db: Db,
  linkId: number,
  publisherId: number,
): Promise<LinkConfig | null> {
  const rows = await db.$queryRaw<LinkRow[]>`${LINK_CONFIG_SELECT}
    where l.id = ${linkId} and l.publisher_id = ${publisherId}`;
  const row = rows[0];
  return row === undefined ? null : toLinkConfig(row);
}
