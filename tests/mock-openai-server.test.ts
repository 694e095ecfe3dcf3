import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockHomeContent } from '../e2e/mock-openai/mock-home';
import { startMockOpenAi, type MockOpenAi } from '../e2e/mock-openai/server';
import { HOME_TYPES } from '../src/domain/home-types';
import { SIZE_CATEGORIES, homeContentProblems, homeContentSchema } from '../src/domain/homes/home-schema';
import { abortableSleep } from '../src/llm/abortable-sleep';
import { HOME_JSON_SCHEMA, HOME_SCHEMA_NAME } from '../src/llm/home-json-schema';
import { planHomes } from '../src/domain/homes/home-plan';
import { buildHomeMessages, buildRepairMessages, SIZE_DEVICE_RANGES } from '../src/llm/home-prompt';
import { checkHomeReply } from '../src/llm/home-reply';
import { createOpenAiClient, type OpenAiClient, type StructuredRequest } from '../src/llm/openai-client';
import { OpenAiError, type OpenAiFailure } from '../src/llm/openai-errors';
import { runHomeSynthesis, type SynthesisRunInput } from '../src/llm/synthesis-run';

let mock: MockOpenAi;

beforeAll(async () => {
  mock = await startMockOpenAi({ chunkDelayMs: 1, slowDelayMs: 400 });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  await fetch(`http://127.0.0.1:${mock.port}/__control/reset`, { method: 'POST' });
});

const client = (apiKey: string): OpenAiClient =>
  createOpenAiClient({ apiKey, baseUrl: mock.url, fetch: (url, init) => fetch(url, init) });

