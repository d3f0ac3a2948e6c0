// Where a statement's money goes: the publisher's bank account or PayPal address, as finance needs it
// to pay (the API shows it only to the publisher itself, finance and admins). Once paid, where it went:
// the copy taken when it was marked paid, which the publisher's later edits do not change.
import { PAYOUT_METHOD_WORDS, type PayoutMethodName } from "@leadrail/db/payout-details";
import { formatDate } from "../ui/format.ts";

export interface PayoutDetailsView {
  method: PayoutMethodName;
  accountHolder: string | null;
  ibanFormatted: string | null;
  bic: string | null;
  paypalEmail: string | null;
  updatedAt: string;
}

export interface PaidToView {
  method: PayoutMethodName;
  accountHolder: string | null;
  ibanFormatted: string | null;
  bic: string | null;
  paypalEmail: string | null;
  detailsUpdatedAt: string;
}

export function PayTo({ details }: { details: PayoutDetailsView | null | undefined }) {
  if (!details)
    return (
      <span className="warning-text">
        No payout details entered yet: ask the publisher. It cannot be marked paid until they are.
      </span>
    );
  return <Account details={details} note={`updated ${formatDate(details.updatedAt)}`} />;
}

export function PaidTo({ paidTo }: { paidTo: PaidToView | null | undefined }) {
  if (!paidTo) return <span className="muted">Not recorded (paid before payout details were kept).</span>;
  return (
    <Account
      details={paidTo}
      note={`as they were when paid (last changed ${formatDate(paidTo.detailsUpdatedAt)})`}
    />
  );
}

function Account({ details, note }: { details: Omit<PaidToView, "detailsUpdatedAt">; note: string }) {
  return (
    <span className="pay-to">
      <span>{PAYOUT_METHOD_WORDS[details.method]}</span>
      {details.method === "BANK_TRANSFER" ? (
        <>
          <span>{details.accountHolder}</span>
          <span>
            IBAN <span className="mono">{details.ibanFormatted}</span>
          </span>
          {details.bic ? (
            <span>
              BIC <span className="mono">{details.bic}</span>
            </span>
          ) : null}
        </>
      ) : (
        <span className="mono">{details.paypalEmail}</span>
      )}
      <span className="muted">{note}</span>
    </span>
  );
}
