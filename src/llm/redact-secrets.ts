/**
 * Removes API keys from any text we surface (error messages, progress, exports) and tells whether a text
 * holds something that looks like one (the base-URL check refuses such URLs before anything is stored).
 *
 * OpenAI's 401 messages echo a masked key ("sk-proj-…I0gA") and a misconfigured proxy may echo whole
 * headers or URLs, so full keys, masked keys, credential headers, credential query parameters and URL
 * passwords are all scrubbed.
 *
 * Every pattern runs in linear time: a token pattern can only start where the previous character is not
 * part of such a token (a lookbehind), so starts never overlap, and no pattern nests quantifiers. Ordinary
 * text survives: UUIDs (hex runs of at most 12 between hyphens), short hex ids, words such as "sk-learn"
 * or "task-based", and OpenAI request ids ("req_" then 32 hex digits: the hex run is not a token start).
 */

export const REDACTED = '[redacted]';

/** Characters of a key token; a token pattern starts only where the previous character is none of these. */
const START = '(?<![A-Za-z0-9_-])';

/** Prefixes of provider keys that OpenAI-compatible servers and their error messages may show. */
const KEY_PREFIXES = [
  // OpenAI (sk-, sk-proj-, sk-svcacct-, sk-admin-), Anthropic (sk-ant-), OpenRouter (sk-or-v1-), DeepSeek…
  'sk-',
  // Stripe-style live/test keys.
  '[sr]k_(?:live|test)_',
  // Groq.
  'gsk_',
  // xAI.
  'xai-',
  // Hugging Face.
  'hf_',
  // Perplexity.
  'pplx-',
  // Replicate.
  'r8_',
  // GitHub tokens (used by GitHub Models).
  'gh[pousr]_',
  'github_pat_',
].join('|');

/** Masked keys: a key prefix, an ellipsis or a run of dots/asterisks, then the last characters. */
const MASKED_KEY = new RegExp(`${START}(?:${KEY_PREFIXES}|AIza)[A-Za-z0-9_-]*(?:…|\\.{3}|\\*{3,})[A-Za-z0-9_-]*`, 'g');

/**
 * Whole keys. OpenAI's are long; 8 characters after "sk-" keeps words such as "sk-learn" safe while still
 * catching test keys such as "sk-test-ratelimit-2". The other prefixes need 20 characters of key alphabet.
 */
const FULL_KEY = new RegExp(
  [
    `${START}sk-[A-Za-z0-9_-]{8,}`,
    `${START}(?:[sr]k_(?:live|test)_|gsk_|xai-|hf_|pplx-|r8_|gh[pousr]_)[A-Za-z0-9]{20,}`,
    `${START}github_pat_[A-Za-z0-9_]{20,}`,
    // Google API keys: "AIza" and 35 more characters.
    `${START}AIza[A-Za-z0-9_-]{30,}`,
  ].join('|'),
  'g',
);

/** JWT-like tokens: base64url JSON header and payload (both start "eyJ", i.e. `{"`), optional signature. */
const JWT = /(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

/** Bare hex keys (32+ digits, e.g. 128-bit and 256-bit keys); shorter ids and hyphenated UUIDs survive. */
const HEX_KEY = /(?<![A-Za-z0-9_-])[0-9A-Fa-f]{32,}(?![A-Za-z0-9_-])/g;

/** `Bearer <token>` anywhere (a header echoed in a message, a curl command…). */
const BEARER = /\b(Bearer)\s+[^\s"',;]+/gi;

/**
 * Credential headers and fields in any case, as a header (`x-api-key: …`), JSON (`"api_key": "…"`) or a
 * form/query pair (`api-key=…`). An `Authorization` value keeps its scheme word ("Bearer [redacted]").
 */
const HEADER =
  /(?<![\w-])(proxy-authorization|authorization|x-goog-api-key|x-api-key|api[-_]?key|ocp-apim-subscription-key)(["']?[ \t]*[:=][ \t]*(?:["'][ \t]*)?)(?:(bearer|basic|token)[ \t]+)?([^\s"',;&#<>]+)/gi;

/** Credential query/form parameters (`?key=…`, `&token=…`); only with "=", so "key: value" prose survives. */
const PARAM =
  /(?<![\w-])(access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|token|key|secret|password|passwd)=([^\s&#"'<>]+)/gi;

/** The password in URL userinfo (`scheme://user:secret@host`): the whole userinfo goes. */
const USERINFO = /\/\/[^\s/?#@:]*:[^\s/?#]*@/g;

/**
 * Returns `text` with every known key shape (full or masked), credential header, credential parameter,
 * URL userinfo and every exact occurrence of the given `secrets` (e.g. the user's key, which may be
 * shorter than the patterns expect) replaced by "[redacted]".
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary text; real keys are far longer.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(USERINFO, `//${REDACTED}@`)
    .replace(
      HEADER,
      (_match, name: string, separator: string, scheme: string | undefined) =>
        `${name}${separator}${scheme === undefined ? '' : `${scheme} `}${REDACTED}`,
    )
    .replace(PARAM, (_match, name: string) => `${name}=${REDACTED}`)
    .replace(BEARER, (_match, word: string) => `${word} ${REDACTED}`)
    .replace(MASKED_KEY, REDACTED)
    .replace(FULL_KEY, REDACTED)
    .replace(JWT, REDACTED)
    .replace(HEX_KEY, REDACTED);
}

/** Whether `text` holds anything `redactSecrets` would remove (a key shape, a credential header…). */
export function containsSecret(text: string): boolean {
  return redactSecrets(text) !== text;
}
