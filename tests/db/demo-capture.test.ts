// The demo world shows lead capture: an offer landing on its hosted form (select and checkbox fields,
// an FAQ), a code pool running low (12 codes, 9 given to real leads, each code once); and lead
// delivery: one CRM webhook, switched off, so the Delivery screen is not empty.
import type { Db } from "@leadrail/db";
import { leadDestinationConfigSchema } from "@leadrail/db/lead-delivery";
import { parseFaq, parseLeadFormFields } from "@leadrail/db/lead-form";
import { seedDemo } from "@leadrail/db/seed";
import { describe, expect, test } from "../src/fixtures.ts";

// The file's database is seeded once, by whichever test comes first.
let seeded: Promise<unknown> | null = null;
const seed = (db: Db) => {
  seeded ??= seedDemo(db, { now: new Date("2026-03-11T07:00:00Z") });
  return seeded;
};

describe("demo seed: lead capture and delivery", { timeout: 180_000 }, () => {
  test("a HOSTED_FORM offer with a rich form and a low code pool", async ({ db }) => {
    await seed(db);
    const offer = await db.offer.findFirstOrThrow({
      where: { landingMode: "HOSTED_FORM" },
      include: { leadForm: true, leadMagnet: { include: { codes: true } } },
    });
    const fields = parseLeadFormFields(offer.leadForm?.fields) ?? [];
    expect(fields.map((f) => f.type)).toEqual(expect.arrayContaining(["select", "checkbox"]));
    expect(parseFaq(offer.leadForm?.faq).length).toBeGreaterThanOrEqual(3);
    const magnet = offer.leadMagnet;
    expect(magnet?.kind).toBe("CODE_POOL");
    const codes = magnet?.codes ?? [];
    expect(codes).toHaveLength(12);
    const given = codes.filter((c) => c.conversionId !== null);
    expect(given).toHaveLength(9);
    expect(codes.length - given.length).toBeLessThan(magnet?.lowStockThreshold ?? 0);
    const leads = await db.conversion.findMany({
      where: { id: { in: given.map((c) => c.conversionId ?? "") } },
    });
    expect(leads).toHaveLength(9);
    for (const lead of leads) {
      expect(lead.offerId).toBe(offer.id);
      expect(lead.rewardCode).toBe(given.find((c) => c.conversionId === lead.id)?.code);
    }
    // Every seeded form parses as the tracker reads it.
    for (const form of await db.leadForm.findMany()) expect(parseLeadFormFields(form.fields)).not.toBeNull();
  });

  test("one demo CRM webhook, switched off, on Sushi Wave's offer, valid as the API would store it", async ({
    db,
  }) => {
    await seed(db);
    const destinations = await db.leadDestination.findMany({
      include: { offer: { include: { advertiser: true } } },
    });
    expect(destinations).toHaveLength(1);
    const [demo] = destinations;
    expect(demo).toMatchObject({
      name: "Demo CRM (example, switched off)",
      kind: "WEBHOOK",
      active: false,
      url: "https://crm.example.com/leads",
      offer: { advertiser: { name: "Sushi Wave" } },
    });
    const config = leadDestinationConfigSchema.safeParse({
      kind: demo?.kind,
      name: demo?.name,
      active: demo?.active,
      trigger: demo?.trigger,
      url: demo?.url,
      format: demo?.format,
      fieldMapping: demo?.fieldMapping,
      staticFields: demo?.staticFields,
      secret: demo?.secret,
      refusalRule: demo?.refusalRule,
    });
    expect(config.error).toBeUndefined();
    expect(config.data?.fieldMapping.length).toBeGreaterThan(0);
    // Nothing was ever sent or queued to it.
    expect(await db.leadDeliveryAttempt.count()).toBe(0);
    expect(await db.leadDeliveryOutbox.count()).toBe(0);
  });
});
