-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'ADVERTISER', 'PUBLISHER', 'FINANCE');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "OfferVisibility" AS ENUM ('PUBLIC', 'APPROVAL_REQUIRED', 'PRIVATE');

-- CreateEnum
CREATE TYPE "PayoutModel" AS ENUM ('CPL', 'CPA', 'REVSHARE');

-- CreateEnum
CREATE TYPE "ConfirmationMode" AS ENUM ('AUTO', 'MANUAL');

-- CreateEnum
CREATE TYPE "DeviceType" AS ENUM ('DESKTOP', 'MOBILE', 'TABLET', 'OTHER');

-- CreateEnum
CREATE TYPE "CapPeriod" AS ENUM ('DAILY', 'MONTHLY', 'TOTAL');

-- CreateEnum
CREATE TYPE "CapMetric" AS ENUM ('CONVERSIONS', 'BUDGET');

-- CreateEnum
CREATE TYPE "CapScope" AS ENUM ('OFFER', 'PER_PUBLISHER', 'PUBLISHER');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('APPLIED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ClickStatus" AS ENUM ('ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ConversionStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'REVERSED');

-- CreateEnum
CREATE TYPE "ConversionSource" AS ENUM ('POSTBACK', 'PIXEL', 'LEAD_FORM', 'MANUAL');

-- CreateEnum
CREATE TYPE "PostbackMethod" AS ENUM ('GET', 'POST_JSON');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('DRAFT', 'APPROVED', 'PAID', 'VOID');

-- CreateEnum
CREATE TYPE "LineKind" AS ENUM ('PAYOUT', 'CLAWBACK');

-- CreateTable
CREATE TABLE "advertisers" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "postback_secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "advertisers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publishers" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "minimum_payout" BIGINT NOT NULL DEFAULT 0,
    "payout_currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publishers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role" NOT NULL,
    "advertiser_id" INTEGER,
    "publisher_id" INTEGER,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offers" (
    "id" SERIAL NOT NULL,
    "advertiser_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "vertical" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "landing_url" TEXT NOT NULL,
    "fallback_url" TEXT,
    "status" "OfferStatus" NOT NULL DEFAULT 'DRAFT',
    "visibility" "OfferVisibility" NOT NULL DEFAULT 'APPROVAL_REQUIRED',
    "currency" CHAR(3) NOT NULL,
    "payout_model" "PayoutModel" NOT NULL,
    "default_payout" BIGINT NOT NULL DEFAULT 0,
    "default_revenue" BIGINT NOT NULL DEFAULT 0,
    "payout_share_bps" INTEGER,
    "revenue_share_bps" INTEGER,
    "countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "devices" "DeviceType"[] DEFAULT ARRAY[]::"DeviceType"[],
    "confirmation_mode" "ConfirmationMode" NOT NULL DEFAULT 'AUTO',
    "hold_days" INTEGER NOT NULL DEFAULT 0,
    "return_window_days" INTEGER NOT NULL DEFAULT 0,
    "attribution_window_hours" INTEGER NOT NULL DEFAULT 720,
    "lead_form_fields" JSONB NOT NULL DEFAULT '[]',
    "consent_text" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offer_caps" (
    "id" SERIAL NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "scope" "CapScope" NOT NULL,
    "publisher_id" INTEGER,
    "period" "CapPeriod" NOT NULL,
    "metric" "CapMetric" NOT NULL,
    "limit" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offer_caps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offer_applications" (
    "id" SERIAL NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'APPLIED',
    "message" TEXT NOT NULL DEFAULT '',
    "decision_reason" TEXT,
    "decided_by_id" INTEGER,
    "decided_at" TIMESTAMPTZ(3),
    "blocked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offer_applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "custom_payouts" (
    "id" SERIAL NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "country" CHAR(2),
    "payout" BIGINT,
    "payout_share_bps" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "custom_payouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tracking_links" (
    "id" SERIAL NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "default_subs" JSONB NOT NULL DEFAULT '{}',
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tracking_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clicks" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "ClickStatus" NOT NULL,
    "reject_reason" TEXT,
    "link_id" INTEGER,
    "offer_id" INTEGER,
    "publisher_id" INTEGER,
    "sub1" TEXT,
    "sub2" TEXT,
    "sub3" TEXT,
    "sub4" TEXT,
    "sub5" TEXT,
    "sub6" TEXT,
    "sub7" TEXT,
    "sub8" TEXT,
    "sub9" TEXT,
    "sub10" TEXT,
    "source" TEXT,
    "country" CHAR(2),
    "device_type" "DeviceType",
    "os" TEXT,
    "browser" TEXT,
    "referrer" TEXT,
    "ip_hash" TEXT,
    "is_unique" BOOLEAN NOT NULL DEFAULT true,
    "is_bot" BOOLEAN NOT NULL DEFAULT false,
    "fraud_reason" TEXT,

    CONSTRAINT "clicks_pkey" PRIMARY KEY ("id","created_at")
) PARTITION BY RANGE ("created_at");

