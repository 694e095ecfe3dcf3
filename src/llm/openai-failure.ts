import { z } from 'zod';

/**
 * The data every OpenAI failure is reported as (kind, retry decision, user-facing message) and the error
 * that carries it, including its rebuilding after a worker boundary. How failures are classified is in
 * ./openai-errors.ts.
 */

/** Failure kinds that may be retried after a delay. */
export type RetryableKind =
  'rate_limit' | 'slow_down' | 'server' | 'overloaded' | 'network' | 'timeout' | 'stream_error';

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

export interface FailureBase {
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
