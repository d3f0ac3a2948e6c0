-- CreateEnum
CREATE TYPE "LeadDestinationKind" AS ENUM ('WEBHOOK', 'EMAIL');

-- CreateEnum
CREATE TYPE "LeadDeliveryTrigger" AS ENUM ('REAL_TIME', 'ON_CONFIRMATION');

-- CreateEnum
CREATE TYPE "LeadPayloadFormat" AS ENUM ('JSON', 'FORM');

-- CreateEnum
CREATE TYPE "LeadDeliveryOutcome" AS ENUM ('DELIVERED', 'RETRYING', 'FAILED', 'REFUSED');

-- CreateTable
CREATE TABLE "lead_destinations" (
    "id" SERIAL NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "LeadDestinationKind" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "trigger" "LeadDeliveryTrigger" NOT NULL DEFAULT 'REAL_TIME',
    "url" TEXT,
    "format" "LeadPayloadFormat" NOT NULL DEFAULT 'JSON',
    "field_mapping" JSONB NOT NULL DEFAULT '[]',
    "static_fields" JSONB NOT NULL DEFAULT '{}',
    "secret" TEXT,
    "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "refusal_rule" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_destinations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_delivery_outbox" (
    "id" BIGSERIAL NOT NULL,
    "conversion_id" UUID,
    "destination_id" INTEGER NOT NULL,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "replay_of_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),

    CONSTRAINT "lead_delivery_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "destination_id" INTEGER NOT NULL,
    "conversion_id" UUID,
    "delivery_id" BIGINT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "replay_of_id" BIGINT,
    "request_url" TEXT NOT NULL,
    "request_headers" JSONB NOT NULL DEFAULT '{}',
    "request_body" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" TEXT,
    "error" TEXT,
    "refusal_reason" TEXT,
    "duration_ms" INTEGER,
    "outcome" "LeadDeliveryOutcome" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_destinations_offer_id_idx" ON "lead_destinations"("offer_id");

-- CreateIndex
CREATE INDEX "lead_delivery_outbox_created_at_idx" ON "lead_delivery_outbox"("created_at");

-- CreateIndex
CREATE INDEX "lead_delivery_attempts_conversion_id_idx" ON "lead_delivery_attempts"("conversion_id");

-- CreateIndex
CREATE INDEX "lead_delivery_attempts_destination_id_created_at_idx" ON "lead_delivery_attempts"("destination_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_delivery_attempts_delivery_id_idx" ON "lead_delivery_attempts"("delivery_id");

-- AddForeignKey
ALTER TABLE "lead_destinations" ADD CONSTRAINT "lead_destinations_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_delivery_attempts" ADD CONSTRAINT "lead_delivery_attempts_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "lead_destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_delivery_attempts" ADD CONSTRAINT "lead_delivery_attempts_conversion_id_fkey" FOREIGN KEY ("conversion_id") REFERENCES "conversions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What the relay scans: the undispatched rows only (as postback_outbox).
CREATE INDEX "lead_delivery_outbox_undispatched_idx" ON "lead_delivery_outbox" ("id") WHERE "dispatched_at" IS NULL;

-- A webhook needs a URL, an e-mail destination at least one recipient.
ALTER TABLE "lead_destinations" ADD CONSTRAINT "lead_destinations_kind_check" CHECK (
  ("kind" = 'WEBHOOK' AND "url" IS NOT NULL)
  OR ("kind" = 'EMAIL' AND cardinality("recipients") > 0)
);

-- Only tests go without a lead.
ALTER TABLE "lead_delivery_outbox" ADD CONSTRAINT "lead_delivery_outbox_conversion_or_test_check" CHECK (
  "test" OR "conversion_id" IS NOT NULL
);
ALTER TABLE "lead_delivery_attempts" ADD CONSTRAINT "lead_delivery_attempts_conversion_or_test_check" CHECK (
  "test" OR "conversion_id" IS NOT NULL
);