-- CreateTable
CREATE TABLE "conversions" (
    "id" UUID NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "publisher_id" INTEGER,
    "link_id" INTEGER,
    "click_id" UUID,
    "click_at" TIMESTAMPTZ(3),
    "goal" TEXT NOT NULL DEFAULT 'default',
    "transaction_id" TEXT NOT NULL,
    "source" "ConversionSource" NOT NULL,
    "status" "ConversionStatus" NOT NULL,
    "status_reason" TEXT,
    "currency" CHAR(3) NOT NULL,
    "payout" BIGINT NOT NULL,
    "revenue" BIGINT NOT NULL,
    "sale_amount" BIGINT,
    "subs" JSONB NOT NULL DEFAULT '{}',
    "country" CHAR(2),
    "device_type" "DeviceType",
    "lead_name" TEXT,
    "lead_email" TEXT,
    "lead_phone" TEXT,
    "lead_fields" JSONB,
    "consent_text" TEXT,
    "consent_at" TIMESTAMPTZ(3),
    "erased_at" TIMESTAMPTZ(3),
    "quality_signals" JSONB NOT NULL DEFAULT '[]',
    "decided_by_id" INTEGER,
    "decided_at" TIMESTAMPTZ(3),
    "approved_at" TIMESTAMPTZ(3),
    "reversed_at" TIMESTAMPTZ(3),
    "returned_at" TIMESTAMPTZ(3),
    "return_reason" TEXT,
    "converted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_postbacks" (
    "id" BIGSERIAL NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "advertiser_id" INTEGER,
    "offer_id" INTEGER,
    "channel" "ConversionSource" NOT NULL,
    "method" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "click_id" TEXT,
    "transaction_id" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "conversion_id" UUID,

    CONSTRAINT "inbound_postbacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publisher_postbacks" (
    "id" SERIAL NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "offer_id" INTEGER,
    "method" "PostbackMethod" NOT NULL DEFAULT 'GET',
    "url_template" TEXT NOT NULL,
    "secret" TEXT,
    "statuses" "ConversionStatus"[] DEFAULT ARRAY[]::"ConversionStatus"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publisher_postbacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "postback_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "postback_id" INTEGER NOT NULL,
    "conversion_id" UUID NOT NULL,
    "status" "ConversionStatus" NOT NULL,
    "attempt" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "http_status" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "postback_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_statements" (
    "id" SERIAL NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "status" "DocumentStatus" NOT NULL DEFAULT 'DRAFT',
    "total" BIGINT NOT NULL DEFAULT 0,
    "generated_by_id" INTEGER,
    "approved_by_id" INTEGER,
    "approved_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payout_statements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_statement_lines" (
    "id" BIGSERIAL NOT NULL,
    "statement_id" INTEGER NOT NULL,
    "conversion_id" UUID NOT NULL,
    "kind" "LineKind" NOT NULL,
    "amount" BIGINT NOT NULL,
    "voided" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "payout_statement_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "advertiser_invoices" (
    "id" SERIAL NOT NULL,
    "advertiser_id" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "status" "DocumentStatus" NOT NULL DEFAULT 'DRAFT',
    "total" BIGINT NOT NULL DEFAULT 0,
    "generated_by_id" INTEGER,
    "approved_by_id" INTEGER,
    "approved_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "advertiser_invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_lines" (
    "id" BIGSERIAL NOT NULL,
    "invoice_id" INTEGER NOT NULL,
    "conversion_id" UUID NOT NULL,
    "kind" "LineKind" NOT NULL,
    "amount" BIGINT NOT NULL,
    "voided" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "invoice_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" SERIAL NOT NULL,
    "statement_id" INTEGER,
    "invoice_id" INTEGER,
    "amount" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reference" TEXT NOT NULL,
    "paid_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_user_id" INTEGER,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_stats" (
    "day" DATE NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "clicks" BIGINT NOT NULL DEFAULT 0,
    "unique_clicks" BIGINT NOT NULL DEFAULT 0,
    "bot_clicks" BIGINT NOT NULL DEFAULT 0,
    "rejected_clicks" BIGINT NOT NULL DEFAULT 0,
    "conversions" BIGINT NOT NULL DEFAULT 0,
    "pending_conversions" BIGINT NOT NULL DEFAULT 0,
    "approved_conversions" BIGINT NOT NULL DEFAULT 0,
    "rejected_conversions" BIGINT NOT NULL DEFAULT 0,
    "reversed_conversions" BIGINT NOT NULL DEFAULT 0,
    "payout" BIGINT NOT NULL DEFAULT 0,
    "revenue" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "daily_stats_pkey" PRIMARY KEY ("day","offer_id","publisher_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_advertiser_id_idx" ON "users"("advertiser_id");

-- CreateIndex
CREATE INDEX "users_publisher_id_idx" ON "users"("publisher_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_user_id_idx" ON "api_keys"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "offers_advertiser_id_idx" ON "offers"("advertiser_id");

-- CreateIndex
CREATE INDEX "offers_status_visibility_idx" ON "offers"("status", "visibility");

-- CreateIndex
CREATE INDEX "offer_caps_offer_id_idx" ON "offer_caps"("offer_id");

-- CreateIndex
CREATE INDEX "offer_applications_publisher_id_idx" ON "offer_applications"("publisher_id");

-- CreateIndex
CREATE UNIQUE INDEX "offer_applications_offer_id_publisher_id_key" ON "offer_applications"("offer_id", "publisher_id");

-- CreateIndex
-- NULLS NOT DISTINCT: one "every country" row per publisher and offer (hand-edited).
CREATE UNIQUE INDEX "custom_payouts_offer_id_publisher_id_country_key" ON "custom_payouts"("offer_id", "publisher_id", "country") NULLS NOT DISTINCT;

-- CreateIndex
CREATE UNIQUE INDEX "tracking_links_code_key" ON "tracking_links"("code");

-- CreateIndex
CREATE INDEX "tracking_links_publisher_id_idx" ON "tracking_links"("publisher_id");

-- CreateIndex
CREATE INDEX "tracking_links_offer_id_idx" ON "tracking_links"("offer_id");

-- CreateIndex
CREATE INDEX "clicks_publisher_id_created_at_idx" ON "clicks"("publisher_id", "created_at");

-- CreateIndex
CREATE INDEX "clicks_offer_id_created_at_idx" ON "clicks"("offer_id", "created_at");

-- CreateIndex
CREATE INDEX "conversions_publisher_id_converted_at_idx" ON "conversions"("publisher_id", "converted_at");

-- CreateIndex
CREATE INDEX "conversions_offer_id_status_converted_at_idx" ON "conversions"("offer_id", "status", "converted_at");

-- CreateIndex
CREATE INDEX "conversions_click_id_idx" ON "conversions"("click_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversions_offer_id_transaction_id_key" ON "conversions"("offer_id", "transaction_id");

-- CreateIndex
CREATE INDEX "inbound_postbacks_advertiser_id_received_at_idx" ON "inbound_postbacks"("advertiser_id", "received_at");

-- CreateIndex
CREATE INDEX "inbound_postbacks_click_id_idx" ON "inbound_postbacks"("click_id");

-- CreateIndex
CREATE INDEX "inbound_postbacks_transaction_id_idx" ON "inbound_postbacks"("transaction_id");

-- CreateIndex
CREATE INDEX "publisher_postbacks_publisher_id_idx" ON "publisher_postbacks"("publisher_id");

-- CreateIndex
CREATE INDEX "postback_deliveries_conversion_id_idx" ON "postback_deliveries"("conversion_id");

-- CreateIndex
CREATE INDEX "postback_deliveries_postback_id_created_at_idx" ON "postback_deliveries"("postback_id", "created_at");

-- CreateIndex
CREATE INDEX "payout_statements_publisher_id_created_at_idx" ON "payout_statements"("publisher_id", "created_at");

-- CreateIndex
CREATE INDEX "payout_statements_status_idx" ON "payout_statements"("status");

-- CreateIndex
CREATE INDEX "payout_statement_lines_statement_id_idx" ON "payout_statement_lines"("statement_id");

-- CreateIndex
CREATE INDEX "payout_statement_lines_conversion_id_idx" ON "payout_statement_lines"("conversion_id");

-- CreateIndex
CREATE INDEX "advertiser_invoices_advertiser_id_created_at_idx" ON "advertiser_invoices"("advertiser_id", "created_at");

-- CreateIndex
CREATE INDEX "advertiser_invoices_status_idx" ON "advertiser_invoices"("status");

-- CreateIndex
CREATE INDEX "invoice_lines_invoice_id_idx" ON "invoice_lines"("invoice_id");

-- CreateIndex
CREATE INDEX "invoice_lines_conversion_id_idx" ON "invoice_lines"("conversion_id");

-- CreateIndex
CREATE INDEX "payments_statement_id_idx" ON "payments"("statement_id");

-- CreateIndex
CREATE INDEX "payments_invoice_id_idx" ON "payments"("invoice_id");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "daily_stats_publisher_id_day_idx" ON "daily_stats"("publisher_id", "day");

-- CreateIndex
CREATE INDEX "daily_stats_offer_id_day_idx" ON "daily_stats"("offer_id", "day");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_advertiser_id_fkey" FOREIGN KEY ("advertiser_id") REFERENCES "advertisers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_advertiser_id_fkey" FOREIGN KEY ("advertiser_id") REFERENCES "advertisers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_caps" ADD CONSTRAINT "offer_caps_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_caps" ADD CONSTRAINT "offer_caps_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_applications" ADD CONSTRAINT "offer_applications_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_applications" ADD CONSTRAINT "offer_applications_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "custom_payouts" ADD CONSTRAINT "custom_payouts_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "custom_payouts" ADD CONSTRAINT "custom_payouts_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_postbacks" ADD CONSTRAINT "inbound_postbacks_advertiser_id_fkey" FOREIGN KEY ("advertiser_id") REFERENCES "advertisers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_postbacks" ADD CONSTRAINT "inbound_postbacks_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publisher_postbacks" ADD CONSTRAINT "publisher_postbacks_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publisher_postbacks" ADD CONSTRAINT "publisher_postbacks_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "postback_deliveries" ADD CONSTRAINT "postback_deliveries_postback_id_fkey" FOREIGN KEY ("postback_id") REFERENCES "publisher_postbacks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "postback_deliveries" ADD CONSTRAINT "postback_deliveries_conversion_id_fkey" FOREIGN KEY ("conversion_id") REFERENCES "conversions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payout_statements" ADD CONSTRAINT "payout_statements_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payout_statement_lines" ADD CONSTRAINT "payout_statement_lines_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "payout_statements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payout_statement_lines" ADD CONSTRAINT "payout_statement_lines_conversion_id_fkey" FOREIGN KEY ("conversion_id") REFERENCES "conversions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "advertiser_invoices" ADD CONSTRAINT "advertiser_invoices_advertiser_id_fkey" FOREIGN KEY ("advertiser_id") REFERENCES "advertisers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "advertiser_invoices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_conversion_id_fkey" FOREIGN KEY ("conversion_id") REFERENCES "conversions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "payout_statements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "advertiser_invoices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ═════════════════ Hand-written: what Prisma's schema language cannot say ═════════════════
-- (No semicolons inside comments: some migration runners split scripts on them.)

-- Clicks: monthly range partitions on created_at, in UTC whatever the session time zone. A DEFAULT
-- partition catches anything outside the created months, so an insert never fails for want of a
-- partition (a click is never lost). leadrail_ensure_click_partitions() creates the months around
-- now(), it runs after every migrate and from the click writer. Old months can be detached and
-- archived without touching new ones.
CREATE TABLE "clicks_default" PARTITION OF "clicks" DEFAULT;

CREATE FUNCTION leadrail_ensure_click_partitions(months_back int DEFAULT 2, months_ahead int DEFAULT 3)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m timestamp;
  lo timestamptz;
  hi timestamptz;
  part text;
BEGIN
  FOR i IN -months_back..months_ahead LOOP
    m := date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i);
    lo := m AT TIME ZONE 'UTC';
    hi := (m + interval '1 month') AT TIME ZONE 'UTC';
    part := format('clicks_%s', to_char(m, 'YYYY_MM'));
    -- A month whose rows already sit in the default partition cannot be attached: they stay there.
    IF to_regclass(part) IS NULL
       AND NOT EXISTS (SELECT 1 FROM clicks_default WHERE created_at >= lo AND created_at < hi) THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF clicks FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    END IF;
  END LOOP;
END $$;

SELECT leadrail_ensure_click_partitions();

-- Users: e-mail stored lower-case (so the unique index is case-insensitive), advertiser users belong to
-- an advertiser, publisher users to a publisher, network roles to neither.
ALTER TABLE "users" ADD CONSTRAINT "users_email_lower_check" CHECK (email = lower(email));
ALTER TABLE "users" ADD CONSTRAINT "users_role_account_check" CHECK (
  (role = 'ADVERTISER' AND advertiser_id IS NOT NULL AND publisher_id IS NULL) OR
  (role = 'PUBLISHER' AND publisher_id IS NOT NULL AND advertiser_id IS NULL) OR
  (role IN ('ADMIN', 'FINANCE') AND advertiser_id IS NULL AND publisher_id IS NULL)
);

-- Money and terms: ISO currencies, non-negative amounts, sane percentages and windows.
ALTER TABLE "publishers" ADD CONSTRAINT "publishers_money_check"
  CHECK (minimum_payout >= 0 AND payout_currency ~ '^[A-Z]{3}$');
ALTER TABLE "offers" ADD CONSTRAINT "offers_terms_check" CHECK (
  currency ~ '^[A-Z]{3}$' AND default_payout >= 0 AND default_revenue >= 0
  AND (payout_share_bps IS NULL OR payout_share_bps BETWEEN 0 AND 10000)
  AND (revenue_share_bps IS NULL OR revenue_share_bps BETWEEN 0 AND 10000)
  AND (payout_model <> 'REVSHARE' OR (payout_share_bps IS NOT NULL AND revenue_share_bps IS NOT NULL))
  AND hold_days >= 0 AND return_window_days >= 0 AND attribution_window_hours > 0
  AND landing_url ~* '^https?://'
  AND (fallback_url IS NULL OR fallback_url ~* '^https?://')
);
ALTER TABLE "offer_caps" ADD CONSTRAINT "offer_caps_check" CHECK (
  "limit" >= 0 AND ((scope = 'PUBLISHER') = (publisher_id IS NOT NULL))
);
ALTER TABLE "custom_payouts" ADD CONSTRAINT "custom_payouts_check" CHECK (
  (payout IS NULL OR payout >= 0) AND (payout_share_bps IS NULL OR payout_share_bps BETWEEN 0 AND 10000)
  AND (payout IS NOT NULL OR payout_share_bps IS NOT NULL)
);
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_money_check" CHECK (
  currency ~ '^[A-Z]{3}$' AND payout >= 0 AND revenue >= 0 AND (sale_amount IS NULL OR sale_amount >= 0)
);

-- Statements and invoices: an approved or paid document names its approver, who is not the person
-- who generated it (the two-person rule).
ALTER TABLE "payout_statements" ADD CONSTRAINT "payout_statements_check" CHECK (
  currency ~ '^[A-Z]{3}$'
  AND (approved_by_id IS NULL OR approved_by_id IS DISTINCT FROM generated_by_id)
  AND (status NOT IN ('APPROVED', 'PAID') OR (approved_by_id IS NOT NULL AND approved_at IS NOT NULL))
  AND (status <> 'PAID' OR paid_at IS NOT NULL)
);
ALTER TABLE "advertiser_invoices" ADD CONSTRAINT "advertiser_invoices_check" CHECK (
  currency ~ '^[A-Z]{3}$'
  AND (approved_by_id IS NULL OR approved_by_id IS DISTINCT FROM generated_by_id)
  AND (status NOT IN ('APPROVED', 'PAID') OR (approved_by_id IS NOT NULL AND approved_at IS NOT NULL))
  AND (status <> 'PAID' OR paid_at IS NOT NULL)
);

-- A payout line is positive, a clawback line negative.
ALTER TABLE "payout_statement_lines" ADD CONSTRAINT "payout_statement_lines_sign_check"
  CHECK ((kind = 'PAYOUT' AND amount >= 0) OR (kind = 'CLAWBACK' AND amount <= 0));
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_sign_check"
  CHECK ((kind = 'PAYOUT' AND amount >= 0) OR (kind = 'CLAWBACK' AND amount <= 0));

-- A conversion is paid on at most one non-void statement and clawed back at most once.
CREATE UNIQUE INDEX "payout_statement_lines_live_key"
  ON "payout_statement_lines" ("conversion_id", "kind") WHERE NOT voided;
CREATE UNIQUE INDEX "invoice_lines_live_key"
  ON "invoice_lines" ("conversion_id", "kind") WHERE NOT voided;

-- Payments settle exactly one document, in its currency.
ALTER TABLE "payments" ADD CONSTRAINT "payments_target_check" CHECK (
  (statement_id IS NULL) <> (invoice_id IS NULL) AND currency ~ '^[A-Z]{3}$' AND amount >= 0
);
CREATE FUNCTION leadrail_payment_currency() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc_currency text;
BEGIN
  IF NEW.statement_id IS NOT NULL THEN
    SELECT currency INTO doc_currency FROM payout_statements WHERE id = NEW.statement_id;
  ELSE
    SELECT currency INTO doc_currency FROM advertiser_invoices WHERE id = NEW.invoice_id;
  END IF;
  IF doc_currency IS DISTINCT FROM NEW.currency THEN
    RAISE EXCEPTION 'payment currency % does not match its document (%)', NEW.currency, doc_currency
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payments_currency BEFORE INSERT OR UPDATE ON payments
  FOR EACH ROW EXECUTE FUNCTION leadrail_payment_currency();

-- Document life cycle: DRAFT -> APPROVED -> PAID, DRAFT or APPROVED -> VOID. Nothing else: a paid
-- document is final, a void one cannot be revived, an approved one cannot go back to draft (its lines
-- would thaw while the approval stayed). Voiding releases the lines.
CREATE FUNCTION leadrail_document_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT ((OLD.status = 'DRAFT' AND NEW.status IN ('APPROVED', 'VOID'))
          OR (OLD.status = 'APPROVED' AND NEW.status IN ('PAID', 'VOID'))) THEN
    RAISE EXCEPTION '% cannot go from % to %', TG_TABLE_NAME, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'VOID' THEN
    -- Voiding frees the payouts to be paid again: not while a live clawback still takes them back.
    IF TG_TABLE_NAME = 'payout_statements' AND EXISTS (
      SELECT 1 FROM payout_statement_lines p JOIN payout_statement_lines c
        ON c.conversion_id = p.conversion_id AND c.kind = 'CLAWBACK' AND NOT c.voided
      WHERE p.statement_id = NEW.id AND p.kind = 'PAYOUT'
    ) OR TG_TABLE_NAME = 'advertiser_invoices' AND EXISTS (
      SELECT 1 FROM invoice_lines p JOIN invoice_lines c
        ON c.conversion_id = p.conversion_id AND c.kind = 'CLAWBACK' AND NOT c.voided
      WHERE p.invoice_id = NEW.id AND p.kind = 'PAYOUT'
    ) THEN
      RAISE EXCEPTION '% % has payouts clawed back on a live document: void that one first', TG_TABLE_NAME, NEW.id
        USING ERRCODE = 'check_violation';
    END IF;
    IF TG_TABLE_NAME = 'payout_statements' THEN
      UPDATE payout_statement_lines SET voided = true WHERE statement_id = NEW.id;
    ELSE
      UPDATE invoice_lines SET voided = true WHERE invoice_id = NEW.id;
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payout_statements_status AFTER UPDATE OF status ON payout_statements
  FOR EACH ROW EXECUTE FUNCTION leadrail_document_status();
CREATE TRIGGER advertiser_invoices_status AFTER UPDATE OF status ON advertiser_invoices
  FOR EACH ROW EXECUTE FUNCTION leadrail_document_status();

-- A document's identity never changes (owner, currency, period, who generated it), its total only while
-- it is a draft, and its approval, payment and void stamps only in the transition that sets them: an
-- approval is an audit record, not a field to edit later.
CREATE FUNCTION leadrail_document_columns() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := to_jsonb(OLD);
  new_row jsonb := to_jsonb(NEW);
  col text;
BEGIN
  FOREACH col IN ARRAY ARRAY['id', 'publisher_id', 'advertiser_id', 'currency', 'period_end', 'generated_by_id', 'created_at'] LOOP
    IF old_row ? col AND old_row->col IS DISTINCT FROM new_row->col THEN
      RAISE EXCEPTION '%.% cannot change', TG_TABLE_NAME, col USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  IF OLD.total IS DISTINCT FROM NEW.total AND OLD.status <> 'DRAFT' THEN
    RAISE EXCEPTION 'the total of a % document cannot change', OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF (OLD.approved_by_id IS DISTINCT FROM NEW.approved_by_id OR OLD.approved_at IS DISTINCT FROM NEW.approved_at)
     AND NOT (OLD.status = 'DRAFT' AND NEW.status = 'APPROVED') THEN
    RAISE EXCEPTION 'approval is set only when a draft is approved' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.paid_at IS DISTINCT FROM NEW.paid_at AND NOT (OLD.status = 'APPROVED' AND NEW.status = 'PAID') THEN
    RAISE EXCEPTION 'paid_at is set only when an approved document is paid' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.voided_at IS DISTINCT FROM NEW.voided_at AND NOT (OLD.status <> 'VOID' AND NEW.status = 'VOID') THEN
    RAISE EXCEPTION 'voided_at is set only when a document is voided' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payout_statements_columns BEFORE UPDATE ON payout_statements
  FOR EACH ROW EXECUTE FUNCTION leadrail_document_columns();
CREATE TRIGGER advertiser_invoices_columns BEFORE UPDATE ON advertiser_invoices
  FOR EACH ROW EXECUTE FUNCTION leadrail_document_columns();

-- Lines are written once: inserted or deleted while their document is a DRAFT, and otherwise only
-- released (voided) by voiding their document. A line must belong to its document: the conversion's
-- publisher (statements) or the offer's advertiser (invoices), in the document's currency. A clawback
-- needs a live payout line for the same conversion on an approved or paid document.
CREATE FUNCTION leadrail_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  is_statement boolean := TG_TABLE_NAME = 'payout_statement_lines';
  doc_id int;
  doc_status text;
  doc_owner int;
  doc_currency text;
  conv_owner int;
  conv_currency text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.voided AND NOT OLD.voided
       AND NEW.amount = OLD.amount AND NEW.conversion_id = OLD.conversion_id AND NEW.kind = OLD.kind
       AND (CASE WHEN is_statement THEN to_jsonb(NEW)->'statement_id' = to_jsonb(OLD)->'statement_id'
                 ELSE to_jsonb(NEW)->'invoice_id' = to_jsonb(OLD)->'invoice_id' END) THEN
      IF is_statement THEN
        SELECT status INTO doc_status FROM payout_statements WHERE id = (to_jsonb(NEW)->>'statement_id')::int;
      ELSE
        SELECT status INTO doc_status FROM advertiser_invoices WHERE id = (to_jsonb(NEW)->>'invoice_id')::int;
      END IF;
      IF doc_status = 'VOID' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'a line is released only by voiding its document' USING ERRCODE = 'check_violation';
    END IF;
    RAISE EXCEPTION 'lines are immutable: delete and insert while the document is a draft'
      USING ERRCODE = 'check_violation';
  END IF;

  IF is_statement THEN
    doc_id := (to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END)->>'statement_id')::int;
    -- FOR SHARE: a concurrent status change waits until this line's transaction ends.
    SELECT status, publisher_id, currency INTO doc_status, doc_owner, doc_currency
      FROM payout_statements WHERE id = doc_id FOR SHARE;
  ELSE
    doc_id := (to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END)->>'invoice_id')::int;
    SELECT status, advertiser_id, currency INTO doc_status, doc_owner, doc_currency
      FROM advertiser_invoices WHERE id = doc_id FOR SHARE;
  END IF;
  IF doc_status IS DISTINCT FROM 'DRAFT' THEN
    RAISE EXCEPTION 'lines of a % document are frozen', doc_status USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;

  IF is_statement THEN
    SELECT c.publisher_id, c.currency INTO conv_owner, conv_currency FROM conversions c WHERE c.id = NEW.conversion_id;
  ELSE
    SELECT o.advertiser_id, c.currency INTO conv_owner, conv_currency
      FROM conversions c JOIN offers o ON o.id = c.offer_id WHERE c.id = NEW.conversion_id;
  END IF;
  IF conv_owner IS DISTINCT FROM doc_owner OR conv_currency IS DISTINCT FROM doc_currency THEN
    RAISE EXCEPTION 'conversion % does not belong to this document (owner or currency differs)', NEW.conversion_id
      USING ERRCODE = 'check_violation';
  END IF;

  IF NEW.kind = 'CLAWBACK' THEN
    IF is_statement AND NOT EXISTS (
      SELECT 1 FROM payout_statement_lines l JOIN payout_statements s ON s.id = l.statement_id
      WHERE l.conversion_id = NEW.conversion_id AND l.kind = 'PAYOUT' AND NOT l.voided
        AND s.status IN ('APPROVED', 'PAID')
    ) OR NOT is_statement AND NOT EXISTS (
      SELECT 1 FROM invoice_lines l JOIN advertiser_invoices i ON i.id = l.invoice_id
      WHERE l.conversion_id = NEW.conversion_id AND l.kind = 'PAYOUT' AND NOT l.voided
        AND i.status IN ('APPROVED', 'PAID')
    ) THEN
      RAISE EXCEPTION 'conversion % has no approved payout line to claw back', NEW.conversion_id
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payout_statement_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON payout_statement_lines
  FOR EACH ROW EXECUTE FUNCTION leadrail_lines_guard();
CREATE TRIGGER invoice_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION leadrail_lines_guard();

-- A document's total equals the sum of its lines, checked at commit (deferred), so a transaction may
-- insert lines and set the total in either order.
CREATE FUNCTION leadrail_check_document_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_json jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
  doc_id int;
  expected bigint;
  actual bigint;
BEGIN
  IF TG_TABLE_NAME IN ('payout_statements', 'payout_statement_lines') THEN
    doc_id := CASE WHEN TG_TABLE_NAME = 'payout_statements' THEN (row_json->>'id')::int
                   ELSE (row_json->>'statement_id')::int END;
    SELECT total INTO expected FROM payout_statements WHERE id = doc_id;
    SELECT coalesce(sum(amount), 0) INTO actual FROM payout_statement_lines WHERE statement_id = doc_id;
  ELSE
    doc_id := CASE WHEN TG_TABLE_NAME = 'advertiser_invoices' THEN (row_json->>'id')::int
                   ELSE (row_json->>'invoice_id')::int END;
    SELECT total INTO expected FROM advertiser_invoices WHERE id = doc_id;
    SELECT coalesce(sum(amount), 0) INTO actual FROM invoice_lines WHERE invoice_id = doc_id;
  END IF;
  IF expected IS NOT NULL AND expected <> actual THEN
    RAISE EXCEPTION 'document % total % does not equal the sum of its lines %', doc_id, expected, actual
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER payout_statements_total AFTER INSERT OR UPDATE ON payout_statements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION leadrail_check_document_total();
CREATE CONSTRAINT TRIGGER payout_statement_lines_total AFTER INSERT OR UPDATE OR DELETE ON payout_statement_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION leadrail_check_document_total();
CREATE CONSTRAINT TRIGGER advertiser_invoices_total AFTER INSERT OR UPDATE ON advertiser_invoices
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION leadrail_check_document_total();
CREATE CONSTRAINT TRIGGER invoice_lines_total AFTER INSERT OR UPDATE OR DELETE ON invoice_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION leadrail_check_document_total();

-- The audit log is append-only, TRUNCATE included (row triggers do not see it).
CREATE FUNCTION leadrail_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION leadrail_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION leadrail_audit_append_only();
