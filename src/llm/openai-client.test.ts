import { describe, expect, it } from 'vitest';
import { createOpenAiClient, type StreamDelta, type StructuredRequest } from './openai-client';
import { OpenAiError, type OpenAiFailure } from './openai-errors';
import {
  OPENAI_ERROR_BODIES as BODIES,
  completionBody,
  completionChunks,
  jsonResponse,
  scriptedFetch,
  sseResponse,
} from './openai-test-kit';

const KEY = 'sk-proj-unitTestKey_0123456789abcdef';

const request = (overrides: Partial<StructuredRequest> = {}): StructuredRequest => ({
  model: 'gpt-6-luna',
  messages: [{ role: 'user', content: 'hi' }],
  schemaName: 'smart_home',
  jsonSchema: { type: 'object', properties: {}, required: [], additionalProperties: false },
  maxTokens: 500,
  ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<OpenAiFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenAiError);
    if (error instanceof OpenAiError) {
      expect(error.message).not.toContain(KEY);
      expect(JSON.stringify(error.failure)).not.toContain(KEY);
      return error.failure;
    }
  }
  throw new Error('expected the call to fail');
}

describe('listModels', () => {
  it('GETs /models with only the Authorization header and returns the models sorted', async () => {
    const { fetch, calls } = scriptedFetch([
      jsonResponse(200, {
        object: 'list',
        data: [
          { id: 'gpt-6-luna', object: 'model', created: 1_790_000_000, owned_by: 'system' },
          {
            id: 'gpt-4o-mini',
            object: 'model',
            created: 1_721_172_741,
            owned_by: 'system',
            shutdown_date: '2027-01-14',
          },
        ],
      }),
    ]);
    const client = createOpenAiClient({ apiKey: KEY, fetch, baseUrl: 'http://127.0.0.1:1/v1/' });
    const models = await client.listModels();
    expect(models).toEqual([
      { id: 'gpt-4o-mini', created: 1_721_172_741, ownedBy: 'system', shutdownDate: '2027-01-14' },
      { id: 'gpt-6-luna', created: 1_790_000_000, ownedBy: 'system', shutdownDate: null },
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      url: 'http://127.0.0.1:1/v1/models',
      method: 'GET',
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(Object.keys(calls[0]?.headers ?? {})).toEqual(['authorization']);
  });

  it('reports a 401 as invalid_key without the key, and an HTML page as a bad response', async () => {
    const { fetch } = scriptedFetch([jsonResponse(401, BODIES.invalidKey, 'req_401')]);
    const failure = await failureOf(createOpenAiClient({ apiKey: KEY, fetch }).listModels());
    expect(failure).toMatchObject({ kind: 'invalid_key', requestId: 'req_401', status: 401 });
    const html = scriptedFetch([new Response('<!doctype html><html></html>', { status: 200 })]);
    expect(await failureOf(createOpenAiClient({ apiKey: KEY, fetch: html.fetch }).listModels())).toMatchObject({
      kind: 'bad_response',
    });
  });
});

describe('createStructured (non-streaming)', () => {
  it('sends a strict json_schema request with max_completion_tokens and only two headers', async () => {
    const { fetch, calls } = scriptedFetch([jsonResponse(200, completionBody({ content: '{"a":1}' }), 'req_abc')]);
    const client = createOpenAiClient({ apiKey: KEY, fetch });
    const result = await client.createStructured(request());
    expect(result).toEqual({
      content: '{"a":1}',
      refusal: null,
      finishReason: 'stop',
      usage: { input_tokens: 900, output_tokens: 1500 },
      requestId: 'req_abc',
    });
    const call = calls[0];
    expect(call?.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(call?.method).toBe('POST');
    expect(Object.keys(call?.headers ?? {}).sort()).toEqual(['authorization', 'content-type']);
    expect(call?.body).toEqual({
      model: 'gpt-6-luna',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'smart_home',
          schema: { type: 'object', properties: {}, required: [], additionalProperties: false },
          strict: true,
        },
      },
      max_completion_tokens: 500,
    });
  });

  it('adds temperature and reasoning effort only when given', async () => {
    const { fetch, calls } = scriptedFetch([jsonResponse(200, completionBody({ content: '{}' }))]);
    await createOpenAiClient({ apiKey: KEY, fetch }).createStructured(
      request({ temperature: 0.8, reasoningEffort: 'none' }),
    );
    expect(calls[0]?.body).toMatchObject({ temperature: 0.8, reasoning_effort: 'none' });
  });

  it('returns refusals, truncation and missing usage as they are', async () => {
    const { fetch } = scriptedFetch([
      jsonResponse(200, completionBody({ content: null, refusal: "I can't help with that." })),
      jsonResponse(200, completionBody({ content: '{"a":', finishReason: 'length', usage: null })),
    ]);
    const client = createOpenAiClient({ apiKey: KEY, fetch });
    expect(await client.createStructured(request())).toMatchObject({
      content: null,
      refusal: "I can't help with that.",
      finishReason: 'stop',
    });
    expect(await client.createStructured(request())).toMatchObject({
      content: '{"a":',
      finishReason: 'length',
      usage: null,
    });
  });

  it('throws a classified error for quota, naming the model for a 404', async () => {
    const { fetch } = scriptedFetch([
      jsonResponse(429, BODIES.creditExhausted),
      jsonResponse(404, BODIES.modelNotFound('gpt-x')),
    ]);
    const client = createOpenAiClient({ apiKey: KEY, fetch });
    expect(await failureOf(client.createStructured(request()))).toMatchObject({
      kind: 'quota',
      code: 'credit_balance_exhausted',
      retryable: false,
    });
    const model = await failureOf(client.createStructured(request({ model: 'gpt-x' })));
    expect(model.kind).toBe('model_not_found');
    expect(model.message).toContain('"gpt-x"');
  });

  it('maps a rejected fetch to network, an abort to aborted and a stall to timeout', async () => {
    const network = scriptedFetch([new TypeError('Failed to fetch')]);
    expect(
      await failureOf(
        createOpenAiClient({ apiKey: KEY, fetch: network.fetch, baseUrl: 'http://localhost:1234/v1' }).createStructured(
          request(),
        ),
      ),
    ).toMatchObject({
      kind: 'network',
      retryable: true,
    });

    const hang = scriptedFetch([
      (_call, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
        }),
    ]);
    const controller = new AbortController();
    const pending = createOpenAiClient({ apiKey: KEY, fetch: hang.fetch }).createStructured(
      request({ signal: controller.signal }),
    );
    controller.abort();
    expect(await failureOf(pending)).toMatchObject({ kind: 'aborted', retryable: false });

    const timed = createOpenAiClient({ apiKey: KEY, fetch: hang.fetch, timeoutMs: 5 }).createStructured(request());
    expect(await failureOf(timed)).toMatchObject({ kind: 'timeout', retryable: true });
  });
});

