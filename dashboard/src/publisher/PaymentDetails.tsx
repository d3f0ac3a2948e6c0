// A publisher says where it is paid: a bank account (holder, IBAN, optional BIC/SWIFT) or a PayPal
// address. The same rule as the API (@leadrail/db/payout-details, IBANs checked by ibantools) runs
// before the round trip, and the API's refusals land on the same fields. Finance sees the details on
// each statement; nobody else can read them.
import {
  PAYOUT_METHOD_WORDS,
  PAYOUT_METHODS,
  type PayoutMethodName,
  payoutDetailsForm,
} from "@leadrail/db/payout-details";
import { useId, useState } from "react";
import { useMutation, useQuery } from "urql";
import { PayTo } from "../finance/PayTo.tsx";
import { graphql } from "../graphql.ts";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";
import { applyRefusal, FormInput, sentence, useZodForm } from "../ui/zod-form.tsx";

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
  const { current, saved, setSaved } = props;
  const form = useZodForm(payoutDetailsForm, {
    defaultValues: {
      method: current?.method ?? "BANK_TRANSFER",
      accountHolder: current?.accountHolder ?? "",
      iban: current?.iban ?? "",
      bic: current?.bic ?? "",
      paypalEmail: current?.paypalEmail ?? "",
    },
  });
  const [refused, setRefused] = useState<string | null>(null);
  const method = form.watch("method");
  const headingId = useId();

  // The API's rule runs first (handleSubmit): most mistakes never leave the browser.
  const submit = form.handleSubmit(async (input) => {
    setSaved(false);
    setRefused(null);
    const answer = await save({ input });
    const outcome = outcomeOf(answer, "result");
    if (!outcome.ok) {
      const refusal = answer.data?.result;
      return setRefused(
        refusal?.__typename === "DomainError" ? applyRefusal(form, refusal) : sentence(outcome.message),
      );
    }
    setSaved(true);
    props.onSaved();
  });

  const methodChoice = form.register("method", {
    onChange: () => {
      form.clearErrors();
      setRefused(null);
      setSaved(false);
    },
  });
  const methodError = form.formState.errors.method?.message;

  return (
    <form className="panel payment-details" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId}>{current ? "Change details" : "Enter details"}</h2>
      <fieldset>
        <legend>Payout method</legend>
        {PAYOUT_METHODS.map((choice) => (
          <label key={choice} className="inline">
            <input type="radio" value={choice} {...methodChoice} />
            {PAYOUT_METHOD_WORDS[choice]}
          </label>
        ))}
      </fieldset>
      {method === "BANK_TRANSFER" ? (
        <div className="admin-forms">
          <FormInput
            form={form}
            name="accountHolder"
            label="Account holder"
            maxLength={140}
            autoComplete="off"
          />
          <FormInput form={form} name="iban" label="IBAN" autoComplete="off" spellCheck={false} />
          <FormInput
            form={form}
            name="bic"
            label="BIC / SWIFT (optional)"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      ) : (
        <div className="admin-forms">
          <FormInput form={form} name="paypalEmail" label="PayPal e-mail" type="email" autoComplete="off" />
        </div>
      )}
      {refused || methodError ? <p role="alert">{refused ?? sentence(methodError ?? "")}</p> : null}
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
