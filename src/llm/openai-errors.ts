import { z } from 'zod';
import { redactSecrets } from './redact-secrets';

/**
 * Classification of every way an OpenAI (or OpenAI-compatible) call can fail, with the retry decision and
 * a user-facing message saying what to do. The rules follow `shared/docs/openai.md` §3–4: quota is never
 * retried (whatever the HTTP status says), rate limits are waited out for the time the message states
 * (browsers cannot read `retry-after`), 5xx/overloaded/network get bounded retries.
 */

/** Failure kinds that may be retried after a delay. */
export type RetryableKind = 'rate_limit' | 'slow_down' | 'server' | 'overloaded' | 'network' | 'timeout' | 'stream_error';

/** Failure kinds that retrying cannot fix. */
export type FatalKind =
  | 'quota'
  | 'request_too_large'
  | 'invalid_key'
  | 'forbidden'
  | 'model_not_found'
  | 'context_length'
  | 'bad_request'
  | 'bad_response'
  | 'aborted';

export type OpenAiFailureKind = RetryableKind | FatalKind;

interface FailureBase {
  /** User-facing: what happened and what to do. Secrets already redacted. */
  message: string;
  /** The server's own message (redacted, shortened), or null. */
  detail: string | null;
  /** HTTP status, or null for network/abort/stream failures. */
  status: number | null;
  /** `error.type` and `error.code` of the OpenAI error envelope, when present. */
  type: string | null;
  code: string | null;
  /** `x-request-id` of the failed response, for support tickets. */
  requestId: string | null;
}

/** Plain data (structured-clone safe) describing one failure. Discriminated by `kind`. */
export type OpenAiFailure =
  | (FailureBase & { kind: 'rate_limit' | 'slow_down'; retryable: true; retryAfterMs: number | null })
  | (FailureBase & { kind: Exclude<RetryableKind, 'rate_limit' | 'slow_down'>; retryable: true })
  | (FailureBase & { kind: FatalKind; retryable: false });

/** The quota codes of openai.md §3; any of them (or type insufficient_quota) means "stop, add credit". */
export const QUOTA_CODES: ReadonlySet<string> = new Set([
  'insufficient_quota',
  'credit_balance_exhausted',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'organization_usage_limit_exceeded',
  // Billing, not quota, but the same remedy and the same rule: stop at once, never retry.
  'billing_not_active',
  'billing_hard_limit_reached',
  'access_terminated',
  'account_deactivated',
]);

/** `code` or `type` values of a 429 that is a real rate or token limit (the only 429s worth waiting out). */
const RATE_LIMIT_MARKERS: ReadonlySet<string> = new Set(['rate_limit_exceeded', 'requests', 'tokens', 'rate_limit_error', 'tokens_usage_based', 'requests_usage_based']);

/**
 * Whether a 429 is a rate or token limit: its code or type says so, its message does ("Rate limit reached
 * for … on requests per min", "try again in 1.2s"), or it carries nothing at all (a bare 429 from a proxy or
 * a compatible server). Any other 429 (billing not active, a hard limit, an account problem) will not pass
 * by waiting.
 */
function isRateOrTokenLimit(body: ParsedBody): boolean {
  if (body.code !== null && RATE_LIMIT_MARKERS.has(body.code)) return true;
  if (body.type !== null && RATE_LIMIT_MARKERS.has(body.type)) return true;
  const message = body.message ?? '';
  if (/rate limit|too many requests|try again in|per min(ute)?\b|\b(rpm|tpm|rpd|tpd)\b/i.test(message)) return true;
  return body.code === null && body.type === null && message.trim().length === 0;
}

const BILLING_URL = 'https://platform.openai.com/settings/organization/billing/overview';
const ORG_LIMITS_URL = 'https://platform.openai.com/settings/organization/limits';
const MAX_DETAIL_CHARS = 300;

/** Errors thrown by the OpenAI client. Carries the classification only: never the key or the request. */
export class OpenAiError extends Error {
  readonly failure: OpenAiFailure;

  constructor(failure: OpenAiFailure) {
    super(failure.message);
    this.name = 'OpenAiError';
    this.failure = failure;
  }
}

