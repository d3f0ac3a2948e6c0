// The destination form's refusal rule (webhooks only): the CRM answer that means "we don't take this
// lead", and the reason recorded on the lead it rejects.
import type { DestinationForm } from "../delivery-form.ts";
import { FieldError, type FieldErrors, type SetField } from "./form-fields.tsx";

export function RefusalRuleEditor(props: { form: DestinationForm; set: SetField; fieldErrors: FieldErrors }) {
  const { form, set } = props;
  const { errors, errorId, described } = props.fieldErrors;
  return (
    <fieldset className="refusal-rule">
      <legend>When your CRM says no</legend>
      <p className="muted">
        Some CRMs answer “we don't take this lead” (a duplicate, an area they don't serve). Describe that
        answer and we reject the lead with your reason. Leave it all empty if your CRM never refuses leads.
      </p>
      <p className="sentence">
        <label>
          Treat the lead as refused when your CRM answers with status{" "}
          <input
            className="short"
            value={form.refuseStatuses}
            onChange={(e) => set("refuseStatuses", e.target.value)}
            placeholder="409, 422"
            {...described("refusalRule.httpStatuses")}
          />
        </label>{" "}
        <label>
          and its answer contains{" "}
          <input
            value={form.refuseContains}
            onChange={(e) => set("refuseContains", e.target.value)}
            placeholder="duplicate"
            {...described("refusalRule.bodyContains")}
          />
        </label>
      </p>
      <FieldError id={errorId("refusalRule.httpStatuses")} text={errors["refusalRule.httpStatuses"]} />
      <FieldError id={errorId("refusalRule.bodyContains")} text={errors["refusalRule.bodyContains"]} />
      <p className="sentence">
        <label>
          Reason we record on the lead{" "}
          <input
            value={form.refuseReason}
            onChange={(e) => set("refuseReason", e.target.value)}
            placeholder="Duplicate in our CRM"
            {...described("refusalRule.reason")}
          />
        </label>
      </p>
      <FieldError id={errorId("refusalRule.reason")} text={errors["refusalRule.reason"]} />
      <FieldError id={errorId("refusalRule")} text={errors.refusalRule} />
      <details>
        <summary>More: a value inside a JSON answer</summary>
        <p className="sentence">
          <label>
            …and the value at{" "}
            <input
              value={form.refuseJsonPath}
              onChange={(e) => set("refuseJsonPath", e.target.value)}
              placeholder="result.status"
              {...described("refusalRule.jsonPath")}
            />
          </label>{" "}
          <label>
            is{" "}
            <input
              value={form.refuseEquals}
              onChange={(e) => set("refuseEquals", e.target.value)}
              placeholder="rejected"
              {...described("refusalRule.equals")}
            />
          </label>
        </p>
        <FieldError id={errorId("refusalRule.jsonPath")} text={errors["refusalRule.jsonPath"]} />
        <FieldError id={errorId("refusalRule.equals")} text={errors["refusalRule.equals"]} />
        <p className="sentence">
          <label>
            Use your CRM's own message at{" "}
            <input
              value={form.refuseReasonPath}
              onChange={(e) => set("refuseReasonPath", e.target.value)}
              placeholder="error.message"
              {...described("refusalRule.reasonPath")}
            />
          </label>{" "}
          as the reason when it gives one.
        </p>
        <FieldError id={errorId("refusalRule.reasonPath")} text={errors["refusalRule.reasonPath"]} />
      </details>
    </fieldset>
  );
}
