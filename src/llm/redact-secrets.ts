/**
 * Removes API keys from any text we surface (error messages, progress, exports). OpenAI's 401 messages
 * echo a masked key ("sk-proj-…I0gA"), and a misconfigured proxy may echo the whole Authorization header,
 * so both full and masked forms are scrubbed.
 */

const REDACTED = '[redacted]';

/** Masked fragments: a key prefix, an ellipsis or a run of asterisks/dots, then the last characters. */
const MASKED_KEY = /sk-[A-Za-z0-9_-]*(?:…|\.{3}|\*{3,})[A-Za-z0-9_-]*/g;
/** Whole keys: OpenAI keys are long; 8 characters keeps ordinary words such as "sk-learn" safe. */
const FULL_KEY = /sk-[A-Za-z0-9_-]{8,}/g;
const BEARER = /Bearer\s+[^\s"',;]+/gi;

/**
 * Returns `text` with every `sk-…` key (full or masked), every `Bearer …` credential and every exact
 * occurrence of the given `secrets` (e.g. the user's key, which may be shorter than the patterns expect)
 * replaced by "[redacted]".
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary text; real keys are far longer.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out.replace(BEARER, `Bearer ${REDACTED}`).replace(MASKED_KEY, REDACTED).replace(FULL_KEY, REDACTED);
}
