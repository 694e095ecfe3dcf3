import { describe, expect, it } from 'vitest';
import {
  BaseUrlError,
  MAX_BASE_URL_LENGTH,
  baseUrlSchema,
  isLoopbackHost,
  parseBaseUrl,
  validateBaseUrl,
  type BaseUrlProblem,
} from './base-url';

/** A fake key, built rather than written out. */
const KEY = `sk-proj-${'Ab3Cd5Ef7Gh9'.repeat(4)}`;
const GROQ = `gsk_${'Ab3Cd5Ef7Gh9'.repeat(4)}`;
const HEX = '0123456789abcdef'.repeat(2);

describe('validateBaseUrl: accepted', () => {
  it.each([
    ['https://api.openai.com/v1', 'https://api.openai.com/v1'],
    ['  https://api.openai.com/v1/  ', 'https://api.openai.com/v1'],
    ['https://API.OpenAI.com/v1//', 'https://api.openai.com/v1'],
    ['https://api.openai.com', 'https://api.openai.com'],
    // The e2e mock server and local servers (Ollama, LM Studio, llama.cpp…) over plain http.
    ['http://127.0.0.1:8787/v1', 'http://127.0.0.1:8787/v1'],
    ['http://localhost:11434/v1', 'http://localhost:11434/v1'],
    ['http://LOCALHOST:1234/v1/', 'http://localhost:1234/v1'],
    ['http://127.1:8080/v1', 'http://127.0.0.1:8080/v1'],
    ['http://[::1]:8000/v1', 'http://[::1]:8000/v1'],
    ['http://llm.localhost/v1', 'http://llm.localhost/v1'],
    [
      'https://my-resource.openai.azure.com/openai/deployments/gpt-4o',
      'https://my-resource.openai.azure.com/openai/deployments/gpt-4o',
    ],
    ['https://openrouter.ai/api/v1', 'https://openrouter.ai/api/v1'],
    ['https://proxy.example.com:8443/openai/v1', 'https://proxy.example.com:8443/openai/v1'],
  ])('%j → %j', (input, normalised) => {
    expect(validateBaseUrl(input)).toEqual({ ok: true, baseUrl: normalised });
    expect(parseBaseUrl(input)).toBe(normalised);
    expect(baseUrlSchema.parse(input)).toBe(normalised);
  });
});

describe('validateBaseUrl: refused', () => {
  const cases: [string, BaseUrlProblem, RegExp][] = [
    // A key pasted into the URL, in each place it can go.
    [`https://api.openai.com/v1?api_key=${KEY}`, 'query', /query string/],
    [`https://api.openai.com/v1?key=${HEX}`, 'query', /query string/],
    ['https://api.openai.com/v1?', 'query', /query string/],
    [`https://u:${KEY}@api.openai.com/v1`, 'credentials', /user name or password/],
    [`https://${KEY}@api.openai.com/v1`, 'credentials', /user name or password/],
    [`https://:${KEY}@api.openai.com/v1`, 'credentials', /user name or password/],
    [`https://api.openai.com/v1#${KEY}`, 'fragment', /fragment/],
    [`https://api.openai.com/v1#key=${KEY}`, 'fragment', /fragment/],
    ['https://api.openai.com/v1#', 'fragment', /fragment/],
    [`https://api.openai.com/v1/${KEY}`, 'secret', /looks like an API key/],
    [`https://api.openai.com/${GROQ}/v1`, 'secret', /looks like an API key/],
    [`https://api.example.com/v1/${HEX}`, 'secret', /looks like an API key/],
    [`https://api.example.com/v1/%73k-proj-${'Ab3Cd5Ef7Gh9'.repeat(4)}`, 'secret', /looks like an API key/],
    [`https://api.example.com/v1/x-api-key:${'Ab3Cd5Ef7Gh9'.repeat(2)}`, 'secret', /looks like an API key/],
    [`https://api.openai.com/v1 ${KEY}`, 'secret', /looks like an API key/],
    [KEY, 'invalid', /looks like an API key, not a URL/],
    // Not a usable server address.
    ['', 'empty', /Enter a base URL/],
    ['   ', 'empty', /Enter a base URL/],
    ['api.openai.com/v1', 'invalid', /not a full URL/],
    ['/v1', 'invalid', /not a full URL/],
    ['https://api.openai.com/my v1', 'whitespace', /spaces/],
    ['ftp://api.openai.com/v1', 'scheme', /must start with https:\/\//],
    ['javascript:alert(1)', 'scheme', /must start with https:\/\//],
    ['localhost:11434/v1', 'scheme', /must start with https:\/\//],
    ['http://api.openai.com/v1', 'insecure', /must use https:\/\//],
    ['http://192.168.1.20:8000/v1', 'insecure', /must use https:\/\//],
    ['http://0.0.0.0:8000/v1', 'insecure', /must use https:\/\//],
    ['http://localhost.example.com/v1', 'insecure', /must use https:\/\//],
    [`https://api.openai.com/${'a'.repeat(MAX_BASE_URL_LENGTH)}`, 'too_long', /longer than 2048/],
  ];

  it.each(cases)(
    '%j is refused (%s) with a message that says how to fix it and holds no part of the input',
    (input, problem, message) => {
      const checked = validateBaseUrl(input);
      expect(checked).toMatchObject({ ok: false, problem });
      if (checked.ok) return;
      expect(checked.message).toMatch(message);
      expect(checked.message).toMatch(/e\.g\. http|remove it/);
      for (const secret of [KEY, GROQ, HEX, 'Ab3Cd5Ef7Gh9']) expect(checked.message).not.toContain(secret);
      expect(() => parseBaseUrl(input)).toThrow(BaseUrlError);
      const zod = baseUrlSchema.safeParse(input);
      expect(zod.success).toBe(false);
      expect(zod.error?.issues.map((i) => i.message)).toEqual([checked.message]);
      expect(JSON.stringify(zod.error)).not.toContain('Ab3Cd5Ef7Gh9');
    },
  );

  it('tells where a key belongs when one was pasted', () => {
    for (const input of [
      `https://api.openai.com/v1?api_key=${KEY}`,
      `https://u:${KEY}@api.openai.com/v1`,
      `https://api.openai.com/v1#${KEY}`,
      KEY,
    ]) {
      const checked = validateBaseUrl(input);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.message).toContain('API key field');
    }
  });

  it('refuses non-strings through the schema', () => {
    expect(baseUrlSchema.safeParse(42).success).toBe(false);
    expect(baseUrlSchema.safeParse(undefined).success).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it('knows the hosts browsers treat as this computer', () => {
    for (const host of ['localhost', 'LocalHost', 'a.localhost', '127.0.0.1', '127.255.0.9', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['localhost.com', '128.0.0.1', '0.0.0.0', '[::]', 'example.com', '10.0.0.1', '127.0.0.1.nip.io'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
