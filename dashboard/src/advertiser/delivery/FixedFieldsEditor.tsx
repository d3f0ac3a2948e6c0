// The destination form's fixed fields: sent with every lead as they are (a campaign id, a CRM key…).
import type { DestinationForm } from "../delivery-form.ts";
import type { FieldErrors } from "./form-fields.tsx";
import { PairRows } from "./PairRows.tsx";

type Statics = DestinationForm["statics"];

export function FixedFieldsEditor(props: {
  rows: Statics;
  onChange: (rows: Statics) => void;
  fieldErrors: FieldErrors;
}) {
  const { errors, errorId } = props.fieldErrors;
  return (
    <fieldset>
      <legend>Fixed fields</legend>
      <p className="muted">Sent with every lead as they are: a campaign id, the key your CRM asks for…</p>
      <PairRows
        rows={props.rows}
        onChange={props.onChange}
        columns={[
          { key: "name", header: "Field name", label: (n) => `Fixed field name ${n}` },
          { key: "value", header: "Value", label: (n) => `Fixed field value ${n}` },
        ]}
        removeLabel={(n) => `Remove fixed field ${n}`}
        addLabel="Add a fixed field"
        blank={{ name: "", value: "" }}
        hideWhenEmpty
        error={{ id: errorId("staticFields"), text: errors.staticFields }}
      />
    </fieldset>
  );
}
