import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { homeContentProblems, homeContentSchema } from '../../src/domain/homes/home-schema';
import { deriveSeed } from '../../src/domain/random';
import { OPENAI_ERROR_BODIES as BODIES } from '../../src/llm/openai-test-kit';
import { strictSchemaProblems } from '../../src/llm/strict-schema';
import { mockHomeContent, requestedHome } from './mock-home';

/**
 * A small mock of the OpenAI API for e2e tests and manual runs (node:http only, loopback only). It is
 * faithful where the app's behaviour depends on it: CORS exactly like api.openai.com (preflights
 * answered, only X-Request-ID exposed, so rate-limit headers are sent but unreadable from a page), real
 * error envelopes, strict-schema checks, SSE streaming with small delays and a usage chunk. The API key
 * picks the scenario (see SCENARIO_KEYS); per-key request counts are readable at GET /__control/counts.
 */

export interface MockOpenAiOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** After this many requests the server answers 503 and closes. Default 10,000. */
  maxRequests?: number;
  /** The server closes itself after this long. Default 30 min. */
  maxLifetimeMs?: number;
  /** Delay between SSE chunks. Default 5 ms. */
  chunkDelayMs?: number;
  /** Delay of the sk-test-slow scenario. Default 2 s. */
  slowDelayMs?: number;
}

export interface MockOpenAi {
  /** Base URL to configure in the app, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Requests per API key (authenticated /v1 calls; unknown keys are recorded masked). */
  counts(): Record<string, number>;
}

/** The scenario keys (any other key gets a 401 like an unknown real key). */
export const SCENARIO_KEYS = [
  'sk-test-ok',
  'sk-test-401',
  'sk-test-quota',
  'sk-test-credit',
  'sk-test-spend',
  'sk-test-ratelimit-2',
  'sk-test-5xx',
  'sk-test-5xx-once',
  'sk-test-overloaded',
  'sk-test-model404',
  'sk-test-malformed',
  'sk-test-refusal',
  'sk-test-slow',
  'sk-test-truncated',
  'sk-test-midstream-error',
  // Faults of issue 13: billing 429s, broken 200 bodies, a hung or stalled server, a runaway reply, another home type.
  'sk-test-billing',
  'sk-test-hardlimit',
  'sk-test-hang-once',
  'sk-test-stall-once',
  'sk-test-cut-stream-once',
  'sk-test-cut-json-once',
  'sk-test-huge',
  'sk-test-other-type',
] as const;

/** Size of the sk-test-huge reply: far beyond any home, so the client must cut it off. */
export const HUGE_REPLY_BYTES = 50 * 1024 * 1024;

const MODELS = [
  { id: 'gpt-6-luna', object: 'model', created: 1_790_035_200, owned_by: 'system' },
  { id: 'gpt-5.4-nano', object: 'model', created: 1_773_705_600, owned_by: 'system' },
  { id: 'gpt-4o-mini', object: 'model', created: 1_721_172_741, owned_by: 'system', shutdown_date: '2027-01-14' },
];
/** The one model sk-test-model404 may use. */
const MODEL404_ALLOWED = 'gpt-5.4-nano';
const MAX_BODY_BYTES = 2_000_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Keys are recorded as-is only when they are test keys; anything else might be a real key. */
function keyLabel(key: string | null): string {
  if (key === null) return '(no key)';
  if (key.startsWith('sk-test-')) return key;
  return key.length > 11 ? `${key.slice(0, 7)}…${key.slice(-4)}` : '(other key)';
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream: boolean;
  includeUsage: boolean;
  maxTokens: number | null;
  schemaProblems: string[];
  schemaName: string;
}

