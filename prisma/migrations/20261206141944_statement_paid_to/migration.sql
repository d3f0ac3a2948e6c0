-- AlterTable
ALTER TABLE "payout_statements" ADD COLUMN     "paid_to" JSONB;

-- The snapshot belongs to a paid statement only, and is an object (api/src/payouts/paid-to.ts writes
-- it). Statements paid before this migration keep null: their payee was not recorded, and copying
-- today's details into them would claim what nobody knows.
ALTER TABLE "payout_statements" ADD CONSTRAINT "payout_statements_paid_to_check" CHECK (
  paid_to IS NULL OR (status = 'PAID' AND jsonb_typeof(paid_to) = 'object')
);

-- Like paid_at, the snapshot is written in the APPROVED -> PAID transition and never edited after: it
-- is the record of where the money went.
CREATE FUNCTION leadrail_statement_paid_to() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.paid_to IS DISTINCT FROM NEW.paid_to AND NOT (OLD.status = 'APPROVED' AND NEW.status = 'PAID') THEN
    RAISE EXCEPTION 'paid_to is set only when an approved statement is paid' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payout_statements_paid_to BEFORE UPDATE OF paid_to ON payout_statements
  FOR EACH ROW EXECUTE FUNCTION leadrail_statement_paid_to();
