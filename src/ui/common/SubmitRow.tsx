/**
 * A form's submit button, saying what runs while it runs, and — once a submit has been tried with invalid
 * fields — a pointer to the messages beside them (the button stays enabled so that pressing it shows them).
 */
export function SubmitRow({
  label,
  busyLabel,
  busy,
  showFixHint,
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  showFixHint: boolean;
}) {
  return (
    <div className="actions span-all">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      {showFixHint ? <span className="error-text">Fix the fields marked above.</span> : null}
    </div>
  );
}