/** Narrows an unknown thrown value to an OpenAiError (same module instance only; see openAiFailureOf). */
export function isOpenAiError(error: unknown): error is OpenAiError {
  return error instanceof OpenAiError;
}

const RETRYABLE_KINDS = ['server', 'overloaded', 'network', 'timeout', 'stream_error'] as const;
const FATAL_KINDS = [
  'quota',
  'request_too_large',
  'invalid_key',
  'forbidden',
  'model_not_found',
  'context_length',
  'bad_request',
  'bad_response',
  'aborted',
] as const;

const failureShape = z.object({
  kind: z.enum(['rate_limit', 'slow_down', ...RETRYABLE_KINDS, ...FATAL_KINDS]),
  message: z.string(),
  detail: z.string().nullable(),
  status: z.number().nullable(),
  type: z.string().nullable(),
  code: z.string().nullable(),
  requestId: z.string().nullable(),
  retryAfterMs: z.number().nullable().optional(),
});

/**
 * The failure carried by a thrown value: an OpenAiError, or anything shaped like one (an OpenAiError
 * from another copy of this module — a second bundle, a test loader — or one rebuilt after
 * crossing a worker boundary as `{ name: 'OpenAiError', failure }`). Null for anything else.
 */
export function openAiFailureOf(error: unknown): OpenAiFailure | null {
  if (error instanceof OpenAiError) return error.failure;
  if (typeof error !== 'object' || error === null || !('failure' in error)) return null;
  const parsed = failureShape.safeParse(error.failure);
  if (!parsed.success) return null;
  const { kind, retryAfterMs, ...base } = parsed.data;
  switch (kind) {
    case 'rate_limit':
    case 'slow_down':
      return { ...base, kind, retryable: true, retryAfterMs: retryAfterMs ?? null };
    case 'server':
    case 'overloaded':
    case 'network':
    case 'timeout':
    case 'stream_error':
      return { ...base, kind, retryable: true };
    default:
      return { ...base, kind, retryable: false };
  }
}

/**
 * Parses the wait out of a 429 message ("Please try again in 1.146s", "in 84ms", "in 6m0s", "in 1h2m3s").
 * Returns milliseconds (rounded up), or null when the message states none.
 */
export function parseRetryAfterMs(message: string): number | null {
  const match = /try again in\s+((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)/i.exec(message);
  const duration = match?.[1];
  if (duration === undefined) return null;
  let total = 0;
  // `ms` must be tried before `m`, or "84ms" would read as 84 minutes.
  for (const part of duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const value = Number(part[1]);
    const unit = part[2];
    total += unit === 'ms' ? value : unit === 's' ? value * 1000 : unit === 'm' ? value * 60_000 : value * 3_600_000;
  }
  return Math.ceil(total);
}

const envelopeSchema = z.object({
  error: z.union([
    z.object({
      message: z.string().nullish(),
      type: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
    }),
    // Some compatible servers (e.g. Ollama's native routes) send `{ "error": "text" }`.
    z.string(),
  ]),
});

interface ParsedBody {
  message: string | null;
  type: string | null;
  code: string | null;
  html: boolean;
}

function parseErrorBody(bodyText: string): ParsedBody {
  const trimmed = bodyText.trim();
  const html = /^<(!doctype|html|head|body)/i.test(trimmed);
  let json: unknown = null;
  if (!html && trimmed.length > 0) {
    try {
      json = JSON.parse(trimmed);
    } catch {
      json = null;
    }
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    return { message: html || trimmed.length === 0 ? null : trimmed, type: null, code: null, html };
  }
  const error = parsed.data.error;
  if (typeof error === 'string') return { message: error, type: null, code: null, html: false };
  return {
    message: error.message ?? null,
    type: error.type ?? null,
    code: error.code === undefined || error.code === null ? null : String(error.code),
    html: false,
  };
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS - 1)}…` : oneLine;
}

function formatWait(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

function quotaMessage(code: string | null): string {
  const keep = 'The homes made so far are kept; resume once this is fixed.';
  switch (code) {
    case 'billing_not_active':
      return `Billing is not active on this OpenAI account: add a payment method or buy credit on the OpenAI billing page (${BILLING_URL}). Waiting will not help. ${keep}`;
    case 'billing_hard_limit_reached':
      return `This OpenAI account has reached its hard billing limit: raise the limit on the organization Limits page (${ORG_LIMITS_URL}) or wait for the next billing month. ${keep}`;
    case 'access_terminated':
    case 'account_deactivated':
      return `OpenAI has deactivated access for this account or key. Contact OpenAI support, or use another key. ${keep}`;
    case 'credit_balance_exhausted':
      return `Your OpenAI credit balance is used up. Add credit on the OpenAI billing page (${BILLING_URL}). ${keep}`;
    case 'project_spend_limit_exceeded':
      return `This OpenAI project has reached its spend limit. Raise the budget on the project's Limits page (OpenAI dashboard → Settings → Project → Limits) or wait for the next billing month. ${keep}`;
    case 'organization_spend_limit_exceeded':
      return `Your OpenAI organization has reached its spend limit. Raise it on the organization Limits page (${ORG_LIMITS_URL}). ${keep}`;
    case 'organization_usage_limit_exceeded':
      return `Your OpenAI organization has reached its usage limit. Raise it on the organization Limits page (${ORG_LIMITS_URL}) or add credit on the billing page (${BILLING_URL}). ${keep}`;
    default:
      return `Your OpenAI account has no quota left. Add credit on the OpenAI billing page (${BILLING_URL}) and check the project and organization limits. ${keep}`;
  }
}

