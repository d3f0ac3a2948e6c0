-- AlterTable
ALTER TABLE "postback_deliveries" ADD COLUMN     "test" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "conversion_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "postback_outbox" ADD COLUMN     "postback_id" INTEGER,
ALTER COLUMN "conversion_id" DROP NOT NULL,
ALTER COLUMN "offer_id" DROP NOT NULL;


-- A conversion's event names its conversion and offer, a test fire names its template: one or the other.
ALTER TABLE "postback_outbox" ADD CONSTRAINT "postback_outbox_event_or_test_check" CHECK (
  ("postback_id" IS NULL AND "conversion_id" IS NOT NULL AND "offer_id" IS NOT NULL)
  OR ("postback_id" IS NOT NULL AND "conversion_id" IS NULL)
);

-- Only test deliveries go without a conversion.
ALTER TABLE "postback_deliveries" ADD CONSTRAINT "postback_deliveries_conversion_or_test_check" CHECK (
  "test" OR "conversion_id" IS NOT NULL
);
