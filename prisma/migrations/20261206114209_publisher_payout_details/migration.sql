-- CreateEnum
CREATE TYPE "PayoutMethod" AS ENUM ('BANK_TRANSFER', 'PAYPAL');

-- CreateTable
CREATE TABLE "publisher_payout_details" (
    "publisher_id" INTEGER NOT NULL,
    "method" "PayoutMethod" NOT NULL,
    "account_holder" TEXT,
    "iban" TEXT,
    "bic" TEXT,
    "paypal_email" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" INTEGER,

    CONSTRAINT "publisher_payout_details_pkey" PRIMARY KEY ("publisher_id")
);

-- AddForeignKey
ALTER TABLE "publisher_payout_details" ADD CONSTRAINT "publisher_payout_details_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each method's own fields are present, the other method's empty (the API validates the formats).
ALTER TABLE "publisher_payout_details" ADD CONSTRAINT "publisher_payout_details_method_fields" CHECK (
  (method = 'BANK_TRANSFER' AND account_holder IS NOT NULL AND iban IS NOT NULL AND paypal_email IS NULL)
  OR (method = 'PAYPAL' AND paypal_email IS NOT NULL AND account_holder IS NULL AND iban IS NULL AND bic IS NULL)
);
-- Stored in electronic form: upper-case letters and digits only.
ALTER TABLE "publisher_payout_details" ADD CONSTRAINT "publisher_payout_details_iban_form" CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$');
ALTER TABLE "publisher_payout_details" ADD CONSTRAINT "publisher_payout_details_bic_form" CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$');
