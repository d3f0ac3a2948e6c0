// An offer's custom payouts: one publisher (for one country, or all) earns more or less than the
// default. Each row is set or removed at once (its own mutation), apart from the offer's Save.
import { useMemo, useState } from "react";
import { Controller } from "react-hook-form";
import { useMutation } from "urql";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatMoney, formatPercent } from "../ui/format.ts";
import { useMoreRows } from "../ui/more-rows.ts";
import { outcomeOf } from "../ui/result.ts";
import { SearchPicker } from "../ui/SearchPicker.tsx";
import { applyRefusal, FormInput, sentence, useZodForm } from "../ui/zod-form.tsx";
import { customPayoutFieldOf, customPayoutForm } from "./custom-payout-form.ts";
import {
  MoreCustomPayoutsQuery,
  RemoveCustomPayoutMutation,
  SetCustomPayoutMutation,
} from "./offer-operations.ts";
import { useOfferPublisherSearch } from "./offer-publisher-search.ts";
import type { OfferData } from "./offer-types.ts";

type Row = OfferData["customPayouts"]["edges"][number]["node"];

export function CustomPayouts({
  offer,
  readOnly,
  onChanged,
}: {
  offer: OfferData;
  readOnly: boolean;
  onChanged?: () => void;
}) {
  const revshare = offer.payoutModel === "REVSHARE";
  const { currency, payoutModel } = offer;
  const model = useMemo(() => customPayoutForm({ currency, payoutModel }), [currency, payoutModel]);
  const form = useZodForm(model, { defaultValues: { publisherId: "", country: "", amount: "" } });
  const [note, setNote] = useState<string | null>(null);
  const searchPublishers = useOfferPublisherSearch(offer.id);
  const rows = useMoreRows({
    first: offer.customPayouts,
    query: MoreCustomPayoutsQuery,
    variables: (after) => ({ id: offer.id, after }),
    pick: (data) => data.offer?.customPayouts,
  });
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
        rows={rows.rows ?? []}
        fetching={rows.loading}
        error={rows.error ?? undefined}
        hasMore={rows.hasMore}
        onLoadMore={rows.loadMore}
        rowKey={(r) => r.id}
        empty="No custom payouts: every publisher earns the default."
      />
      {readOnly ? null : (
        <form className="row custom-payout-form" onSubmit={add} noValidate aria-label="Add a custom payout">
          <Controller
            control={form.control}
            name="publisherId"
            render={({ field, fieldState }) => (
              <SearchPicker
                label="Publisher"
                value={field.value || null}
                onChange={(id) => field.onChange(id ?? "")}
                onBlur={field.onBlur}
                inputRef={field.ref}
                search={searchPublishers}
                placeholder="Type part of a name…"
                error={fieldState.error?.message}
              />
            )}
          />
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