/**
 * The quota or billing code of an error body (its `code`, else its `type`: `billing_not_active` comes as
 * either, with the other null), `null` for a bare `insufficient_quota` type; undefined when it is neither.
 */
function quotaCodeOf(body: ParsedBody): string | null | undefined {
  if (body.code !== null && QUOTA_CODES.has(body.code)) return body.code;
  if (body.type !== null && QUOTA_CODES.has(body.type)) return body.type;
  if (body.type === 'insufficient_quota') return null;
  return undefined;
}

/** Context for classifying an HTTP failure. */
export interface HttpFailureInput {
  status: number;
  /** The response body as text (JSON envelope, plain text or an HTML error page). */
  bodyText: string;
  requestId?: string | null;
  /** The model asked for, so a 404 can name it. */
  model?: string | null;
  /** Extra exact strings to redact (the user's key). */
  secrets?: readonly string[];
  /**
   * The wait from `retry-after-ms` / `retry-after`, when the browser could read them (a compatible server
   * that exposes them; CORS hides them on api.openai.com). Used when the message states no wait.
   */
  retryAfterHeaderMs?: number | null;
}

/** The wait of `retry-after-ms` (ms) or `retry-after` (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterFromHeaders(headers: Pick<Headers, 'get'>, now: number = Date.now()): number | null {
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Classifies a non-2xx HTTP response. */
export function classifyHttpFailure(input: HttpFailureInput): OpenAiFailure {
  const { status } = input;
  const secrets = input.secrets ?? [];
  const body = parseErrorBody(input.bodyText);
  const detail = body.message === null ? null : shorten(redactSecrets(body.message, secrets));
  const base: FailureBase = {
    message: '',
    detail,
    status,
    type: body.type,
    code: body.code,
    requestId: input.requestId ?? null,
  };
  const withDetail = (text: string): string => (detail === null ? text : `${text} (Server said: ${detail})`);
  const model = input.model === null || input.model === undefined ? 'the chosen model' : `"${redactSecrets(input.model, secrets)}"`;

  // Quota and billing first: they arrive as a 429 (or a 400) like a rate limit but must never be retried.
  const quotaCode = quotaCodeOf(body);
  if (quotaCode !== undefined) return { ...base, kind: 'quota', retryable: false, message: quotaMessage(quotaCode) };
  if (body.code === 'slow_down') {
    return {
      ...base,
      kind: 'slow_down',
      retryable: true,
      retryAfterMs: parseRetryAfterMs(body.message ?? ''),
      message: 'OpenAI asked to slow down (traffic ramped up too fast); continuing at a lower request rate.',
    };
  }
  if (status === 429) {
    if (/request too large/i.test(body.message ?? '')) {
      return {
        ...base,
        kind: 'request_too_large',
        retryable: false,
        message: withDetail(
          'The request is larger than your tokens-per-minute limit allows. Choose a smaller size category or a model with a higher limit.',
        ),
      };
    }
    if (!isRateOrTokenLimit(body)) {
      const what = body.code ?? body.type;
      return {
        ...base,
        kind: 'quota',
        retryable: false,
        message: withDetail(
          `OpenAI refused the request with 429${what === null ? '' : ` "${redactSecrets(what, secrets)}"`}, which is not a rate limit: usually billing or an account limit. Check the billing page (${BILLING_URL}) and the organization limits (${ORG_LIMITS_URL}); waiting will not help. The homes made so far are kept.`,
        ),
      };
    }
    const retryAfterMs = parseRetryAfterMs(body.message ?? '') ?? input.retryAfterHeaderMs ?? null;
    return {
      ...base,
      kind: 'rate_limit',
      retryable: true,
      retryAfterMs,
      message:
        retryAfterMs === null
          ? 'OpenAI rate limit reached; backing off before continuing. Lower the requests-per-minute budget if this repeats.'
          : `OpenAI rate limit reached; waiting ${formatWait(retryAfterMs)} before continuing. Lower the requests-per-minute budget if this repeats.`,
    };
  }
  if (status === 401) {
    return {
      ...base,
      kind: 'invalid_key',
      retryable: false,
      message: withDetail('The API key was not accepted (401). Enter a valid key in Settings.'),
    };
  }
  if (status === 403) {
    return {
      ...base,
      kind: 'forbidden',
      retryable: false,
      message: withDetail(
        'Access denied (403). The key may lack a permission (a restricted key needs Write on model capabilities and Read on Models), or the region is not supported.',
      ),
    };
  }
  const modelMissing =
    body.code === 'model_not_found' ||
    (status === 404 && /model/i.test(body.message ?? '') && /not (be )?found|does not exist|not exist/i.test(body.message ?? ''));
  if (modelMissing) {
    return {
      ...base,
      kind: 'model_not_found',
      retryable: false,
      message: `The model ${model} does not exist or this key cannot use it. Pick another model in Settings.`,
    };
  }
  if (body.code === 'context_length_exceeded' || /maximum context length/i.test(body.message ?? '')) {
    return {
      ...base,
      kind: 'context_length',
      retryable: false,
      message: withDetail('The request is longer than the model\'s context window. Choose a smaller size category or another model.'),
    };
  }
  if (status === 408) {
    return { ...base, kind: 'timeout', retryable: true, message: 'The server timed out (408); retrying.' };
  }
  if (status === 503) {
    return { ...base, kind: 'overloaded', retryable: true, message: 'The API is overloaded (503); retrying with longer pauses.' };
  }
  if (status >= 500 || status === 409) {
    const what = body.html ? `an error page (${status})` : `a server error (${status})`;
    return { ...base, kind: 'server', retryable: true, message: `The API returned ${what}; retrying.` };
  }
  if (status === 404) {
    return {
      ...base,
      kind: 'bad_request',
      retryable: false,
      message: withDetail('The API address answered 404. Check the base URL in Settings (it usually ends in /v1).'),
    };
  }
  return {
    ...base,
    kind: 'bad_request',
    retryable: false,
    message: withDetail(`The API rejected the request (${status}). This is likely a bug or an option the server does not support.`),
  };
}