const chatBodySchema = z.object({
  model: z.string().min(1),
  messages: z.array(z.object({ role: z.string(), content: z.string().nullish() })).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  max_tokens: z.number().int().positive().nullish(),
  response_format: z
    .object({
      type: z.string(),
      json_schema: z.object({ name: z.string(), schema: z.unknown(), strict: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
});

/** Validates a chat request like the real API does (in spirit: its wording differs per field). */
function parseChatRequest(body: unknown): ChatRequest | string {
  if (typeof body !== 'object' || body === null) return 'We could not parse the JSON body of your request.';
  const parsed = chatBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.map(String).join('.') ?? '';
    return param === 'model'
      ? 'you must provide a model parameter'
      : `Invalid value for '${param}': ${issue?.message ?? 'invalid'}`;
  }
  const b = parsed.data;
  const schemaProblems: string[] = [];
  let schemaName = '';
  const spec = b.response_format?.type === 'json_schema' ? b.response_format.json_schema : null;
  if (b.response_format?.type === 'json_schema' && (spec === null || spec === undefined))
    schemaProblems.push("Missing required parameter: 'response_format.json_schema'.");
  if (spec !== null && spec !== undefined) {
    schemaName = spec.name;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(schemaName)) schemaProblems.push("'name' must match ^[a-zA-Z0-9_-]{1,64}$");
    if (spec.strict === true) schemaProblems.push(...strictSchemaProblems(spec.schema));
  }
  return {
    model: b.model,
    messages: b.messages.map((m) => ({ role: m.role, content: m.content ?? '' })),
    stream: b.stream === true,
    includeUsage: b.stream_options?.include_usage === true,
    maxTokens: b.max_completion_tokens ?? b.max_tokens ?? null,
    schemaProblems,
    schemaName,
  };
}

/** Starts the mock on 127.0.0.1. */
export async function startMockOpenAi(options: MockOpenAiOptions = {}): Promise<MockOpenAi> {
  const maxRequests = options.maxRequests ?? 10_000;
  const chunkDelayMs = options.chunkDelayMs ?? 5;
  const slowDelayMs = options.slowDelayMs ?? 2000;
  const counts = new Map<string, number>();
  const chatCounts = new Map<string, number>();
  let requestSeq = 0;
  let closed = false;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, BODIES.serverError);
      else res.destroy(error instanceof Error ? error : undefined);
    });
  });

  function baseHeaders(res: ServerResponse): void {
    requestSeq += 1;
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'X-Request-ID');
    res.setHeader('x-request-id', `req_${requestSeq.toString(16).padStart(24, '0')}`);
  }

  function send(res: ServerResponse, status: number, body: string | object, extra: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'openai-version': '2020-10-01', ...extra });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res);
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;

    if (method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        req.headers['access-control-request-headers'] ?? 'authorization, content-type',
      );
      res.setHeader('Access-Control-Max-Age', '600');
      if (req.headers['access-control-request-private-network'] === 'true')
        res.setHeader('Access-Control-Allow-Private-Network', 'true');
      res.writeHead(204);
      res.end();
      return;
    }
    if (path === '/__control/counts' && method === 'GET') {
      send(res, 200, Object.fromEntries(counts));
      return;
    }
    if (path === '/__control/reset' && method === 'POST') {
      counts.clear();
      chatCounts.clear();
      send(res, 200, { ok: true });
      return;
    }

    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    if (total >= maxRequests) {
      send(res, 503, BODIES.overloaded);
      void close();
      return;
    }

    const auth = req.headers['authorization'];
    const key = typeof auth === 'string' && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : null;
    const label = keyLabel(key);
    const isChat = path === '/v1/chat/completions' && method === 'POST';
    const isModels = path === '/v1/models' && method === 'GET';
    if (!isChat && !isModels) {
      send(res, 404, {
        error: { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null },
      });
      return;
    }
    counts.set(label, (counts.get(label) ?? 0) + 1);

    if (key === null) {
      send(res, 401, BODIES.noKey);
      return;
    }
    if (key === 'sk-test-401' || !(SCENARIO_KEYS as readonly string[]).includes(key)) {
      const masked = key === 'sk-test-401' ? 'sk-test…t401' : label;
      send(res, 401, {
        error: {
          message: `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
      return;
    }

    if (isModels) {
      const data = key === 'sk-test-model404' ? MODELS.filter((m) => m.id === MODEL404_ALLOWED) : MODELS;
      send(res, 200, { object: 'list', data });
      return;
    }

    const raw = await readBody(req);
    if (raw === null) {
      send(res, 413, {
        error: { message: 'Request body too large.', type: 'invalid_request_error', param: null, code: null },
      });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = null;
    }
    const chat = parseChatRequest(json);
    if (typeof chat === 'string') {
      send(res, 400, { error: { message: chat, type: 'invalid_request_error', param: null, code: null } });
      return;
    }
    if (chat.schemaProblems.length > 0) {
      send(res, 400, BODIES.invalidSchema(chat.schemaName, chat.schemaProblems.join('; ')));
      return;
    }
    const known =
      key === 'sk-test-model404' ? chat.model === MODEL404_ALLOWED : MODELS.some((m) => m.id === chat.model);
    if (!known) {
      send(res, 404, BODIES.modelNotFound(chat.model));
      return;
    }

    const n = (chatCounts.get(key) ?? 0) + 1;
    chatCounts.set(key, n);
    switch (key) {
      case 'sk-test-quota':
        send(res, 429, BODIES.quotaLegacy);
        return;
      case 'sk-test-credit':
        send(res, 429, BODIES.creditExhausted);
        return;
      case 'sk-test-spend':
        send(res, 429, BODIES.projectSpendLimit);
        return;
      case 'sk-test-ratelimit-2':
        if (n <= 2) {
          // Real 429s carry these headers; CORS hides them from pages, so the app must read the message.
          send(res, 429, BODIES.rateLimitRequests('20ms'), {
            'retry-after': '1',
            'retry-after-ms': '20',
            'x-ratelimit-limit-requests': '3',
            'x-ratelimit-remaining-requests': '0',
            'x-ratelimit-reset-requests': '20ms',
          });
          return;
        }
        break;
      case 'sk-test-5xx':
        send(res, 500, BODIES.serverError);
        return;
      case 'sk-test-5xx-once':
        if (n === 1) {
          send(res, 500, BODIES.serverError);
          return;
        }
        break;
      case 'sk-test-overloaded':
        send(res, 503, BODIES.overloaded);
        return;
      case 'sk-test-billing':
        send(res, 429, BODIES.billingNotActive);
        return;
      case 'sk-test-hardlimit':
        send(res, 429, BODIES.billingHardLimit);
        return;
      case 'sk-test-hang-once':
        if (n === 1) {
          // Never answers: no headers, no body, until the client gives up.
          await new Promise<void>((resolve) => res.on('close', () => resolve()));
          return;
        }
        break;
      case 'sk-test-huge':
        await hugeReply(res);
        return;
      case 'sk-test-slow': {
        const gone = new Promise<void>((resolve) => res.on('close', () => resolve()));
        await Promise.race([sleep(slowDelayMs), gone]);
        if (res.destroyed || res.writableEnded) return;
        break;
      }
      default:
        break;
    }
    await answer(res, key, chat);
  }

  /** A 200 event stream of endless content chunks, up to HUGE_REPLY_BYTES or until the client hangs up. */
  async function hugeReply(res: ServerResponse): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    const event = `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'x'.repeat(60_000) }, finish_reason: null }] })}\n\n`;
    for (let sent = 0; sent < HUGE_REPLY_BYTES && !res.destroyed; sent += event.length) {
      if (!res.write(event)) await new Promise<void>((resolve) => res.once('drain', () => resolve()));
    }
    res.end();
  }

  async function answer(res: ServerResponse, key: string, chat: ChatRequest): Promise<void> {
    const prompt = chat.messages.filter((m) => m.role === 'user').map((m) => m.content)[0] ?? '';
    const requested = requestedHome(prompt);
    // sk-test-other-type describes another home type than the one asked for, every time.
    const homeType =
      key === 'sk-test-other-type' ? (requested.homeType === 'condo' ? 'townhouse' : 'condo') : requested.homeType;
    const { sizeCategory } = requested;
    const n = chatCounts.get(key) ?? 0;
    const seed = deriveSeed(0x0a1, prompt, chat.model);
    const home = mockHomeContent(homeType, sizeCategory, seed);
    const check = homeContentSchema.safeParse(home);
    if (!check.success || homeContentProblems(check.data).length > 0) {
      send(res, 500, {
        error: { message: 'mock server bug: generated an invalid home', type: 'server_error', param: null, code: null },
      });
      return;
    }
    let content: string | null = JSON.stringify(home);
    let refusal: string | null = null;
    let finishReason = 'stop';
    const firstAttempt = !chat.messages.some((m) => m.role === 'assistant');
    if (key === 'sk-test-malformed' && firstAttempt) {
      // Alternate between broken JSON and JSON that breaks the Home rules, by home.
      content =
        seed % 2 === 0
          ? content.slice(0, Math.floor(content.length / 2))
          : JSON.stringify({
              ...home,
              devices: home.devices.map((d, i) => (i === 0 ? { ...d, area: 'Nowhere Room' } : d)),
            });
    } else if (key === 'sk-test-refusal') {
      content = null;
      refusal = "I'm sorry, but I can't help with that request.";
    } else if (key === 'sk-test-truncated') {
      content = content.slice(0, Math.floor(content.length / 2));
      finishReason = 'length';
    }
    const promptTokens = Math.ceil(JSON.stringify(chat.messages).length / 4);
    const completionTokens =
      finishReason === 'length' && chat.maxTokens !== null
        ? chat.maxTokens
        : Math.ceil((content ?? refusal ?? '').length / 4);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    const id = `chatcmpl-mock${requestSeq}`;
    const created = Math.floor(Date.now() / 1000);

    if (!chat.stream) {
      if (key === 'sk-test-cut-json-once' && n === 1) {
        // A 200 whose JSON body stops half way.
        const whole = JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: chat.model,
          choices: [{ index: 0, message: { role: 'assistant', content, refusal }, finish_reason: finishReason }],
          usage,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(whole.slice(0, Math.floor(whole.length / 2)));
        return;
      }
      send(
        res,
        200,
        {
          id,
          object: 'chat.completion',
          created,
          model: chat.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content, refusal, annotations: [] },
              logprobs: null,
              finish_reason: finishReason,
            },
          ],
          usage,
          service_tier: 'default',
          system_fingerprint: null,
        },
        { 'openai-processing-ms': '42' },
      );
      return;
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const base = {
      id,
      object: 'chat.completion.chunk',
      created,
      model: chat.model,
      service_tier: 'default',
      system_fingerprint: null,
    };
    const write = async (payload: object | string): Promise<boolean> => {
      if (res.destroyed) return false;
      res.write(`data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
      await sleep(chunkDelayMs);
      return !res.destroyed;
    };
    const pad = (i: number): string => 'abcdefgh'.slice(0, (i % 7) + 1);
    if (
      !(await write({
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, finish_reason: null }],
        obfuscation: pad(0),
      }))
    )
      return;
    const text = content ?? refusal ?? '';
    const field = content === null ? 'refusal' : 'content';
    const pieces = 24;
    const size = Math.max(1, Math.ceil(text.length / pieces));
    for (let i = 0, k = 1; i < text.length; i += size, k++) {
      if (key === 'sk-test-stall-once' && n === 1 && k === 3) {
        // The stream stalls: the connection stays open and nothing more comes.
        await new Promise<void>((resolve) => res.on('close', () => resolve()));
        return;
      }
      if (key === 'sk-test-cut-stream-once' && n === 1 && k === 3) {
        // The stream ends cleanly in the middle of an event.
        res.end(
          `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { [field]: text.slice(i, i + size) }, finish_reason: null }] }).slice(0, 40)}`,
        );
        return;
      }
      if (key === 'sk-test-midstream-error' && k === 3) {
        await write({
          error: {
            message: 'The server had an error while processing your request. Sorry about that!',
            type: 'server_error',
            param: null,
            code: null,
          },
        });
        res.end();
        return;
      }
      if (
        !(await write({
          ...base,
          choices: [{ index: 0, delta: { [field]: text.slice(i, i + size) }, finish_reason: null }],
          obfuscation: pad(k),
        }))
      )
        return;
    }
    if (
      !(await write({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }], obfuscation: pad(3) }))
    )
      return;
    if (chat.includeUsage && !(await write({ ...base, choices: [], usage, obfuscation: pad(5) }))) return;
    if (!(await write('[DONE]'))) return;
    res.end();
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    clearTimeout(lifetime);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  const lifetime = setTimeout(() => void close(), options.maxLifetimeMs ?? 30 * 60_000);
  lifetime.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('mock OpenAI server: no TCP address');
  const port = address.port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    close,
    counts: () => Object.fromEntries(counts),
  };
}
