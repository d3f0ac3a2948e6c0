-- CreateEnum
CREATE TYPE "QualityPolicy" AS ENUM ('REJECT', 'HOLD', 'FLAG');

-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('CALL', 'EMAIL', 'MESSAGE');

-- AlterTable
ALTER TABLE "offers" ADD COLUMN     "contact_limit" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "contact_period_hours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "duplicate_window_days" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "min_seconds_to_convert" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "quality_policy" "QualityPolicy" NOT NULL DEFAULT 'FLAG';

-- AlterTable
ALTER TABLE "conversions" ADD COLUMN     "email_key" TEXT,
ADD COLUMN     "phone_key" TEXT,
ADD COLUMN     "returning_visitor" BOOLEAN;

-- CreateTable
CREATE TABLE "contact_attempts" (
    "id" BIGSERIAL NOT NULL,
    "conversion_id" UUID NOT NULL,
    "channel" "ContactChannel" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "user_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "contact_attempts_conversion_id_created_at_idx" ON "contact_attempts"("conversion_id", "created_at");

-- CreateIndex
CREATE INDEX "conversions_email_key_idx" ON "conversions"("email_key");

-- CreateIndex
CREATE INDEX "conversions_phone_key_idx" ON "conversions"("phone_key");

-- AddForeignKey
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_conversion_id_fkey" FOREIGN KEY ("conversion_id") REFERENCES "conversions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: thresholds a lead-quality rule would misread when negative or zero
ALTER TABLE "offers" ADD CONSTRAINT "offers_quality_thresholds_check" CHECK (
  "min_seconds_to_convert" >= 0 AND "duplicate_window_days" >= 0
  AND "contact_limit" >= 1 AND "contact_period_hours" >= 1
);
