import { describe, expect, it } from 'vitest';
import { QUOTA_CODES, parseRetryAfterMs, retryAfterFromHeaders } from './openai-error-body';
import {
  OpenAiError,
  classifyHttpFailure,
  classifyStreamError,
  classifyThrownFailure,
  openAiFailureOf,
  singleAttemptFailure,
  type OpenAiFailure,
} from './openai-errors';
import { OPENAI_ERROR_BODIES as BODIES } from './openai-test-kit';
import { redactSecrets } from './redact-secrets';

const http = (status: number, bodyText: string, model?: string): OpenAiFailure =>
  classifyHttpFailure({ status, bodyText, requestId: 'req_1', model: model ?? null });

describe('parseRetryAfterMs', () => {
  it.each([
    ['Please try again in 1.146s. Visit …', 1146],
    ['Please try again in 84ms.', 84],
    ['Please try again in 6m0s.', 360_000],
    ['Please try again in 1m30.5s.', 90_500],
    ['Please try again in 1h2m3s.', 3_723_000],
    ['Please try again in 20s.', 20_000],
    ['Please try again in 0.5ms', 1],
  ])('reads %j as %d ms', (message, expected) => {
    expect(parseRetryAfterMs(message)).toBe(expected);
  });

  it('returns null when no wait is stated', () => {
    expect(parseRetryAfterMs('Rate limit exceeded.')).toBeNull();
    expect(parseRetryAfterMs('try again later')).toBeNull();
  });
});

