// An offer's custom payouts: one publisher (for one country, or all) earns more or less than the
// default. Each row is set or removed at once (its own mutation), apart from the offer's Save.
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { parseMajor } from "../money.ts";
import { type Column, DataTable } from "../ui/DataTable.tsx";
import { formatMoney, formatPercent } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
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
  const [publisherId, setPublisherId] = useState("");
  const [country, setCountry] = useState("");
  const [amount, setAmount] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);
  const [setting, setCustom] = useMutation(SetCustomPayoutMutation);
  const [, removeCustom] = useMutation(RemoveCustomPayoutMutation);

  async function add(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!publisherId) found.publisherId = "Publisher: choose a publisher";
    const code = country.trim().toUpperCase();
    if (code && !/^[A-Z]{2}$/.test(code))
      found.country = "Country: a two-letter ISO code, e.g. US (empty = all)";
    const minor = revshare ? null : parseMajor(amount, offer.currency);
    const share =
      revshare && /^\d+(\.\d{1,2})?$/.test(amount.trim()) ? Math.round(Number(amount) * 100) : null;
    if (revshare ? share === null : minor === null) {
      found.amount = revshare
        ? "Share: a percentage with at most 2 decimals, e.g. 12.5"
        : `Payout: an amount in ${offer.currency}, e.g. 4.20`;
    }
    setErrors(found);
    setNote(null);
    if (Object.keys(found).length > 0) return;
    const answer = await setCustom({
      input: {
        offerId: offer.id,
        publisherId,
        country: code || null,
        payout: revshare ? null : minor,
        payoutShareBps: revshare ? share : null,
      },
    });
    const outcome = outcomeOf(answer, "setCustomPayout");
    if (!outcome.ok) {
      setNote(outcome.message);
      return;
    }
    setAmount("");
    setCountry("");
    setNote("Custom payout saved.");
    onChanged?.();
  }

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
  const invalid = (key: string) => ({
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": errors[key] ? `custom-${key}-error` : undefined,
  });

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
        <form className="row" onSubmit={add} noValidate aria-label="Add a custom payout">
          <div className="field">
            <label>
              Publisher{" "}
              <select
                value={publisherId}
                onChange={(e) => setPublisherId(e.target.value)}
                {...invalid("publisherId")}
              >
                <option value="">{publishers.length ? "choose…" : "no publisher has applied yet"}</option>
                {publishers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            {errors.publisherId ? (
              <span id="custom-publisherId-error" className="field-error">
                {errors.publisherId}
              </span>
            ) : null}
          </div>
          <div className="field">
            <label>
              Country{" "}
              <input
                value={country}
                onChange={(e) => setCountry(e.target.value)}
                placeholder="all"
                size={4}
                {...invalid("country")}
              />
            </label>
            {errors.country ? (
              <span id="custom-country-error" className="field-error">
                {errors.country}
              </span>
            ) : null}
          </div>
          <div className="field">
            <label>
              {revshare ? "Publisher share (%)" : `Payout (${offer.currency})`}{" "}
              <input
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                inputMode="decimal"
                size={8}
                {...invalid("amount")}
              />
            </label>
            {errors.amount ? (
              <span id="custom-amount-error" className="field-error">
                {errors.amount}
              </span>
            ) : null}
          </div>
          <button type="submit" disabled={setting.fetching}>
            Set custom payout
          </button>
          {note ? <span role="status">{note}</span> : null}
        </form>
      )}
    </div>
  );
}