/** Context for classifying a thrown fetch/read failure. */
export interface ThrownFailureInput {
  error: unknown;
  /** Whether the caller's signal was aborted (the only reliable way to tell cancel from failure). */
  aborted: boolean;
  /** Whether our own timeout fired. */
  timedOut: boolean;
  timeoutMs?: number;
  /** Which timeout: the whole request, the wait for the first byte, or a stall between chunks. Default total. */
  timeoutWhat?: 'total' | 'first-byte' | 'idle';
  baseUrl: string;
  secrets?: readonly string[];
  /** True once response headers arrived: a failure after that is a broken stream, not a network error. */
  afterResponse?: boolean;
  requestId?: string | null;
}

/** Classifies a failure thrown by `fetch` or while reading a body (no HTTP status to go by). */
export function classifyThrownFailure(input: ThrownFailureInput): OpenAiFailure {
  const secrets = input.secrets ?? [];
  const raw = input.error instanceof Error ? `${input.error.name}: ${input.error.message}` : String(input.error);
  const base: FailureBase = {
    message: '',
    detail: shorten(redactSecrets(raw, secrets)),
    status: null,
    type: null,
    code: null,
    requestId: input.requestId ?? null,
  };
  if (input.aborted) return { ...base, kind: 'aborted', retryable: false, message: 'Cancelled.' };
  if (input.timedOut) {
    const seconds = input.timeoutMs === undefined ? '' : ` ${Math.round(input.timeoutMs / 1000)} s`;
    const message =
      input.timeoutWhat === 'first-byte'
        ? `The API sent nothing for${seconds}; retrying.`
        : input.timeoutWhat === 'idle'
          ? `The answer stalled (nothing for${seconds}); retrying.`
          : `No complete answer from the API within${seconds}; retrying.`;
    return { ...base, kind: 'timeout', retryable: true, message };
  }
  if (input.afterResponse === true) {
    return { ...base, kind: 'stream_error', retryable: true, message: 'The connection broke while the answer was arriving; retrying.' };
  }
  const url = redactSecrets(input.baseUrl, secrets);
  return {
    ...base,
    kind: 'network',
    retryable: true,
    message: `Could not reach ${url}. Check the base URL and your connection; for a local or compatible server also check its CORS settings (a browser reports a CORS rejection as a network error).`,
  };
}