const homeRequest = (overrides: Partial<StructuredRequest> = {}): StructuredRequest => ({
  model: 'gpt-6-luna',
  messages: buildHomeMessages({ index: 0, homeType: 'cottage', sizeCategory: 'medium' }),
  schemaName: HOME_SCHEMA_NAME,
  jsonSchema: HOME_JSON_SCHEMA,
  maxTokens: 6000,
  ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<OpenAiFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAiError) return error.failure;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('mock OpenAI server: HTTP and CORS', () => {
  it('answers preflights like the real API and exposes only X-Request-ID', async () => {
    const pre = await fetch(`${mock.url}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:4173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-stainless-os',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-stainless-os');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);

    const res = await fetch(`${mock.url}/models`, { headers: { Authorization: 'Bearer sk-test-ok' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('X-Request-ID');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(mock.counts()).toEqual({ 'sk-test-ok': 1 });
  });

  it('sends rate-limit headers a page cannot read, and the wait in the message', async () => {
    const res = await fetch(`${mock.url}/chat/completions`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk-test-ratelimit-2', 'Content-Type': 'application/json' },
      body: JSON.stringify(homeRequestBody()),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after-ms')).toBe('20');
    expect(res.headers.get('access-control-expose-headers')).toBe('X-Request-ID');
    expect(await res.text()).toContain('Please try again in 20ms');
  });

  it('rejects a missing key, unknown keys (masked) and sk-test-401', async () => {
    const none = await fetch(`${mock.url}/models`);
    expect(none.status).toBe(401);
    const unknown = await failureOf(client('sk-live-abcdefghijklmnopqrstuvwxyz').listModels());
    expect(unknown).toMatchObject({ kind: 'invalid_key', status: 401 });
    const bad = await fetch(`${mock.url}/models`, { headers: { Authorization: 'Bearer sk-test-401' } });
    expect(JSON.parse(await bad.text())).toEqual({
      error: {
        message:
          'Incorrect API key provided: sk-test…t401. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    expect(await failureOf(client('sk-test-401').listModels())).toMatchObject({ kind: 'invalid_key' });
    // A non-test key is recorded masked, never whole.
    expect(Object.keys(mock.counts())).toEqual(['(no key)', 'sk-live…wxyz', 'sk-test-401']);
  });

  it('lists models, and sk-test-model404 gets only one', async () => {
    expect((await client('sk-test-ok').listModels()).map((m) => m.id)).toEqual([
      'gpt-4o-mini',
      'gpt-5.4-nano',
      'gpt-6-luna',
    ]);
    expect((await client('sk-test-model404').listModels()).map((m) => m.id)).toEqual(['gpt-5.4-nano']);
    expect(await failureOf(client('sk-test-model404').createStructured(homeRequest()))).toMatchObject({
      kind: 'model_not_found',
    });
    expect(
      (await client('sk-test-model404').createStructured(homeRequest({ model: 'gpt-5.4-nano' }))).finishReason,
    ).toBe('stop');
  });

  it('rejects a schema that breaks the strict rules, like the real API', async () => {
    const failure = await failureOf(
      client('sk-test-ok').createStructured(
        homeRequest({ jsonSchema: { type: 'object', properties: { a: { type: 'string' } }, required: [] } }),
      ),
    );
    expect(failure.kind).toBe('bad_request');
    expect(failure.detail).toContain("Invalid schema for response_format 'smart_home'");
  });

  it('bounds the number of requests and then closes', async () => {
    const small = await startMockOpenAi({ maxRequests: 2 });
    const get = () => fetch(`${small.url}/models`, { headers: { Authorization: 'Bearer sk-test-ok' } });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(503);
    await expect(get()).rejects.toThrow();
    await small.close();
  });
});

function homeRequestBody(): Record<string, unknown> {
  return {
    model: 'gpt-6-luna',
    messages: buildHomeMessages({ index: 0, homeType: 'condo', sizeCategory: 'small' }),
    response_format: {
      type: 'json_schema',
      json_schema: { name: HOME_SCHEMA_NAME, schema: HOME_JSON_SCHEMA, strict: true },
    },
  };
}

describe('mock OpenAI server: homes and scenarios', () => {
  it('generates valid homes of every type and size, deterministically', () => {
    for (const type of HOME_TYPES) {
      for (const size of SIZE_CATEGORIES) {
        for (const seed of [1, 2, 3]) {
          const home = mockHomeContent(type, size, seed);
          expect(homeContentSchema.safeParse(home).success).toBe(true);
          expect(homeContentProblems(home)).toEqual([]);
          expect(checkHomeReply(JSON.stringify(home), { sizeCategory: size }).ok).toBe(true);
          const [min, max] = SIZE_DEVICE_RANGES[size];
          expect(home.devices.length).toBeGreaterThanOrEqual(min);
          expect(home.devices.length).toBeLessThanOrEqual(max);
        }
      }
    }
    expect(mockHomeContent('condo', 'large', 7)).toEqual(mockHomeContent('condo', 'large', 7));
  });

  it('answers with the requested home, streamed and not, with usage', async () => {
    const plain = await client('sk-test-ok').createStructured(homeRequest());
    const check = checkHomeReply(plain.content, { sizeCategory: 'medium' });
    expect(check.ok).toBe(true);
    expect(JSON.parse(plain.content ?? '{}')).toMatchObject({ home_type: 'cottage', size_category: 'medium' });
    expect(plain.requestId).toMatch(/^req_/);
    expect(plain.usage?.output_tokens).toBeGreaterThan(100);

    let deltas = 0;
    const streamed = await client('sk-test-ok').createStructured(
      homeRequest({ stream: true, onDelta: () => (deltas += 1) }),
    );
    expect(streamed.content).toBe(plain.content);
    expect(streamed.usage).toEqual(plain.usage);
    expect(deltas).toBeGreaterThan(5);
  });

  it.each([
    ['sk-test-quota', 'insufficient_quota'],
    ['sk-test-credit', 'credit_balance_exhausted'],
    ['sk-test-spend', 'project_spend_limit_exceeded'],
  ])('%s → quota (%s)', async (key, code) => {
    expect(await failureOf(client(key).createStructured(homeRequest()))).toMatchObject({
      kind: 'quota',
      code,
      retryable: false,
    });
    // Listing models needs no quota, as with the real API.
    expect((await client(key).listModels()).length).toBe(3);
  });

  it('rate-limits sk-test-ratelimit-2 twice, then succeeds', async () => {
    const c = client('sk-test-ratelimit-2');
    expect(await failureOf(c.createStructured(homeRequest()))).toMatchObject({ kind: 'rate_limit', retryAfterMs: 20 });
    expect(await failureOf(c.createStructured(homeRequest()))).toMatchObject({ kind: 'rate_limit', retryAfterMs: 20 });
    expect((await c.createStructured(homeRequest())).finishReason).toBe('stop');
  });

  it('fails with 500 always, 500 once, or 503 overloaded', async () => {
    expect(await failureOf(client('sk-test-5xx').createStructured(homeRequest()))).toMatchObject({
      kind: 'server',
      status: 500,
    });
    expect(await failureOf(client('sk-test-5xx').createStructured(homeRequest()))).toMatchObject({ kind: 'server' });
    expect(await failureOf(client('sk-test-5xx-once').createStructured(homeRequest()))).toMatchObject({
      kind: 'server',
    });
    expect((await client('sk-test-5xx-once').createStructured(homeRequest())).finishReason).toBe('stop');
    expect(await failureOf(client('sk-test-overloaded').createStructured(homeRequest()))).toMatchObject({
      kind: 'overloaded',
      code: 'server_is_overloaded',
    });
  });

  it('sends malformed content on the first attempt only', async () => {
    const c = client('sk-test-malformed');
    const request = homeRequest();
    const first = await c.createStructured(request);
    const check = checkHomeReply(first.content, { sizeCategory: 'medium' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const repaired = await c.createStructured({
      ...request,
      messages: buildRepairMessages(request.messages, first.content ?? '', check.problems),
    });
    expect(checkHomeReply(repaired.content, { sizeCategory: 'medium' }).ok).toBe(true);
  });

  it('refuses, truncates, breaks mid-stream and answers slowly on request', async () => {
    expect(await client('sk-test-refusal').createStructured(homeRequest())).toMatchObject({
      content: null,
      refusal: "I'm sorry, but I can't help with that request.",
    });
    expect(await client('sk-test-refusal').createStructured(homeRequest({ stream: true }))).toMatchObject({
      content: null,
      refusal: "I'm sorry, but I can't help with that request.",
    });
    const cut = await client('sk-test-truncated').createStructured(homeRequest({ stream: true }));
    expect(cut.finishReason).toBe('length');
    expect(cut.usage?.output_tokens).toBe(6000);
    expect(
      await failureOf(client('sk-test-midstream-error').createStructured(homeRequest({ stream: true }))),
    ).toMatchObject({ kind: 'stream_error' });
    const controller = new AbortController();
    const slow = client('sk-test-slow').createStructured(homeRequest({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(await failureOf(slow)).toMatchObject({ kind: 'aborted' });
    expect((await client('sk-test-slow').createStructured(homeRequest())).finishReason).toBe('stop');
  });
});

describe('runHomeSynthesis against the live mock', () => {
  const run = (apiKey: string, input: Partial<SynthesisRunInput> = {}) => {
    const saved: number[] = [];
    const promise = runHomeSynthesis(
      { plan: planHomes(4, undefined, 7), model: 'gpt-6-luna', rpm: 600, ...input },
      {
        client: client(apiKey),
        saveHome: async (index) => {
          saved.push(index);
        },
        sleep: abortableSleep,
        now: () => Date.now(),
        random: () => Math.random(),
      },
    );
    return { promise, saved };
  };

  it('a quota key stops the run after exactly one request', async () => {
    const { promise, saved } = run('sk-test-quota', { rpm: 60 });
    const result = await promise;
    expect(result.status).toBe('quota');
    expect(saved).toEqual([]);
    expect(mock.counts()).toEqual({ 'sk-test-quota': 1 });
  });

  it('completes a streamed run, waits out rate limits and repairs malformed homes', async () => {
    const ok = await run('sk-test-ok').promise;
    expect(ok).toMatchObject({ status: 'completed', saved: [0, 1, 2, 3], resumeAt: null });
    expect(ok.totals.usage.output_tokens).toBeGreaterThan(0);

    const limited = await run('sk-test-ratelimit-2', { plan: planHomes(2, undefined, 7) }).promise;
    expect(limited).toMatchObject({ status: 'completed', totals: { rateLimitWaits: 2, requests: 4 } });

    const malformed = await run('sk-test-malformed', { plan: planHomes(2, undefined, 7) }).promise;
    expect(malformed).toMatchObject({ status: 'completed', saved: [0, 1], totals: { requests: 4 } });
    expect(mock.counts()).toEqual({ 'sk-test-ok': 4, 'sk-test-ratelimit-2': 4, 'sk-test-malformed': 4 });
  });

  it('stops on an invalid key or unknown model without retrying', async () => {
    expect((await run('sk-test-401').promise).status).toBe('auth');
    expect((await run('sk-test-model404').promise).status).toBe('model');
    expect(mock.counts()).toEqual({ 'sk-test-401': 1, 'sk-test-model404': 1 });
  });
});
