// The demo world shows lead capture: an offer landing on its hosted form (select and checkbox fields,
// an FAQ), a code pool running low (12 codes, 9 given to real leads, each code once).
import { parseFaq, parseLeadFormFields } from "@leadrail/db/lead-form";
import { seedDemo } from "@leadrail/db/seed";
import { describe, expect, test } from "../src/fixtures.ts";

describe("demo seed: lead capture", { timeout: 180_000 }, () => {
  test("a HOSTED_FORM offer with a rich form and a low code pool", async ({ db }) => {
    await seedDemo(db, { now: new Date("2026-03-11T07:00:00Z") });
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
});
