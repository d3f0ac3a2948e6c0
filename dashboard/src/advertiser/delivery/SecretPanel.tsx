// A webhook destination's signing secret, shown once: after it is created and after a rotation.
import { CopyButton } from "../../ui/CopyButton.tsx";

export type SecretNote = { destination: string; secret: string; why: string };

export function SecretPanel({ note, onDone }: { note: SecretNote; onDone: () => void }) {
  return (
    <div className="panel secret-once" role="status">
      <h2>Signing secret of {note.destination}</h2>
      <p>
        Shown this once: copy it into your CRM now. {note.why} It is never shown again; you can rotate it to
        get a new one.
      </p>
      <div className="integration-snippet">
        <code data-testid="destination-secret">{note.secret}</code>
        <CopyButton text={note.secret} label="Copy secret" />
        <button type="button" className="secondary" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </div>
  );
}
