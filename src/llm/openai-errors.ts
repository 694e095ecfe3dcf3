import {
  BILLING_URL,
  ORG_LIMITS_URL,
  formatWait,
  isRateOrTokenLimit,
  parseErrorBody,
  parseRetryAfterMs,
  quotaCodeOf,
  quotaMessage,
  shorten,
} from './openai-error-body';
import type { FailureBase, OpenAiFailure } from './openai-failure';
import { redactSecrets } from './redact-secrets';

/**
 * Classification of every way an OpenAI (or OpenAI-compatible) call can fail, with the retry decision and
 * a user-facing message saying what to do. The rules follow `shared/docs/openai.md` §3–4: quota is never
 * retried (whatever the HTTP status says), rate limits are waited out for the time the message states
 * (browsers cannot read `retry-after`), 5xx/overloaded/network get bounded retries.
 */

// The failure vocabulary lives in ./openai-failure.ts; most callers import it from here, beside the classifiers.
export { OpenAiError, isOpenAiError, openAiFailureOf } from './openai-failure';
export type { FatalKind, OpenAiFailure, OpenAiFailureKind, RetryableKind } from './openai-failure';

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
  const model =
    input.model === null || input.model === undefined ? 'the chosen model' : `"${redactSecrets(input.model, secrets)}"`;

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
    (status === 404 &&
      /model/i.test(body.message ?? '') &&
      /not (be )?found|does not exist|not exist/i.test(body.message ?? ''));
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
      message: withDetail(
        "The request is longer than the model's context window. Choose a smaller size category or another model.",
      ),
    };
  }
  if (status === 408) {
    return { ...base, kind: 'timeout', retryable: true, message: 'The server timed out (408); retrying.' };
  }
  if (status === 503) {
    return {
      ...base,
      kind: 'overloaded',
      retryable: true,
      message: 'The API is overloaded (503); retrying with longer pauses.',
    };
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
    message: withDetail(
      `The API rejected the request (${status}). This is likely a bug or an option the server does not support.`,
    ),
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
    return {
      ...base,
      kind: 'stream_error',
      retryable: true,
      message: 'The connection broke while the answer was arriving; retrying.',
    };
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
export function classifyStreamError(
  payload: unknown,
  requestId: string | null,
  secrets: readonly string[] = [],
): OpenAiFailure {
  const body = parseErrorBody(JSON.stringify(payload));
  // A quota or key error can surface mid-stream too; those must still stop the run.
  if (quotaCodeOf(body) !== undefined) {
    return classifyHttpFailure({ status: 429, bodyText: JSON.stringify(payload), requestId, secrets });
  }
  const detail = body.message === null ? null : shorten(redactSecrets(body.message, secrets));
  return {
    kind: 'stream_error',
    retryable: true,
    message:
      detail === null
        ? 'The API reported an error mid-answer; retrying.'
        : `The API reported an error mid-answer; retrying. (Server said: ${detail})`,
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
  return {
    ...failure,
    message: failure.message.replace(/;? ?retrying(?: with longer pauses)?\./, '. Try again in a moment.'),
  };
}
