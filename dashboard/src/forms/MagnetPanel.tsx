// The offer's lead magnet: what a lead receives on the thank-you page — a file, a link, or one unique
// code from a pool — and, for a pool, its numbers, the codes to add (pasted or from a CSV file), and a
// warning when it runs low (the offer list shows it too).
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import type { ResultOf } from "../graphql.ts";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { Field } from "../ui/Field.tsx";
import { formatNumber } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { splitCodes } from "./code-import.ts";
import {
  AddRewardCodesMutation,
  type LeadFormPageQuery,
  RemoveUnclaimedCodesMutation,
  SaveLeadMagnetMutation,
} from "./operations.ts";

type Magnet = NonNullable<NonNullable<ResultOf<typeof LeadFormPageQuery>["offer"]>["leadMagnet"]>;
type Kind = Magnet["kind"];

const KIND_WORDS: Record<Kind, string> = {
  FILE: "A file to download",
  LINK: "A link",
  CODE_POOL: "A unique code from a pool",
};
const MAX_BYTES = 5 * 1024 * 1024;
const FILE_TYPES =
  "application/pdf,image/png,image/jpeg,image/gif,application/zip,application/epub+zip,text/plain,text/csv";
const BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  zip: "application/zip",
  epub: "application/epub+zip",
  txt: "text/plain",
  csv: "text/csv",
};

type Upload = { name: string; type: string; base64: string; size: number };

function readUpload(file: File): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      const type = file.type || BY_EXTENSION[file.name.split(".").pop()?.toLowerCase() ?? ""] || "";
      resolve({ name: file.name, type, base64: url.slice(url.indexOf(",") + 1), size: file.size });
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

type Errors = Record<string, string>;
const WORDS: Record<string, string> = {
  title: "Title",
  description: "Description",
  url: "Link",
  file: "File",
  "file.data": "File",
  "file.type": "File type",
  "file.name": "File name",
  lowStockThreshold: "Warn when codes left",
  linkTtlHours: "Link valid for",
};

