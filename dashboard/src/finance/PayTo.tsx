// Where a statement's money goes: the publisher's bank account or PayPal address, as finance needs it
// to pay (the API shows it only to the publisher itself, finance and admins).
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

export function PayTo({ details }: { details: PayoutDetailsView | null | undefined }) {
  if (!details)
    return <span className="warning-text">No payout details entered yet: ask the publisher.</span>;
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
      <span className="muted">updated {formatDate(details.updatedAt)}</span>
    </span>
  );
}
