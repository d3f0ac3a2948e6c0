-- CreateEnum
CREATE TYPE "LandingMode" AS ENUM ('URL', 'HOSTED_FORM');

-- CreateEnum
CREATE TYPE "MagnetKind" AS ENUM ('FILE', 'LINK', 'CODE_POOL');

-- AlterTable
ALTER TABLE "offers" ADD COLUMN     "landing_mode" "LandingMode" NOT NULL DEFAULT 'URL';

-- AlterTable
ALTER TABLE "conversions" ADD COLUMN     "capture_channel" TEXT,
ADD COLUMN     "consent_version" INTEGER,
ADD COLUMN     "conversation" JSONB,
ADD COLUMN     "pool_empty" BOOLEAN,
ADD COLUMN     "reward_code" TEXT,
ADD COLUMN     "reward_given_at" TIMESTAMPTZ(3),
ADD COLUMN     "reward_kind" "MagnetKind";

-- CreateTable
CREATE TABLE "lead_forms" (
    "id" SERIAL NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "intro" TEXT NOT NULL DEFAULT '',
    "fields" JSONB NOT NULL DEFAULT '[]',
    "consent_text" TEXT,
    "consent_version" INTEGER NOT NULL DEFAULT 0,
    "submit_label" TEXT NOT NULL DEFAULT 'Send',
    "thank_you_title" TEXT NOT NULL DEFAULT 'Thank you',
    "thank_you_text" TEXT NOT NULL DEFAULT 'We have received your details and will be in touch.',
    "faq" JSONB NOT NULL DEFAULT '[]',
    "min_fill_seconds" INTEGER NOT NULL DEFAULT 3,
    "rate_limit_per_hour" INTEGER NOT NULL DEFAULT 20,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_forms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_magnets" (
    "id" SERIAL NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "kind" "MagnetKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "url" TEXT,
    "file_name" TEXT,
    "file_type" TEXT,
    "file_data" BYTEA,
    "low_stock_threshold" INTEGER NOT NULL DEFAULT 10,
    "link_ttl_hours" INTEGER NOT NULL DEFAULT 72,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_magnets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reward_codes" (
    "id" BIGSERIAL NOT NULL,
    "magnet_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "conversion_id" UUID,
    "claimed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reward_codes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "lead_forms_offer_id_key" ON "lead_forms"("offer_id");

-- CreateIndex
CREATE UNIQUE INDEX "lead_forms_key_key" ON "lead_forms"("key");

-- CreateIndex
CREATE UNIQUE INDEX "lead_magnets_offer_id_key" ON "lead_magnets"("offer_id");

-- CreateIndex
CREATE UNIQUE INDEX "reward_codes_conversion_id_key" ON "reward_codes"("conversion_id");

-- CreateIndex
CREATE INDEX "reward_codes_magnet_id_conversion_id_idx" ON "reward_codes"("magnet_id", "conversion_id");

-- CreateIndex
CREATE UNIQUE INDEX "reward_codes_magnet_id_code_key" ON "reward_codes"("magnet_id", "code");

-- AddForeignKey
ALTER TABLE "lead_forms" ADD CONSTRAINT "lead_forms_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_magnets" ADD CONSTRAINT "lead_magnets_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reward_codes" ADD CONSTRAINT "reward_codes_magnet_id_fkey" FOREIGN KEY ("magnet_id") REFERENCES "lead_magnets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Data migration: the offer's old form (fields + consent text) becomes its LeadForm, titled with the
-- offer's name. The key is 12 random hex characters (48 bits; URL-safe, unguessable enough for a
-- public form id). Consent version 1 when there is consent text (0 = none), as the API counts.
INSERT INTO "lead_forms" ("offer_id", "key", "title", "fields", "consent_text", "consent_version", "updated_at")
SELECT "id",
       substr(replace(gen_random_uuid()::text, '-', ''), 1, 12),
       "name",
       "lead_form_fields",
       "consent_text",
       CASE WHEN "consent_text" IS NULL THEN 0 ELSE 1 END,
       CURRENT_TIMESTAMP
FROM "offers"
WHERE jsonb_typeof("lead_form_fields") = 'array' AND jsonb_array_length("lead_form_fields") > 0;

ALTER TABLE "offers" DROP COLUMN "consent_text",
DROP COLUMN "lead_form_fields";

-- Checks the schema language cannot say.
ALTER TABLE "lead_forms"
  ADD CONSTRAINT "lead_forms_key_format" CHECK ("key" ~ '^[A-Za-z0-9_-]{8,32}$'),
  ADD CONSTRAINT "lead_forms_consent_version" CHECK ("consent_version" >= 0),
  ADD CONSTRAINT "lead_forms_min_fill_seconds" CHECK ("min_fill_seconds" BETWEEN 0 AND 600),
  ADD CONSTRAINT "lead_forms_rate_limit" CHECK ("rate_limit_per_hour" BETWEEN 1 AND 100000),
  ADD CONSTRAINT "lead_forms_fields_array" CHECK (jsonb_typeof("fields") = 'array'),
  ADD CONSTRAINT "lead_forms_faq_array" CHECK (jsonb_typeof("faq") = 'array');
ALTER TABLE "lead_magnets"
  ADD CONSTRAINT "lead_magnets_file_size" CHECK ("file_data" IS NULL OR octet_length("file_data") <= 5242880),
  ADD CONSTRAINT "lead_magnets_link_ttl" CHECK ("link_ttl_hours" BETWEEN 1 AND 8760),
  ADD CONSTRAINT "lead_magnets_low_stock" CHECK ("low_stock_threshold" >= 0);
ALTER TABLE "reward_codes"
  ADD CONSTRAINT "reward_codes_claimed_together" CHECK (("conversion_id" IS NULL) = ("claimed_at" IS NULL)),
  ADD CONSTRAINT "reward_codes_code_length" CHECK (char_length("code") BETWEEN 1 AND 100);

-- The claim (SELECT ... WHERE conversion_id IS NULL ... FOR UPDATE SKIP LOCKED LIMIT 1) and the
-- remaining-stock count read only unclaimed codes.
CREATE INDEX "reward_codes_unclaimed" ON "reward_codes" ("magnet_id", "id") WHERE "conversion_id" IS NULL;
