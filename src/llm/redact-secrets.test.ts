import { describe, expect, it } from 'vitest';
import { REDACTED, containsSecret, redactSecrets } from './redact-secrets';

/** Fake keys are built, not written out, so no secret scanner mistakes this file for a leak. */
const body = (length: number, alphabet = 'aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0z'): string =>
  Array.from({ length }, (_, i) => alphabet[(i * 7) % alphabet.length]).join('');
const HEX = '0123456789abcdef';

const KEYS: Record<string, string> = {
  'OpenAI legacy': `sk-${body(48)}`,
  'OpenAI project': `sk-proj-${body(40)}_${body(20)}-${body(12)}`,
  'OpenAI service account': `sk-svcacct-${body(40)}`,
  'OpenAI admin': `sk-admin-${body(40)}`,
  Anthropic: `sk-ant-api03-${body(90)}-${body(6)}AA`,
  OpenRouter: `sk-or-v1-${body(64, HEX)}`,
  Groq: `gsk_${body(52)}`,
  xAI: `xai-${body(80)}`,
  Google: `AIza${body(35)}`,
  'Hugging Face': `hf_${body(34)}`,
  Perplexity: `pplx-${body(48)}`,
  Replicate: `r8_${body(37)}`,
  'GitHub classic': `ghp_${body(36)}`,
  'GitHub fine-grained': `github_pat_${body(22)}_${body(59)}`,
  'Stripe-style live': `sk_live_${body(24)}`,
  '32-hex': body(32, HEX),
  '64-hex (Together)': body(64, HEX),
  'upper-case hex': body(40, HEX.toUpperCase()),
  JWT: `eyJ${body(30)}.eyJ${body(60)}.${body(43)}`,
  'unsigned JWT': `eyJ${body(20)}.eyJ${body(20)}.`,
};

