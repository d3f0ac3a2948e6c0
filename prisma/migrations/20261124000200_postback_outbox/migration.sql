-- CreateTable
CREATE TABLE "postback_outbox" (
    "id" BIGSERIAL NOT NULL,
    "conversion_id" UUID NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "status" "ConversionStatus" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),

    CONSTRAINT "postback_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "postback_outbox_created_at_idx" ON "postback_outbox"("created_at");

-- The relay's only query: undispatched rows in id order. Dispatched rows stay for a while (the relay
-- deletes them after a week) but never enter this index.
CREATE INDEX "postback_outbox_undispatched_idx" ON "postback_outbox" ("id") WHERE "dispatched_at" IS NULL;
