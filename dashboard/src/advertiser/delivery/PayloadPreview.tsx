// What a sample lead looks like at the destination, mapped by the worker's own rules as the form
// stands (delivery-form.ts preview).
import { type DestinationForm, preview } from "../delivery-form.ts";

export function PayloadPreview(props: { form: DestinationForm; offer: { id: string; name: string } }) {
  const shown = preview(props.form, props.offer);
  return (
    <section className="payload-preview" aria-label="Preview">
      <h3>What a lead looks like there</h3>
      {shown ? (
        <>
          <p className="muted">A sample lead, mapped as above. {shown.heading}</p>
          <pre data-testid="payload-preview">{shown.body}</pre>
        </>
      ) : (
        <p className="muted">The preview shows once the settings above are complete.</p>
      )}
    </section>
  );
}
