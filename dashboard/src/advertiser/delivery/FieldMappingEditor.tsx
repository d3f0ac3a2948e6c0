// The destination form's field mapping: one row per lead field, sent under the CRM's name for it.
import { STANDARD_LEAD_FIELDS } from "@leadrail/db/lead-delivery";
import { useId } from "react";
import type { DestinationForm } from "../delivery-form.ts";
import type { FieldErrors } from "./form-fields.tsx";
import { PairRows } from "./PairRows.tsx";

type Mapping = DestinationForm["mapping"];

export function FieldMappingEditor(props: {
  rows: Mapping;
  onChange: (rows: Mapping) => void;
  fieldErrors: FieldErrors;
}) {
  const { errors, errorId } = props.fieldErrors;
  const ourFields = `${useId()}-our-fields`;
  return (
    <fieldset>
      <legend>Field mapping</legend>
      <p className="muted">
        Each row sends one of our lead fields under your CRM's name for it. Combine fields with braces, e.g.{" "}
        <code>{"{name} ({phone})"}</code>. No rows: every lead field is sent under its own name.
      </p>
      <datalist id={ourFields}>
        {STANDARD_LEAD_FIELDS.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <PairRows
        rows={props.rows}
        onChange={props.onChange}
        columns={[
          { key: "from", header: "Our field", label: (n) => `Our field ${n}`, list: ourFields },
          { key: "to", header: "Your CRM's field name", label: (n) => `CRM field name ${n}` },
        ]}
        removeLabel={(n) => `Remove field ${n}`}
        addLabel="Add a field"
        blank={{ from: "", to: "" }}
        rowError={(index) => {
          const key = `fieldMapping.${index}`;
          return { id: errorId(key), text: errors[`${key}.from`] ?? errors[`${key}.to`] ?? errors[key] };
        }}
        error={{ id: errorId("fieldMapping"), text: errors.fieldMapping }}
      />
    </fieldset>
  );
}