describe('redactSecrets: key shapes', () => {
  describe.each(Object.entries(KEYS))('%s', (_name, key) => {
    it('is redacted in free text', () => {
      const text = `The key ${key} was rejected; check key "${key}" and (${key}).`;
      const out = redactSecrets(text);
      expect(out).toBe(`The key ${REDACTED} was rejected; check key "${REDACTED}" and (${REDACTED}).`);
      expect(containsSecret(text)).toBe(true);
    });

    it('is redacted in a URL path, a query and a fragment', () => {
      const out = redactSecrets(`GET https://api.example.com/v1/${key}/models?x=${key}#${key} failed`);
      expect(out).not.toContain(key);
      expect(out).toContain('https://api.example.com/v1/');
    });

    it('is redacted in a JSON error body', () => {
      const json = JSON.stringify({
        error: {
          message: `Incorrect API key provided: ${key}.`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
      const out = redactSecrets(json);
      expect(out).not.toContain(key);
      expect(JSON.parse(out)).toEqual({
        error: {
          message: `Incorrect API key provided: ${REDACTED}.`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    });
  });

  it('redacts masked keys as providers echo them', () => {
    expect(redactSecrets('Incorrect API key provided: sk-proj-…I0gA. You can')).toBe(
      `Incorrect API key provided: ${REDACTED}. You can`,
    );
    expect(redactSecrets('provided: sk-abc1***************ABCD.')).toBe(`provided: ${REDACTED}.`);
    expect(redactSecrets('Invalid API Key gsk_…9xQz')).toBe(`Invalid API Key ${REDACTED}`);
    expect(redactSecrets('key xai-...Ab12 is blocked')).toBe(`key ${REDACTED} is blocked`);
    expect(redactSecrets('key hf_***aBcD expired')).toBe(`key ${REDACTED} expired`);
  });
});

describe('redactSecrets: credentials by position', () => {
  const token = body(24);

  it('redacts Bearer tokens and credential headers in any case, keeping the header name and scheme', () => {
    expect(redactSecrets(`Authorization: Bearer ${token}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactSecrets(`authorization:bearer ${token}`)).toBe(`authorization:bearer ${REDACTED}`);
    expect(redactSecrets(`AUTHORIZATION: ${token}`)).toBe(`AUTHORIZATION: ${REDACTED}`);
    expect(redactSecrets(`Authorization: Basic ${token}==`)).toBe(`Authorization: Basic ${REDACTED}`);
    expect(redactSecrets(`x-api-key: ${token}`)).toBe(`x-api-key: ${REDACTED}`);
    expect(redactSecrets(`X-Api-Key:${token}`)).toBe(`X-Api-Key:${REDACTED}`);
    expect(redactSecrets(`api-key: ${token} (Azure)`)).toBe(`api-key: ${REDACTED} (Azure)`);
    expect(redactSecrets(`x-goog-api-key: ${token}`)).toBe(`x-goog-api-key: ${REDACTED}`);
    expect(redactSecrets(`curl -H "Authorization: Bearer ${token}" https://h/v1`)).toBe(
      `curl -H "Authorization: Bearer ${REDACTED}" https://h/v1`,
    );
    expect(redactSecrets(`sent Bearer ${token}`)).toBe(`sent Bearer ${REDACTED}`);
  });

  it('redacts credential headers and fields in JSON', () => {
    const json = JSON.stringify({
      headers: { 'x-api-key': token, Authorization: `Bearer ${token}`, 'api-key': token },
      api_key: token,
      apiKey: token,
    });
    const out = redactSecrets(json);
    expect(out).not.toContain(token);
    expect(JSON.parse(out)).toEqual({
      headers: { 'x-api-key': REDACTED, Authorization: `Bearer ${REDACTED}`, 'api-key': REDACTED },
      api_key: REDACTED,
      apiKey: REDACTED,
    });
  });

  it('redacts credential query parameters', () => {
    for (const name of [
      'api_key',
      'apikey',
      'api-key',
      'API_KEY',
      'key',
      'token',
      'access_token',
      'client_secret',
      'password',
    ]) {
      const out = redactSecrets(`https://h.example/v1/models?${name}=${token}&limit=5`);
      expect(out, name).toBe(`https://h.example/v1/models?${name}=${REDACTED}&limit=5`);
    }
    expect(redactSecrets(`https://h.example/v1?a=1&key=${token}#top`)).toBe(
      `https://h.example/v1?a=1&key=${REDACTED}#top`,
    );
  });

  it('redacts URL userinfo, whatever the password looks like', () => {
    expect(redactSecrets('https://user:hunter2@api.example.com/v1')).toBe(`https://${REDACTED}@api.example.com/v1`);
    expect(redactSecrets(`fetch http://me:${token}@127.0.0.1:8787/v1 failed`)).toBe(
      `fetch http://${REDACTED}@127.0.0.1:8787/v1 failed`,
    );
    expect(redactSecrets('https://u:p@ss@host/v1')).toBe(`https://${REDACTED}@host/v1`);
    expect(redactSecrets('{"url":"https://u:pw@h/v1"}')).toBe(`{"url":"https://${REDACTED}@h/v1"}`);
  });

  it('redacts exact secrets even when too short for the patterns', () => {
    expect(redactSecrets('use sk-test-ok now', ['sk-test-ok'])).toBe(`use ${REDACTED} now`);
    expect(redactSecrets('my key is abcdef!', ['abcdef'])).toBe(`my key is ${REDACTED}!`);
    expect(redactSecrets('tiny abc stays', ['abc'])).toBe('tiny abc stays');
  });

  it('is idempotent', () => {
    const text = `Authorization: Bearer ${token} x-api-key: ${token} ?key=${token} https://u:p@h ${KEYS.Groq} ${KEYS['32-hex']}`;
    const once = redactSecrets(text);
    expect(redactSecrets(once)).toBe(once);
    expect(containsSecret(once)).toBe(false);
  });
});

describe('redactSecrets: ordinary text survives', () => {
  const survivors = [
    'sk-learn and task-based ask-me',
    'a task-management-system-component',
    'request 123e4567-e89b-12d3-a456-426614174000 failed',
    'id 0123456789ab and commit 1a2b3c4d5e6f7a8',
    // OpenAI request ids: the hex run follows "req_", so it is not a token of its own.
    'request id req_0123456789abcdef0123456789abcdef',
    'the key: model is missing; the token limit is 4096; max_tokens=100',
    'You can find your API key at https://platform.openai.com/account/api-keys.',
    'use hf_hub_download or gsk_short; xai-grok-2 and AIza are names',
    'http://localhost:11434/v1 and https://api.openai.com/v1/chat/completions',
    'monkey=5 primary-key=7 sort_key=name',
    'Rate limit reached for gpt-4o-mini in organization org-AbC123 on tokens per min (TPM): Limit 200000, Used 150000.',
    'eyJ alone, and a.eyJb.eyJc',
    'git@github.com:owner/repo.git and mailto:me@example.com',
    '',
  ];
  it.each(survivors)('%j', (text) => {
    expect(redactSecrets(text)).toBe(text);
    expect(containsSecret(text)).toBe(false);
  });
});

describe('redactSecrets: linear time', () => {
  // Inputs that would make a backtracking pattern quadratic or worse: long runs that almost match.
  const adversarial = [
    'sk-'.repeat(40_000),
    `sk-${'a'.repeat(120_000)}`,
    `sk-${'a-'.repeat(60_000)}!`,
    `eyJ${'a'.repeat(120_000)}`,
    `eyJ${'a'.repeat(60_000)}.eyJ${'b'.repeat(60_000)}`,
    `${'0'.repeat(120_000)}g`,
    '0a'.repeat(60_000),
    `${'//a:'.repeat(30_000)}`,
    `//${'a'.repeat(60_000)}:${'b'.repeat(60_000)}`,
    'Bearer '.repeat(20_000),
    'authorization: '.repeat(10_000),
    'key='.repeat(30_000),
    'x-api-key'.repeat(15_000),
    `sk-${'a'.repeat(60_000)}…${'b'.repeat(60_000)}`,
  ];
  it.each(adversarial.map((text, i) => [i, text] as const))('handles adversarial input %i quickly', (_i, text) => {
    const started = performance.now();
    redactSecrets(text);
    containsSecret(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
