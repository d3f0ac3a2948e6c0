// Columns the application writes that the first cut of the migration lacked: a conversion's approval and
// reversal times, the reason given with an application decision, and a click's IP hash. Each is written
// and read back through Prisma and checked in SQL, so a migration that drops or renames one fails here.
import { describe, expect, test } from "../src/fixtures.ts";

describe("columns added by the tightened migration", () => {
  test("conversions.approved_at and reversed_at, offer_applications.decision_reason, clicks.ip_hash", async ({
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    const offer = await factories.createOffer(advertiser, { visibility: "APPROVAL_REQUIRED" });
    const approvedAt = new Date("2026-03-01T10:00:00.000Z");
    const reversedAt = new Date("2026-03-09T12:30:00.000Z");

    const conversion = await factories.createConversion(offer, publisher, {
      status: "REVERSED",
      approvedAt,
      reversedAt,
    });
    const admin = await factories.createUser("ADMIN");
    const application = await db.offerApplication.create({
      data: {
        offerId: offer.id,
        publisherId: publisher.id,
        status: "REJECTED",
        decisionReason: "traffic sources not allowed",
        decidedById: admin.id,
        decidedAt: new Date(),
      },
    });
    const click = await factories.createClick({ offer, publisher }, { ipHash: "sha256:0123abcd" });

    const [row] = await db.$queryRaw<
      { approved_at: Date; reversed_at: Date; decision_reason: string; ip_hash: string }[]
    >`
      select c.approved_at, c.reversed_at, a.decision_reason, k.ip_hash
      from conversions c, offer_applications a, clicks k
      where c.id = ${conversion.id}::uuid and a.id = ${application.id}
        and k.id = ${click.id}::uuid and k.created_at = ${click.createdAt}`;
    expect(row).toEqual({
      approved_at: approvedAt,
      reversed_at: reversedAt,
      decision_reason: "traffic sources not allowed",
      ip_hash: "sha256:0123abcd",
    });
  });
});
