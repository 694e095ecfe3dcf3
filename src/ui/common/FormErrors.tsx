/**
 * What stops a grid form from being sent, as one alert listing every problem so that a screen reader hears
 * them together; nothing while there is none.
 */
export function FormErrors({ errors }: { errors: readonly string[] }) {
  return errors.length > 0 ? (
    <ul className="error-text span-all" role="alert">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : null;
}