describe('redaction of short keys', () => {
  it('scrubs the exact key from error details and refusals even when it is too short for the patterns', async () => {
    const short = 'sk-test-ok';
    const echo = JSON.stringify({
      error: { message: `Key ${short} is not allowed`, type: 'invalid_request_error', code: null },
    });
    const { fetch } = scriptedFetch([
      jsonResponse(403, echo),
      jsonResponse(200, completionBody({ content: null, refusal: `Not with ${short}.` })),
      sseResponse(completionChunks({ content: null, refusal: `Not with ${short}.` })),
    ]);
    const client = createOpenAiClient({ apiKey: short, fetch });
    const failure = await failureOf(client.createStructured(request()));
    expect(failure.detail).toBe('Key [redacted] is not allowed');
    expect((await client.createStructured(request())).refusal).toBe('Not with [redacted].');
    expect((await client.createStructured(request({ stream: true }))).refusal).toBe('Not with [redacted].');
  });
});

describe('createStructured (streaming)', () => {
  it('requests usage, reassembles events split anywhere (also inside UTF-8 characters) and reports progress', async () => {
    const content = JSON.stringify({ name: 'Zoë’s flat — 🏠', n: [1, 2, 3] });
    const { fetch, calls } = scriptedFetch([
      sseResponse(completionChunks({ content, pieces: 5 }), { chunkBytes: 7, requestId: 'req_s' }),
    ]);
    const deltas: StreamDelta[] = [];
    const result = await createOpenAiClient({ apiKey: KEY, fetch }).createStructured(
      request({ stream: true, onDelta: (d) => deltas.push(d) }),
    );
    expect(calls[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(result).toEqual({
      content,
      refusal: null,
      finishReason: 'stop',
      usage: { input_tokens: 900, output_tokens: 1500 },
      requestId: 'req_s',
    });
    expect(deltas.length).toBeGreaterThan(5);
    const last = deltas[deltas.length - 1];
    expect(last?.contentChars).toBe(content.length);
    const bytes = deltas.map((d) => d.receivedBytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
  });

  it('collects a streamed refusal', async () => {
    const { fetch } = scriptedFetch([sseResponse(completionChunks({ content: null, refusal: 'I cannot do that.' }))]);
    const result = await createOpenAiClient({ apiKey: KEY, fetch }).createStructured(request({ stream: true }));
    expect(result).toMatchObject({ content: null, refusal: 'I cannot do that.', finishReason: 'stop' });
  });

  it('accepts a stream that ends without [DONE] once a finish reason arrived, but not one cut short', async () => {
    const events = completionChunks({ content: '{"a":1}', usage: null });
    const noDone = scriptedFetch([sseResponse(events.slice(0, -1))]);
    expect(
      await createOpenAiClient({ apiKey: KEY, fetch: noDone.fetch }).createStructured(request({ stream: true })),
    ).toMatchObject({ content: '{"a":1}', usage: null });

    const cut = scriptedFetch([sseResponse(events.slice(0, 2))]);
    expect(
      await failureOf(
        createOpenAiClient({ apiKey: KEY, fetch: cut.fetch }).createStructured(request({ stream: true })),
      ),
    ).toMatchObject({ kind: 'stream_error' });

    const broken = scriptedFetch([sseResponse(events, { breakAfter: 2 })]);
    expect(
      await failureOf(
        createOpenAiClient({ apiKey: KEY, fetch: broken.fetch }).createStructured(request({ stream: true })),
      ),
    ).toMatchObject({
      kind: 'stream_error',
      retryable: true,
    });
  });

  it('classifies an error event inside a 200 stream', async () => {
    const events = [
      ...completionChunks({ content: '{"a":' }).slice(0, 2),
      JSON.stringify({ error: { message: 'The server had an error', type: 'server_error', code: null } }),
    ];
    const { fetch } = scriptedFetch([sseResponse(events, { requestId: 'req_mid' })]);
    expect(
      await failureOf(createOpenAiClient({ apiKey: KEY, fetch }).createStructured(request({ stream: true }))),
    ).toMatchObject({
      kind: 'stream_error',
      requestId: 'req_mid',
      detail: 'The server had an error',
    });
  });

  it('reads a plain JSON answer when a compatible server ignores stream: true', async () => {
    const { fetch } = scriptedFetch([jsonResponse(200, completionBody({ content: '{"b":2}' }))]);
    expect(await createOpenAiClient({ apiKey: KEY, fetch }).createStructured(request({ stream: true }))).toMatchObject({
      content: '{"b":2}',
    });
  });
});
