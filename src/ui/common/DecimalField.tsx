/**
 * A labelled input for a decimal number. The value stays the text as typed (not a number), so a half-typed
 * "0." or "-" survives until the form checks it; the hint, if any, sits under the input.
 */
export function DecimalField({
  id,
  label,
  value,
  onChange,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />
      {hint ? <small className="muted">{hint}</small> : null}
    </div>
  );
}
