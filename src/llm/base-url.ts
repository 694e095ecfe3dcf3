import { z } from 'zod';
import { containsSecret, redactSecrets } from './redact-secrets';

/**
 * The one check of an OpenAI-compatible base URL, shared by Settings (before anything is stored) and the
 * homes worker (before any request). A key pasted into the URL field (`?api_key=sk-…`, `https://u:sk-…@host`,
 * `…/v1#sk-…`) must never be stored or sent, so the URL must be an absolute http(s) URL without user name,
 * password, query or fragment, with nothing in it that looks like a key, and https unless the server is on
 * this computer. Messages say what is wrong and how to fix it, and never repeat any part of the input.
 */

/** Longer "URLs" are not base URLs (and this keeps every check cheap). */
export const MAX_BASE_URL_LENGTH = 2048;

export type BaseUrlProblem =
  | 'empty'
  | 'too_long'
  | 'whitespace'
  | 'invalid'
  | 'scheme'
  | 'credentials'
  | 'query'
  | 'fragment'
  | 'secret'
  | 'insecure';

export type BaseUrlCheck = { ok: true; baseUrl: string } | { ok: false; problem: BaseUrlProblem; message: string };

const EXAMPLES = 'e.g. https://api.openai.com/v1, or http://localhost:11434/v1 for a server on this computer';
const KEY_HINT = 'An API key belongs in the API key field above, which sends it only in the Authorization header.';

const MESSAGES: Record<BaseUrlProblem, string> = {
  empty: `Enter a base URL, ${EXAMPLES}.`,
  too_long: `The base URL is longer than ${MAX_BASE_URL_LENGTH} characters; enter just the server address, ${EXAMPLES}.`,
  whitespace: `The base URL must not contain spaces or line breaks; enter just the server address, ${EXAMPLES}.`,
  invalid: `The base URL is not a full URL; enter it with https://, ${EXAMPLES}.`,
  scheme: `The base URL must start with https:// (or http:// for a server on this computer), ${EXAMPLES}.`,
  credentials: `The base URL must not contain a user name or password (the “user:secret@” part before the host); remove it. ${KEY_HINT}`,
  query: `The base URL must not have a query string (the part from “?”); remove it, ${EXAMPLES}. ${KEY_HINT}`,
  fragment: `The base URL must not have a fragment (the part from “#”); remove it, ${EXAMPLES}. ${KEY_HINT}`,
  secret: `The base URL contains something that looks like an API key; remove it and enter just the server address, ${EXAMPLES}. ${KEY_HINT}`,
  insecure:
    'The base URL must use https://. Plain http:// is allowed only for a server on this computer (localhost or 127.0.0.1), e.g. http://localhost:11434/v1.',
};

/** Text that is not a URL but a pasted key gets its own message. */
const NOT_A_URL_BUT_A_KEY = `This looks like an API key, not a URL. ${KEY_HINT} Here, enter the server address, ${EXAMPLES}.`;

function fail(problem: BaseUrlProblem, message: string = MESSAGES[problem]): BaseUrlCheck {
  // The messages are fixed text; redacting them anyway keeps the promise if one ever quotes the input.
  return { ok: false, problem, message: redactSecrets(message) };
}

/**
 * Whether `hostname` (as `URL.hostname` gives it) is this computer: "localhost", "*.localhost", 127.0.0.0/8
 * or [::1], the loopback hosts browsers treat as secure contexts. Plain http is allowed only to these.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks a base URL and returns it normalised (WHATWG URL serialisation, trailing slashes removed), or the
 * problem with a message fit to show the user. Never throws; never puts any part of `input` in the message.
 */
export function validateBaseUrl(input: string): BaseUrlCheck {
  const text = input.trim();
  if (text === '') return fail('empty');
  if (text.length > MAX_BASE_URL_LENGTH) return fail('too_long');
  if (/\s/.test(text)) return fail(containsSecret(text) ? 'secret' : 'whitespace');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return containsSecret(text) ? fail('invalid', NOT_A_URL_BUT_A_KEY) : fail('invalid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('scheme');
  if (url.username !== '' || url.password !== '') return fail('credentials');
  // `URL.search` and `URL.hash` are empty for a bare "?" or "#", so look at the text: in an http(s) URL
  // either character can only start the query or the fragment.
  const query = text.indexOf('?');
  const hash = text.indexOf('#');
  if (query !== -1 && (hash === -1 || query < hash)) return fail('query');
  if (hash !== -1) return fail('fragment');
  // The serialised form too: percent-decoding is not done, but the host is lower-cased and IDNA-mapped.
  if (containsSecret(text) || containsSecret(url.href) || containsSecret(safeDecode(url.pathname)))
    return fail('secret');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return fail('insecure');
  return { ok: true, baseUrl: url.href.replace(/\/+$/, '') };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Thrown by `parseBaseUrl`; `message` is fit to show and holds no part of the input. */
export class BaseUrlError extends Error {
  override name = 'BaseUrlError';
  readonly problem: BaseUrlProblem;
  constructor(problem: BaseUrlProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** `validateBaseUrl` that returns the normalised URL or throws a `BaseUrlError` (for the worker's checks). */
export function parseBaseUrl(input: string): string {
  const checked = validateBaseUrl(input);
  if (!checked.ok) throw new BaseUrlError(checked.problem, checked.message);
  return checked.baseUrl;
}

/**
 * Zod schema for a base URL field: parses to the normalised URL, or fails with one issue whose message is
 * `validateBaseUrl`'s (Zod leaves the input out of issues it reports, and the message never holds it).
 */
export const baseUrlSchema = z.string().transform((value, ctx) => {
  const checked = validateBaseUrl(value);
  if (checked.ok) return checked.baseUrl;
  ctx.addIssue({ code: 'custom', message: checked.message, params: { problem: checked.problem } });
  return z.NEVER;
});