export function MagnetPanel({
  offerId,
  magnet,
  readOnly,
  onChanged,
}: {
  offerId: string;
  magnet: Magnet | null;
  readOnly: boolean;
  onChanged: () => void;
}) {
  const [kind, setKind] = useState<Kind>(magnet?.kind ?? "CODE_POOL");
  const [title, setTitle] = useState(magnet?.title ?? "");
  const [description, setDescription] = useState(magnet?.description ?? "");
  const [url, setUrl] = useState(magnet?.url ?? "https://");
  const [upload, setUpload] = useState<Upload | null>(null);
  const [threshold, setThreshold] = useState(String(magnet?.lowStockThreshold ?? 10));
  const [ttl, setTtl] = useState(String(magnet?.linkTtlHours ?? 72));
  const [active, setActive] = useState(magnet?.active ?? true);
  const [errors, setErrors] = useState<Errors>({});
  const [note, setNote] = useState<string | null>(null);
  const [saving, save] = useMutation(SaveLeadMagnetMutation);

  const invalid = (key: string) => ({
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": errors[key] ? `magnet-error-${key.replace(/\./g, "-")}` : undefined,
  });
  const problem = (key: string) =>
    errors[key] ? (
      <span id={`magnet-error-${key.replace(/\./g, "-")}`} className="field-error">
        {errors[key]}
      </span>
    ) : null;

  async function onFile(file: File | undefined) {
    setErrors((e) => ({ ...e, file: "" }));
    if (!file) return setUpload(null);
    if (file.size > MAX_BYTES) {
      setUpload(null);
      setErrors((e) => ({ ...e, file: "File: must be at most 5 MB" }));
      return;
    }
    setUpload(await readUpload(file));
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    setNote(null);
    const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : -1);
    const answer = await save({
      offerId,
      input: {
        kind,
        title,
        description,
        url: kind === "LINK" ? url : null,
        file:
          kind === "FILE" && upload ? { name: upload.name, type: upload.type, base64: upload.base64 } : null,
        lowStockThreshold: whole(threshold),
        linkTtlHours: whole(ttl),
        active,
      },
    });
    const data = answer.data?.saveLeadMagnet;
    if (data?.__typename === "DomainError") {
      const found: Errors = {};
      for (const field of data.fields ?? []) {
        const path = field.path[0] === "input" ? field.path.slice(1) : field.path;
        const key = path[0] === "file" ? "file" : (path[0] ?? "");
        found[key] ??= `${WORDS[path.join(".")] ?? WORDS[key] ?? key}: ${field.message}`;
      }
      setErrors(found);
      setNote(Object.keys(found).length ? null : data.message);
      return;
    }
    const outcome = outcomeOf(answer, "saveLeadMagnet");
    if (!outcome.ok) return setNote(outcome.message);
    setErrors({});
    setUpload(null);
    setNote("Lead magnet saved.");
    onChanged();
  }

  return (
    <section className="panel" aria-labelledby="magnet-heading">
      <h2 id="magnet-heading">Lead magnet</h2>
      <p className="muted">
        A reward promised to every lead, given on the thank-you page through a private link that expires.
        {magnet ? "" : " This offer has none yet."}
      </p>
      <form className="offer-form" onSubmit={onSave} aria-label="Lead magnet" noValidate>
        <fieldset disabled={readOnly}>
          <legend>Reward</legend>
          <Field label="Kind" error={null}>
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {(Object.keys(KIND_WORDS) as Kind[]).map((k) => (
                <option key={k} value={k}>
                  {KIND_WORDS[k]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Reward title" error={problem("title")}>
            <input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="10% off your first order"
              {...invalid("title")}
            />
          </Field>
          <Field label="Reward description" wide error={problem("description")}>
            <textarea
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              {...invalid("description")}
            />
          </Field>
          {kind === "LINK" ? (
            <Field label="Link" wide error={problem("url")}>
              <input value={url} onChange={(e) => setUrl(e.target.value)} {...invalid("url")} />
            </Field>
          ) : null}
          {kind === "FILE" ? (
            <Field
              label="File (PDF, image, ZIP, EPUB or text; at most 5 MB)"
              wide
              error={problem("file")}
              hint={
                magnet?.kind === "FILE" && magnet.fileName && !upload ? (
                  <span className="muted">
                    Current: {magnet.fileName} ({formatNumber(Math.ceil((magnet.fileSize ?? 0) / 1024))} KB).
                    Choose a file to replace it.
                  </span>
                ) : upload ? (
                  <span className="muted">
                    {upload.name}, {formatNumber(Math.ceil(upload.size / 1024))} KB, ready to save.
                  </span>
                ) : null
              }
            >
              <input
                type="file"
                accept={FILE_TYPES}
                onChange={(e) => onFile(e.target.files?.[0])}
                {...invalid("file")}
              />
            </Field>
          ) : null}
          {kind === "CODE_POOL" ? (
            <Field label="Warn when codes left are at most" error={problem("lowStockThreshold")}>
              <input
                inputMode="numeric"
                value={threshold}
                onChange={(e) => setThreshold(e.target.value)}
                {...invalid("lowStockThreshold")}
              />
            </Field>
          ) : null}
          <Field label="Reward link valid for (hours)" error={problem("linkTtlHours")}>
            <input
              inputMode="numeric"
              value={ttl}
              onChange={(e) => setTtl(e.target.value)}
              {...invalid("linkTtlHours")}
            />
          </Field>
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Give this
            reward to new leads
          </label>
          {readOnly ? null : (
            <div className="wide row">
              <button type="submit" disabled={saving.fetching}>
                Save lead magnet
              </button>
              <span role="status">{note}</span>
            </div>
          )}
        </fieldset>
      </form>
      {magnet?.kind === "CODE_POOL" && magnet.pool ? (
        <CodePool magnetId={magnet.id} pool={magnet.pool} readOnly={readOnly} onChanged={onChanged} />
      ) : kind === "CODE_POOL" ? (
        <p className="muted">Save the lead magnet as a code pool, then add its codes here.</p>
      ) : null}
    </section>
  );
}

type Pool = NonNullable<Magnet["pool"]>;

function CodePool({
  magnetId,
  pool,
  readOnly,
  onChanged,
}: {
  magnetId: string;
  pool: Pool;
  readOnly: boolean;
  onChanged: () => void;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [adding, add] = useMutation(AddRewardCodesMutation);
  const [, remove] = useMutation(RemoveUnclaimedCodesMutation);

  async function onAdd(event: FormEvent) {
    event.preventDefault();
    setNote(null);
    const codes = splitCodes(text);
    if (codes.length === 0) {
      setError("Codes: paste at least one code, or choose a CSV file.");
      return;
    }
    const answer = await add({ magnetId, codes });
    const data = answer.data?.addRewardCodes;
    if (data?.__typename === "DomainError") {
      const first = data.fields?.[0];
      const index = first?.path[1];
      setError(
        first
          ? `Codes${index !== undefined && /^\d+$/.test(index) ? ` (“${codes[Number(index)] ?? ""}”)` : ""}: ${first.message}`
          : data.message,
      );
      return;
    }
    const outcome = outcomeOf<{ added: number; skipped: number }>(answer, "addRewardCodes");
    if (!outcome.ok) return setError(outcome.message);
    setError(null);
    setText("");
    setNote(
      `${formatNumber(outcome.data.added)} ${outcome.data.added === 1 ? "code" : "codes"} added` +
        (outcome.data.skipped
          ? `, ${formatNumber(outcome.data.skipped)} skipped (already in the pool or repeated).`
          : "."),
    );
    onChanged();
  }

  async function onFile(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
  }

  return (
    <div className="code-pool">
      <h3>Code pool</h3>
      <dl className="pool-figures">
        <div>
          <dt>Total</dt>
          <dd data-testid="pool-total">{formatNumber(pool.total)}</dd>
        </div>
        <div>
          <dt>Given to leads</dt>
          <dd>{formatNumber(pool.claimed)}</dd>
        </div>
        <div>
          <dt>Left</dt>
          <dd data-testid="pool-left">{formatNumber(pool.left)}</dd>
        </div>
      </dl>
      {pool.low ? (
        <p className="warning" role="alert">
          {pool.left === 0
            ? "The pool is empty: new leads get no code until you add some."
            : `Running low: only ${formatNumber(pool.left)} ${pool.left === 1 ? "code" : "codes"} left (you are warned at ${formatNumber(pool.threshold)}). Add codes before leads go without.`}
        </p>
      ) : null}
      {readOnly ? null : (
        <form onSubmit={onAdd} aria-label="Add codes" noValidate>
          <label htmlFor="codes-text">Codes (one per line, or a CSV whose first column holds them)</label>
          <textarea
            id="codes-text"
            rows={5}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "codes-error" : undefined}
          />
          <label htmlFor="codes-file">Or import a CSV or text file</label>
          <input
            id="codes-file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => onFile(e.target.files?.[0])}
          />
          {error ? (
            <span id="codes-error" className="field-error">
              {error}
            </span>
          ) : null}
          <div className="row">
            <button type="submit" disabled={adding.fetching}>
              Add codes
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => setConfirming(true)}
              disabled={pool.left === 0}
            >
              Remove unclaimed codes…
            </button>
            <span role="status">{note}</span>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={confirming}
        title="Remove every unclaimed code?"
        confirmLabel="Remove codes"
        danger
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          void remove({ magnetId }).then((answer) => {
            const outcome = outcomeOf<{ removed: number }>(answer, "removeUnclaimedRewardCodes");
            setNote(
              outcome.ok ? `${formatNumber(outcome.data.removed)} unclaimed codes removed.` : outcome.message,
            );
            onChanged();
          });
          return undefined;
        }}
      >
        <p>
          {formatNumber(pool.left)} codes no lead has received yet will be deleted. Codes already given to
          leads stay on their leads.
        </p>
      </ConfirmDialog>
    </div>
  );
}
