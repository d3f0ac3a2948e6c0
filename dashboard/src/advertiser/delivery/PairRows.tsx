// A list of two-text rows the advertiser edits in place (the field mapping, the fixed fields): a
// table with one input per column and a Remove button per row, and an Add button under it.
import { FieldError } from "./form-fields.tsx";

export interface PairColumn<Row> {
  key: keyof Row & string;
  header: string;
  /** The input's accessible name in row `n` (1-based). */
  label: (n: number) => string;
  /** A datalist of suggestions for the input. */
  list?: string;
}

export function PairRows<Row extends Record<string, string>>(props: {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  columns: [PairColumn<Row>, PairColumn<Row>];
  /** The Remove button's accessible name in row `n` (1-based). */
  removeLabel: (n: number) => string;
  addLabel: string;
  /** A new row. */
  blank: Row;
  /** No table at all while there are no rows. */
  hideWhenEmpty?: boolean;
  /** A row's error: shown under its second input, and both inputs point at it. */
  rowError?: (index: number) => { id: string; text: string | undefined };
  /** The list's own error, between the table and the Add button. */
  error: { id: string; text: string | undefined };
}) {
  const { rows, onChange, columns } = props;
  const edit = (index: number, key: keyof Row, value: string) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, [key]: value } : r)));
  return (
    <>
      {rows.length || !props.hideWhenEmpty ? (
        <table className="mapping-table">
          <thead>
            <tr>
              <th scope="col">{columns[0].header}</th>
              <th scope="col">{columns[1].header}</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const error = props.rowError?.(index);
              const described = error?.text ? { "aria-invalid": true, "aria-describedby": error.id } : {};
              const input = (column: PairColumn<Row>) => (
                <input
                  aria-label={column.label(index + 1)}
                  {...(column.list ? { list: column.list } : {})}
                  value={row[column.key]}
                  onChange={(e) => edit(index, column.key, e.target.value)}
                  {...described}
                />
              );
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                <tr key={index}>
                  <td>{input(columns[0])}</td>
                  <td>
                    {input(columns[1])}
                    {error ? <FieldError id={error.id} text={error.text} /> : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={props.removeLabel(index + 1)}
                      onClick={() => onChange(rows.filter((_, i) => i !== index))}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <FieldError id={props.error.id} text={props.error.text} />
      <button type="button" className="secondary" onClick={() => onChange([...rows, props.blank])}>
        {props.addLabel}
      </button>
    </>
  );
}