describe('classifyHttpFailure', () => {
  it('treats every quota code as quota, never retryable, pointing to billing or limits', () => {
    const bodies = [
      BODIES.quotaLegacy,
      BODIES.quotaLegacyNullCode,
      BODIES.creditExhausted,
      BODIES.projectSpendLimit,
      BODIES.orgSpendLimit,
      BODIES.orgUsageLimit,
    ];
    for (const body of bodies) {
      const f = http(429, body);
      expect(f.kind).toBe('quota');
      expect(f.retryable).toBe(false);
      expect(f.message).toMatch(/billing|Limits/);
    }
    expect(http(429, BODIES.creditExhausted).message).toContain('billing');
    expect(http(429, BODIES.projectSpendLimit).message).toMatch(/project's Limits/);
    // The code alone is enough, whatever the type says.
    for (const code of QUOTA_CODES) {
      const body = JSON.stringify({ error: { message: 'x', type: 'whatever', param: null, code } });
      expect(http(429, body).kind).toBe('quota');
    }
  });

  it('stops at once on billing errors, whether the type or the code carries them, at 429 or 400', () => {
    for (const [status, body, text] of [
      [429, BODIES.billingNotActive, /Billing is not active/],
      [429, BODIES.billingNotActiveCode, /Billing is not active/],
      [429, BODIES.billingHardLimit, /hard billing limit/],
      [400, BODIES.billingHardLimit, /hard billing limit/],
    ] as const) {
      const f = http(status, body);
      expect(f.kind).toBe('quota');
      expect(f.retryable).toBe(false);
      expect(f.message).toMatch(text);
      expect(f.message).not.toMatch(/likely a bug|requests-per-minute/);
    }
  });

  it('waits out only 429s that are rate or token limits; any other 429 stops with a billing message', () => {
    const other = http(
      429,
      JSON.stringify({
        error: { message: 'Your organization is suspended.', type: 'access_error', param: null, code: 'org_suspended' },
      }),
    );
    expect(other.kind).toBe('quota');
    expect(other.message).toMatch(/429 "org_suspended", which is not a rate limit/);
    expect(http(429, BODIES.rateLimitTokens).kind).toBe('rate_limit');
    expect(http(429, BODIES.rateLimitNoWait).kind).toBe('rate_limit');
    // A bare 429 (a proxy, a compatible server) is most likely a rate limit.
    expect(http(429, '').kind).toBe('rate_limit');
    expect(
      http(429, JSON.stringify({ error: { message: 'Too many requests, slow down', type: null, code: null } })).kind,
    ).toBe('rate_limit');
  });

  it('honours retry-after headers when the browser can read them and the message states no wait', () => {
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(retryAfterFromHeaders(headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterFromHeaders(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(
      retryAfterFromHeaders(
        headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }),
        Date.parse('Thu, 01 Jan 2026 00:00:00 GMT'),
      ),
    ).toBe(5000);
    expect(retryAfterFromHeaders(headers({}))).toBeNull();
    const noWait = (retryAfterHeaderMs: number | null) =>
      classifyHttpFailure({ status: 429, bodyText: BODIES.rateLimitNoWait, retryAfterHeaderMs });
    const withHeader = noWait(3000);
    expect(withHeader.kind === 'rate_limit' ? withHeader.retryAfterMs : null).toBe(3000);
    const without = noWait(null);
    expect(without.kind === 'rate_limit' ? without.retryAfterMs : 'x').toBeNull();
    // The message's own wait wins over a header.
    const both = classifyHttpFailure({
      status: 429,
      bodyText: BODIES.rateLimitRequests('84ms'),
      retryAfterHeaderMs: 9000,
    });
    expect(both.kind === 'rate_limit' ? both.retryAfterMs : null).toBe(84);
  });

  it('words a one-shot failure (Test key) without promising a retry', () => {
    expect(singleAttemptFailure(http(500, BODIES.serverError)).message).toBe(
      'The API returned a server error (500). Try again in a moment.',
    );
    expect(singleAttemptFailure(http(503, BODIES.overloaded)).message).toBe(
      'The API is overloaded (503). Try again in a moment.',
    );
    expect(singleAttemptFailure(http(429, BODIES.rateLimitRequests('20s'))).message).toBe(
      'OpenAI rate limit reached; try again in 20 s.',
    );
    const fatal = http(401, BODIES.invalidKey);
    expect(singleAttemptFailure(fatal)).toBe(fatal);
  });

  it('reads the wait of a rate limit from its message', () => {
    const f = http(429, BODIES.rateLimitRequests('20ms'));
    expect(f).toMatchObject({
      kind: 'rate_limit',
      retryable: true,
      retryAfterMs: 20,
      code: 'rate_limit_exceeded',
      requestId: 'req_1',
    });
    expect(http(429, BODIES.rateLimitTokens)).toMatchObject({ kind: 'rate_limit', retryAfterMs: 1146 });
    expect(http(429, BODIES.rateLimitNoWait)).toMatchObject({ kind: 'rate_limit', retryAfterMs: null });
    expect(http(429, '')).toMatchObject({ kind: 'rate_limit', retryAfterMs: null });
  });

  it('separates request-too-large and slow-down from plain rate limits', () => {
    expect(http(429, BODIES.requestTooLarge)).toMatchObject({ kind: 'request_too_large', retryable: false });
    expect(http(429, BODIES.slowDown)).toMatchObject({ kind: 'slow_down', retryable: true });
    expect(http(503, BODIES.slowDown)).toMatchObject({ kind: 'slow_down', retryable: true });
  });

  it('classifies auth, permission, model and context errors as fatal with what to do', () => {
    const key = http(401, BODIES.invalidKey);
    expect(key).toMatchObject({ kind: 'invalid_key', retryable: false, code: 'invalid_api_key' });
    expect(key.message).toMatch(/Enter a valid key/);
    expect(http(401, BODIES.noKey).kind).toBe('invalid_key');
    expect(http(403, BODIES.regionForbidden)).toMatchObject({ kind: 'forbidden', retryable: false });
    const model = http(404, BODIES.modelNotFound('gpt-9'), 'gpt-9');
    expect(model).toMatchObject({ kind: 'model_not_found', retryable: false });
    expect(model.message).toBe(
      'The model "gpt-9" does not exist or this key cannot use it. Pick another model in Settings.',
    );
    // Compatible servers phrase it differently and may omit the code.
    const ollama = JSON.stringify({
      error: { message: 'model "llama9" not found, try pulling it first', type: 'api_error', param: null, code: null },
    });
    expect(http(404, ollama, 'llama9').kind).toBe('model_not_found');
    expect(http(400, BODIES.contextLength)).toMatchObject({ kind: 'context_length', retryable: false });
    expect(http(400, BODIES.invalidSchema('smart_home', 'x'))).toMatchObject({ kind: 'bad_request', retryable: false });
    expect(http(404, '404 page not found').message).toMatch(/base URL/);
  });

  it('retries server errors, gateway HTML pages and overload', () => {
    expect(http(500, BODIES.serverError)).toMatchObject({ kind: 'server', retryable: true, type: 'server_error' });
    const gateway = http(502, BODIES.badGatewayHtml);
    expect(gateway).toMatchObject({ kind: 'server', retryable: true, detail: null });
    expect(gateway.message).toBe('The API returned an error page (502); retrying.');
    expect(http(504, '')).toMatchObject({ kind: 'server', retryable: true });
    expect(http(503, BODIES.overloaded)).toMatchObject({
      kind: 'overloaded',
      retryable: true,
      code: 'server_is_overloaded',
    });
  });

  it('redacts the masked key that 401 messages echo', () => {
    const f = http(401, BODIES.invalidKey);
    expect(f.detail).toContain('[redacted]');
    expect(JSON.stringify(f)).not.toContain('I0gA');
  });

  it('accepts the string form of error some servers send', () => {
    expect(http(400, JSON.stringify({ error: 'bad things' }))).toMatchObject({
      kind: 'bad_request',
      detail: 'bad things',
    });
  });
});

describe('classifyThrownFailure', () => {
  const base = { baseUrl: 'http://127.0.0.1:9/v1', timedOut: false, aborted: false };
  it('calls a fetch TypeError a network failure and mentions CORS', () => {
    const f = classifyThrownFailure({ ...base, error: new TypeError('Failed to fetch') });
    expect(f).toMatchObject({ kind: 'network', retryable: true, status: null });
    expect(f.message).toContain('http://127.0.0.1:9/v1');
    expect(f.message).toMatch(/CORS/);
  });
  it('prefers aborted, then timeout, then a broken stream', () => {
    const error = new DOMException('aborted', 'AbortError');
    expect(classifyThrownFailure({ ...base, error, aborted: true, timedOut: true }).kind).toBe('aborted');
    expect(classifyThrownFailure({ ...base, error, timedOut: true, timeoutMs: 5000 })).toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
    expect(classifyThrownFailure({ ...base, error: new TypeError('terminated'), afterResponse: true }).kind).toBe(
      'stream_error',
    );
  });
  it('redacts keys from the error text and base URL', () => {
    const f = classifyThrownFailure({
      ...base,
      baseUrl: 'https://x.test/v1?key=sk-abcdefghijklmnop',
      error: new Error('Bearer sk-abcdefghijklmnop'),
    });
    expect(JSON.stringify(f)).not.toContain('sk-abcdefghijklmnop');
  });
});

describe('classifyStreamError', () => {
  it('is a retryable stream error unless the embedded error is a quota error', () => {
    expect(
      classifyStreamError({ error: { message: 'boom', type: 'server_error', code: null } }, 'req_9'),
    ).toMatchObject({
      kind: 'stream_error',
      retryable: true,
      requestId: 'req_9',
      detail: 'boom',
    });
    expect(classifyStreamError(JSON.parse(BODIES.creditExhausted), null).kind).toBe('quota');
  });
});

describe('redactSecrets', () => {
  it('removes full keys, bearer tokens and masked fragments', () => {
    expect(redactSecrets('key sk-proj-AbC123_def-456XYZ here')).toBe('key [redacted] here');
    expect(redactSecrets('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('Incorrect API key provided: sk-proj-…I0gA. You can')).toBe(
      'Incorrect API key provided: [redacted]. You can',
    );
    expect(redactSecrets('provided: sk-…I0gA.')).toBe('provided: [redacted].');
    expect(redactSecrets('provided: sk-test…t401.')).toBe('provided: [redacted].');
    expect(redactSecrets('provided: sk-abc1***************ABCD.')).toBe('provided: [redacted].');
  });
  it('removes exact secrets even when too short for the patterns, and leaves ordinary text alone', () => {
    expect(redactSecrets('use sk-test-ok now', ['sk-test-ok'])).toBe('use [redacted] now');
    expect(redactSecrets('sk-learn and task-based ask-me')).toBe('sk-learn and task-based ask-me');
  });
});

describe('openAiFailureOf', () => {
  it('reads the failure of an OpenAiError, or of a look-alike from another module copy or a worker', () => {
    const failure = http(429, BODIES.rateLimitRequests('84ms'));
    expect(openAiFailureOf(new OpenAiError(failure))).toBe(failure);
    const copy = JSON.parse(JSON.stringify({ name: 'OpenAiError', message: failure.message, failure }));
    expect(openAiFailureOf(copy)).toEqual(failure);
    const quota = http(429, BODIES.quotaLegacy);
    expect(openAiFailureOf({ failure: { ...quota, retryable: true } })).toEqual(quota); // retryable follows the kind
    expect(openAiFailureOf(new Error('x'))).toBeNull();
    expect(openAiFailureOf({ failure: { kind: 'nonsense' } })).toBeNull();
    expect(openAiFailureOf('quota')).toBeNull();
  });
});
