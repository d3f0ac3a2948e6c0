// A publisher says where it is paid: a bank account (holder, IBAN, optional BIC/SWIFT) or a PayPal
// address. The same rule as the API (@leadrail/db/payout-details, IBANs checked by ibantools) runs
// before the round trip, and the API's refusals land on the same fields. Finance sees the details on
// each statement; nobody else can read them.
import {
  type PayoutDetailsField,
  type PayoutMethodName,
  parsePayoutDetails,
} from "@leadrail/db/payout-details";
import { type FormEvent, useId, useState } from "react";
import { useMutation, useQuery } from "urql";
import { PayTo } from "../finance/PayTo.tsx";
import { graphql } from "../graphql.ts";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";

const DetailsQuery = graphql(`
  query MyPayoutDetails {
    myPayoutDetails { method accountHolder iban ibanFormatted bic paypalEmail updatedAt }
  }
`);

const SaveDetails = graphql(`
  mutation SetPayoutDetails($input: PayoutDetailsInput!) {
    result: setPayoutDetails(input: $input) {
      __typename
      ... on MutationSetPayoutDetailsSuccess { data { method updatedAt } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

type Errors = Partial<Record<PayoutDetailsField | "form", string>>;

export function PaymentDetails() {
  const [result, refetch] = useQuery({ query: DetailsQuery });
  // Held here, not in the form: a save changes updatedAt, which remounts the form with the saved
  // values, and the confirmation must outlive that.
  const [saved, setSaved] = useState(false);
  return (
    <section>
      <h1>Payment details</h1>
      <p className="muted">
        Where the network sends your money when a statement is paid. Only you, the network's finance team and
        its admins can see these details.
      </p>
      <QueryState {...result} retry={() => refetch({ requestPolicy: "network-only" })}>
        {(data) => (
          <>
            <div className="panel">
              <h2>Current details</h2>
              <p data-testid="current-payout-details">
                {data.myPayoutDetails ? (
                  <PayTo details={data.myPayoutDetails} />
                ) : (
                  "None yet: statements cannot be paid until you enter where to send the money."
                )}
              </p>
            </div>
            <DetailsForm
              key={data.myPayoutDetails?.updatedAt ?? "new"}
              current={data.myPayoutDetails ?? null}
              saved={saved}
              setSaved={setSaved}
              onSaved={() => refetch({ requestPolicy: "network-only" })}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

function DetailsForm(props: {
  current: {
    method: PayoutMethodName;
    accountHolder: string | null;
    iban: string | null;
    bic: string | null;
    paypalEmail: string | null;
  } | null;
  saved: boolean;
  setSaved: (saved: boolean) => void;
  onSaved: () => void;
}) {
  const [run, save] = useMutation(SaveDetails);
  const [method, setMethod] = useState<PayoutMethodName>(props.current?.method ?? "BANK_TRANSFER");
  const [errors, setErrors] = useState<Errors>({});
  const { saved, setSaved } = props;
  const ids = { holder: useId(), iban: useId(), bic: useId(), paypal: useId(), form: useId() };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    const input =
      method === "BANK_TRANSFER"
        ? { method, accountHolder: text("accountHolder"), iban: text("iban"), bic: text("bic") || null }
        : { method, paypalEmail: text("paypalEmail") };
    // The API's rule, here first: most mistakes never leave the browser.
    const checked = parsePayoutDetails(input);
    if (!checked.ok) return setErrors(capitalized(checked.errors));
    const answer = await save({ input });
    const outcome = outcomeOf(answer, "result");
    if (!outcome.ok) {
      const refused = answer.data?.result;
      const fields = refused?.__typename === "DomainError" ? (refused.fields ?? []) : [];
      const next: Errors = {};
      for (const field of fields) {
        const name = field.path[1] as PayoutDetailsField | undefined;
        if (name) next[name] = field.message;
      }
      if (Object.keys(next).length === 0) next.form = outcome.message;
      return setErrors(capitalized(next));
    }
    setErrors({});
    setSaved(true);
    props.onSaved();
  }

  const described = (field: keyof Errors, id: string) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": id } : {};
  const fieldError = (field: keyof Errors, id: string) =>
    errors[field] ? (
      <span id={id} className="field-error">
        {errors[field]}
      </span>
    ) : null;

  return (
    <form className="panel payment-details" onSubmit={submit} noValidate aria-labelledby={ids.form}>
      <h2 id={ids.form}>{props.current ? "Change details" : "Enter details"}</h2>
      <fieldset>
        <legend>Payout method</legend>
        <label className="inline">
          <input
            type="radio"
            name="method"
            value="BANK_TRANSFER"
            checked={method === "BANK_TRANSFER"}
            onChange={() => {
              setMethod("BANK_TRANSFER");
              setErrors({});
              setSaved(false);
            }}
          />
          Bank transfer
        </label>
        <label className="inline">
          <input
            type="radio"
            name="method"
            value="PAYPAL"
            checked={method === "PAYPAL"}
            onChange={() => {
              setMethod("PAYPAL");
              setErrors({});
              setSaved(false);
            }}
          />
          PayPal
        </label>
      </fieldset>
      {method === "BANK_TRANSFER" ? (
        <div className="admin-forms">
          <label>
            Account holder
            <input
              name="accountHolder"
              defaultValue={props.current?.accountHolder ?? ""}
              maxLength={140}
              autoComplete="off"
              {...described("accountHolder", ids.holder)}
            />
            {fieldError("accountHolder", ids.holder)}
          </label>
          <label>
            IBAN
            <input
              name="iban"
              defaultValue={props.current?.iban ?? ""}
              autoComplete="off"
              spellCheck={false}
              {...described("iban", ids.iban)}
            />
            {fieldError("iban", ids.iban)}
          </label>
          <label>
            BIC / SWIFT (optional)
            <input
              name="bic"
              defaultValue={props.current?.bic ?? ""}
              autoComplete="off"
              spellCheck={false}
              {...described("bic", ids.bic)}
            />
            {fieldError("bic", ids.bic)}
          </label>
        </div>
      ) : (
        <div className="admin-forms">
          <label>
            PayPal e-mail
            <input
              name="paypalEmail"
              type="email"
              defaultValue={props.current?.paypalEmail ?? ""}
              autoComplete="off"
              {...described("paypalEmail", ids.paypal)}
            />
            {fieldError("paypalEmail", ids.paypal)}
          </label>
        </div>
      )}
      {errors.form || errors.method ? <p role="alert">{errors.form ?? errors.method}</p> : null}
      <div>
        <button type="submit" disabled={run.fetching}>
          {run.fetching ? "Saving…" : "Save payment details"}
        </button>
      </div>
      {saved ? (
        <p role="status" className="notice">
          Your payment details are saved.
        </p>
      ) : null}
    </form>
  );
}

function capitalized(errors: Errors): Errors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      field,
      message ? message[0]?.toUpperCase() + message.slice(1) : message,
    ]),
  );
}
