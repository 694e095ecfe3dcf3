/** The message of a failed action, announced at once (role alert); nothing while there is none. */
export function ErrorAlert({ error }: { error: string | null }) {
  return error ? (
    <p className="error-text" role="alert">
      {error}
    </p>
  ) : null;
}
