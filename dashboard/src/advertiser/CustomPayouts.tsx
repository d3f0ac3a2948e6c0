// An offer's custom payouts: one publisher (for one country, or all) earns more or less than the
// default. Each row is set or removed at once (its own mutation), apart from the offer's Save.
import { useMemo, useState } from "react";
import { useMutation } from "urql";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatMoney, formatPercent } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { applyRefusal, FormInput, FormSelect, sentence, useZodForm } from "../ui/zod-form.tsx";
import { customPayoutFieldOf, customPayoutForm } from "./custom-payout-form.ts";
import { RemoveCustomPayoutMutation, SetCustomPayoutMutation } from "./offer-operations.ts";
import type { OfferData, PublisherChoice } from "./offer-types.ts";

type Row = OfferData["customPayouts"]["edges"][number]["node"];

export function CustomPayouts({
  offer,
  publishers,
  readOnly,
  onChanged,
}: {
  offer: OfferData;
  publishers: PublisherChoice[];
  readOnly: boolean;
  onChanged?: () => void;
}) {
  const revshare = offer.payoutModel === "REVSHARE";
  const { currency, payoutModel } = offer;
  const model = useMemo(() => customPayoutForm({ currency, payoutModel }), [currency, payoutModel]);
  const form = useZodForm(model, { defaultValues: { publisherId: "", country: "", amount: "" } });
  const [note, setNote] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [setting, setCustom] = useMutation(SetCustomPayoutMutation);
  const [, removeCustom] = useMutation(RemoveCustomPayoutMutation);

  // The shared rules run first (handleSubmit); what only the API knows (the offer's revenue as it is
  // now, who applied) comes back on the same fields.
  const add = form.handleSubmit(async (input) => {
    setNote(null);
    setRefused(null);
    const answer = await setCustom({ input: { offerId: offer.id, ...input } });
    const outcome = outcomeOf(answer, "setCustomPayout");
    if (!outcome.ok) {
      const refusal = answer.data?.setCustomPayout;
      setRefused(
        refusal?.__typename === "DomainError"
          ? applyRefusal(form, refusal, customPayoutFieldOf)
          : sentence(outcome.message),
      );
      return;
    }
    form.reset({ publisherId: input.publisherId, country: "", amount: "" });
    setNote("Custom payout saved.");
    onChanged?.();
  });

  async function remove(row: Row) {
    const outcome = outcomeOf(await removeCustom({ id: row.id }), "removeCustomPayout");
    setNote(outcome.ok ? `Custom payout for ${row.publisher.name} removed.` : outcome.message);
    onChanged?.();
  }

  const columns: Column<Row>[] = [
    {
      id: "publisher",
      header: "Publisher",
      cell: (r) => r.publisher.name,
      sortValue: (r) => r.publisher.name,
    },
    {
      id: "country",
      header: "Country",
      cell: (r) => r.country ?? "all countries",
      sortValue: (r) => r.country,
    },
    {
      id: "payout",
      header: revshare ? "Publisher share" : "Payout",
      numeric: true,
      cell: (r) =>
        r.payout
          ? formatMoney(r.payout.amount, r.payout.currency)
          : r.payoutShareBps !== null
            ? formatPercent(r.payoutShareBps / 10_000)
            : "—",
      sortValue: (r) => (r.payout ? BigInt(r.payout.amount) : r.payoutShareBps),
    },
    ...(readOnly
      ? []
      : [
          {
            id: "actions",
            header: "Actions",
            cell: (r: Row) => (
              <button type="button" className="secondary" onClick={() => remove(r)}>
                Remove custom payout for {r.publisher.name}
                {r.country ? ` (${r.country})` : ""}
              </button>
            ),
          },
        ]),
  ];
  return (
    <div className="panel">
      <h2>Custom payouts</h2>
      <p className="muted">
        A publisher here earns this instead of the default, for one country or all of them.
      </p>
      <DataTable
        label="Custom payouts"
        columns={columns}
        rows={offer.customPayouts.edges.map((e) => e.node)}
        rowKey={(r) => r.id}
        empty="No custom payouts: every publisher earns the default."
      />
      {readOnly ? null : (
        <form className="row custom-payout-form" onSubmit={add} noValidate aria-label="Add a custom payout">
          <FormSelect form={form} name="publisherId" label="Publisher">
            <option value="">{publishers.length ? "choose…" : "no publisher has applied yet"}</option>
            {publishers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </FormSelect>
          <FormInput form={form} name="country" label="Country" placeholder="all" size={4} />
          <FormInput
            form={form}
            name="amount"
            label={revshare ? "Publisher share (%)" : `Payout (${offer.currency})`}
            inputMode="decimal"
            size={8}
          />
          <button type="submit" disabled={setting.fetching}>
            Set custom payout
          </button>
          {refused ? <span role="alert">{refused}</span> : null}
          {note ? <span role="status">{note}</span> : null}
        </form>
      )}
    </div>
  );
}