/** Classifies an `{"error": …}` object that arrived inside a 200 SSE stream. */
export function classifyStreamError(payload: unknown, requestId: string | null, secrets: readonly string[] = []): OpenAiFailure {
  const body = parseErrorBody(JSON.stringify(payload));
  // A quota or key error can surface mid-stream too; those must still stop the run.
  if (quotaCodeOf(body) !== undefined) {
    return classifyHttpFailure({ status: 429, bodyText: JSON.stringify(payload), requestId, secrets });
  }
  const detail = body.message === null ? null : shorten(redactSecrets(body.message, secrets));
  return {
    kind: 'stream_error',
    retryable: true,
    message: detail === null ? 'The API reported an error mid-answer; retrying.' : `The API reported an error mid-answer; retrying. (Server said: ${detail})`,
    detail,
    status: null,
    type: body.type,
    code: body.code,
    requestId,
  };
}

/** A 2xx answer that is not what an OpenAI endpoint returns (e.g. an HTML page from a wrong base URL). */
export function badResponseFailure(what: string, requestId: string | null): OpenAiFailure {
  return {
    kind: 'bad_response',
    retryable: false,
    message: `The server's answer is not an OpenAI API response (${what}). Check the base URL in Settings.`,
    detail: null,
    status: null,
    type: null,
    code: null,
    requestId,
  };
}

/**
 * A broken body after a 200 (a stream that ends mid-event, JSON cut off): the server is the right one and
 * was answering, so it is transient and retried within the usual bound, never "check the base URL".
 */
export function brokenBodyFailure(what: string, requestId: string | null): OpenAiFailure {
  return {
    kind: 'stream_error',
    retryable: true,
    message: `The answer arrived broken (${what}); retrying.`,
    detail: null,
    status: null,
    type: null,
    code: null,
    requestId,
  };
}

/**
 * The failure as a one-shot call (Test key, the model list) reports it: such calls are never retried, so
 * the message must not promise a retry.
 */
export function singleAttemptFailure(failure: OpenAiFailure): OpenAiFailure {
  if (!failure.retryable) return failure;
  if (failure.kind === 'rate_limit' || failure.kind === 'slow_down') {
    const wait = failure.retryAfterMs === null ? 'in a minute' : `in ${formatWait(failure.retryAfterMs)}`;
    return { ...failure, message: `OpenAI rate limit reached; try again ${wait}.` };
  }
  return { ...failure, message: failure.message.replace(/;? ?retrying(?: with longer pauses)?\./, '. Try again in a moment.') };
}
