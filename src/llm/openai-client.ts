import { z } from 'zod';
import {
  OpenAiError,
  badResponseFailure,
  brokenBodyFailure,
  classifyHttpFailure,
  classifyStreamError,
  classifyThrownFailure,
  retryAfterFromHeaders,
  singleAttemptFailure,
  type OpenAiFailure,
} from './openai-errors';
import { redactSecrets } from './redact-secrets';

/**
 * The only module that talks HTTP to OpenAI (or an OpenAI-compatible server). A hand-written `fetch`
 * client for two endpoints instead of the SDK: a few kB instead of ~86 kB gzip, no `x-stainless-*`
 * headers (which widen the CORS preflight and break strict servers), and no hidden retry layer (the SDK
 * retries quota errors). Works in a Web Worker: it uses only fetch, TextDecoder, AbortController and
 * setTimeout.
 */

/** The subset of `fetch` the client uses, so tests can script responses. Pass the global `fetch` as is. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Per-request limit; a large home in one structured reply can take a few minutes on a slow model. */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** No response headers after this long: the server is hung (a live one answers within seconds, even when busy). */
export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 60_000;
/** Nothing for this long between chunks of a body: the stream stalled. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
/**
 * Most bytes read of a 2xx body. A home of the largest size is ~12,000 tokens, about 2.5 MB as an SSE
 * stream (each token wrapped in its own event); anything far beyond is a runaway server, cut off here.
 */
export const DEFAULT_MAX_REPLY_BYTES = 8 * 1024 * 1024;
/** Most bytes read of an error body: the message is in the first few hundred. */
const MAX_ERROR_BYTES = 64 * 1024;
/** `finishReason` of a reply cut off at `maxReplyBytes`. */
export const REPLY_TOO_LARGE = 'reply_too_large';

export interface OpenAiClientOptions {
  apiKey: string;
  /** Defaults to https://api.openai.com/v1. A trailing slash is ignored. */
  baseUrl?: string;
  fetch: FetchLike;
  /** Aborts a request (including a stream) that takes longer than this; default 300 s. */
  timeoutMs?: number;
  /** Aborts a request whose response headers have not arrived after this long; default 60 s. */
  firstByteTimeoutMs?: number;
  /** Aborts a body that sends nothing for this long; default 60 s. */
  idleTimeoutMs?: number;
  /** Most bytes read of a successful reply; default 8 MB. */
  maxReplyBytes?: number;
}

export interface ModelInfo {
  id: string;
  created: number | null;
  ownedBy: string | null;
  /** ISO date or epoch seconds as the API sends it; null when no shutdown is announced. */
  shutdownDate: string | null;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
}

/** Progress of a streamed answer. */
export interface StreamDelta {
  /** Bytes of SSE received so far. */
  receivedBytes: number;
  /** Characters of answer content (or refusal) received so far. */
  contentChars: number;
}

export interface StructuredRequest {
  model: string;
  messages: readonly ChatMessage[];
  /** a–z, A–Z, 0–9, `_`, `-`, at most 64 characters. */
  schemaName: string;
  /** A strict-mode JSON schema (root object, all properties required, no additional properties). */
  jsonSchema: Readonly<Record<string, unknown>>;
  /** Omitted from the request when undefined: reasoning models reject anything but their default. */
  temperature?: number;
  /** Sent as `max_completion_tokens`. */
  maxTokens: number;
  /** Sent as `reasoning_effort` when set (reasoning models only; others reject it). */
  reasoningEffort?: string;
  stream?: boolean;
  signal?: AbortSignal;
  onDelta?: (delta: StreamDelta) => void;
}

export interface StructuredResult {
  /** The JSON text of the answer, or null (refusal, or nothing produced). */
  content: string | null;
  refusal: string | null;
  /**
   * 'stop' | 'length' | 'content_filter' | …, `REPLY_TOO_LARGE` when the client cut the reply off at its
   * byte cap, or null when the server did not say.
   */
  finishReason: string | null;
  usage: TokenUsage | null;
  requestId: string | null;
}

export interface OpenAiClient {
  readonly baseUrl: string;
  /** GET /models: a cheap key check (no tokens) and the model picker's list, sorted by id. */
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** POST /chat/completions with a strict `json_schema` response format, streamed or not. */
  createStructured(request: StructuredRequest): Promise<StructuredResult>;
}

const usageSchema = z
  .object({ prompt_tokens: z.number(), completion_tokens: z.number() })
  .nullish()
  .transform((u): TokenUsage | null => (u ? { input_tokens: u.prompt_tokens, output_tokens: u.completion_tokens } : null));

const modelsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      created: z.number().nullish(),
      owned_by: z.string().nullish(),
      shutdown_date: z.union([z.string(), z.number()]).nullish(),
    }),
  ),
});

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema,
});

const chunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: usageSchema,
});

/** Creates a client bound to one key and base URL. The key is only ever placed in the Authorization header. */
export function createOpenAiClient(options: OpenAiClientOptions): OpenAiClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const firstByteTimeoutMs = Math.min(timeoutMs, options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS);
  const idleTimeoutMs = Math.min(timeoutMs, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  const maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
  const secrets = [options.apiKey];
  // Called unbound: a browser's fetch throws "Illegal invocation" when called as a method of another object.
  const doFetch = options.fetch;
  function fail(failure: OpenAiFailure): never {
    throw new OpenAiError(failure);
  }

  /**
   * Runs one request: links the caller's signal and the timeout to one controller, classifies thrown
   * failures, turns non-2xx responses into OpenAiError, and hands the 2xx response to `read` while the
   * timeout still applies (a stream can stall after its headers).
   */
  async function request<T>(
    path: string,
    init: { method: 'GET' | 'POST'; body?: string },
    signal: AbortSignal | undefined,
    model: string | null,
    read: (response: Response, requestId: string | null, alive: () => void) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    let timedOut: 'total' | 'first-byte' | 'idle' | null = null;
    const expire = (what: 'total' | 'first-byte' | 'idle'): void => {
      timedOut ??= what;
      controller.abort();
    };
    const total = setTimeout(() => expire('total'), timeoutMs);
    // First the wait for headers, then (re-armed by `alive` on every chunk) the wait between chunks.
    let idle = setTimeout(() => expire('first-byte'), firstByteTimeoutMs);
    const alive = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => expire('idle'), idleTimeoutMs);
    };
    const onAbort = (): void => controller.abort();
    if (signal?.aborted === true) controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const isAborted = (): boolean => signal?.aborted === true;
    let requestId: string | null = null;
    let afterResponse = false;
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${options.apiKey}` };
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const requestInit: RequestInit = { method: init.method, headers, signal: controller.signal };
      if (init.body !== undefined) requestInit.body = init.body;
      const response = await doFetch(`${baseUrl}${path}`, requestInit);
      afterResponse = true;
      alive();
      requestId = response.headers.get('x-request-id');
      if (!response.ok) {
        const { text: bodyText } = await readText(response, MAX_ERROR_BYTES, alive);
        const retryAfterHeaderMs = retryAfterFromHeaders(response.headers);
        fail(classifyHttpFailure({ status: response.status, bodyText, requestId, model, secrets, retryAfterHeaderMs }));
      }
      return await read(response, requestId, alive);
    } catch (error) {
      if (error instanceof OpenAiError) {
        // An abort during a read surfaces as whatever the body reader throws; report the cancel instead.
        if (isAborted() && error.failure.kind !== 'aborted') {
          throw new OpenAiError(classifyThrownFailure({ error, aborted: true, timedOut: false, baseUrl, secrets, requestId }));
        }
        throw error;
      }
      const what: 'total' | 'first-byte' | 'idle' | null = timedOut;
      throw new OpenAiError(
        classifyThrownFailure({
          error,
          aborted: isAborted(),
          timedOut: what !== null,
          timeoutMs: what === 'first-byte' ? firstByteTimeoutMs : what === 'idle' ? idleTimeoutMs : timeoutMs,
          timeoutWhat: what ?? 'total',
          baseUrl,
          secrets,
          afterResponse,
          requestId,
        }),
      );
    } finally {
      clearTimeout(total);
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Reads a body as text, at most `maxBytes` (the rest is not downloaded), telling `alive` of every chunk
   * so a stalled body times out.
   */
  async function readText(response: Response, maxBytes: number, alive: () => void): Promise<{ text: string; truncated: boolean }> {
    if (response.body === null) return { text: '', truncated: false };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let bytes = 0;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        alive();
        const room = maxBytes - bytes;
        bytes += value.byteLength;
        if (value.byteLength >= room) {
          text += decoder.decode(value.subarray(0, Math.max(0, room)));
          return { text, truncated: value.byteLength > room };
        }
        text += decoder.decode(value, { stream: true });
      }
      return { text: text + decoder.decode(), truncated: false };
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }

  /**
   * A 2xx JSON body: HTML or other text means a wrong base URL (fatal); JSON cut off means a broken answer
   * from the right server (retried); a body over the cap is `null` (the caller reports it as too large).
   */
  async function readJson(response: Response, requestId: string | null, alive: () => void): Promise<unknown> {
    const { text, truncated } = await readText(response, maxReplyBytes, alive);
    if (truncated) return null;
    try {
      return JSON.parse(text);
    } catch {
      const trimmed = text.trimStart();
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) return fail(brokenBodyFailure('the JSON was cut off', requestId));
      return fail(badResponseFailure(trimmed.startsWith('<') ? 'an HTML page' : 'not JSON', requestId));
    }
  }

  function fromCompletion(completion: z.infer<typeof completionSchema>, requestId: string | null): StructuredResult {
    const choice = completion.choices[0];
    const refusal = choice?.message.refusal ?? null;
    return {
      content: choice?.message.content ?? null,
      // Refusal text is shown to the user, so it gets the same scrubbing as error messages.
      refusal: refusal === null ? null : redactSecrets(refusal, secrets),
      finishReason: choice?.finish_reason ?? null,
      usage: completion.usage,
      requestId,
    };
  }

  async function listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    try {
      return await fetchModels(signal);
    } catch (error) {
      // One attempt, never retried (Test key): the message must not say "retrying".
      if (error instanceof OpenAiError) throw new OpenAiError(singleAttemptFailure(error.failure));
      throw error;
    }
  }

  async function fetchModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return request('/models', { method: 'GET' }, signal, null, async (response, requestId, alive) => {
      const parsed = modelsSchema.safeParse(await readJson(response, requestId, alive));
      if (!parsed.success) return fail(badResponseFailure('no model list', requestId));
      return parsed.data.data
        .map((m) => ({
          id: m.id,
          created: m.created ?? null,
          ownedBy: m.owned_by ?? null,
          shutdownDate: m.shutdown_date === undefined || m.shutdown_date === null ? null : String(m.shutdown_date),
        }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    });
  }

  async function createStructured(req: StructuredRequest): Promise<StructuredResult> {
    const stream = req.stream === true;
    const body: Record<string, unknown> = {
      model: req.model,
      messages: req.messages,
      response_format: { type: 'json_schema', json_schema: { name: req.schemaName, schema: req.jsonSchema, strict: true } },
      max_completion_tokens: req.maxTokens,
    };
    if (req.temperature !== undefined) body['temperature'] = req.temperature;
    if (req.reasoningEffort !== undefined) body['reasoning_effort'] = req.reasoningEffort;
    if (stream) {
      body['stream'] = true;
      body['stream_options'] = { include_usage: true };
    }
    return request('/chat/completions', { method: 'POST', body: JSON.stringify(body) }, req.signal, req.model, async (response, requestId, alive) => {
      if (!stream) return readCompletion(response, requestId, alive);
      return readStream(response, requestId, req.onDelta, alive);
    });
  }

  async function readCompletion(response: Response, requestId: string | null, alive: () => void): Promise<StructuredResult> {
    const json = await readJson(response, requestId, alive);
    if (json === null) return tooLarge(null, requestId);
    const parsed = completionSchema.safeParse(json);
    if (!parsed.success) return fail(badResponseFailure('no chat completion', requestId));
    return fromCompletion(parsed.data, requestId);
  }

  function tooLarge(usage: TokenUsage | null, requestId: string | null): StructuredResult {
    return { content: null, refusal: null, finishReason: REPLY_TOO_LARGE, usage, requestId };
  }

  async function readStream(
    response: Response,
    requestId: string | null,
    onDelta: ((delta: StreamDelta) => void) | undefined,
    alive: () => void,
  ): Promise<StructuredResult> {
    const contentType = response.headers.get('content-type') ?? '';
    if (response.body === null) return fail(badResponseFailure('an empty body', requestId));
    if (!contentType.includes('text/event-stream')) {
      // Some compatible servers ignore `stream: true` and answer with one JSON object.
      const json = await readJson(response, requestId, alive);
      if (json === null) return tooLarge(null, requestId);
      const parsed = completionSchema.safeParse(json);
      if (!parsed.success) return fail(badResponseFailure('neither a stream nor a chat completion', requestId));
      return fromCompletion(parsed.data, requestId);
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let receivedBytes = 0;
    const content: string[] = [];
    const refusal: string[] = [];
    let contentChars = 0;
    let sawContent = false;
    let sawRefusal = false;
    let finishReason: string | null = null;
    let usage: TokenUsage | null = null;
    let done = false;

    const handleEvent = (event: string): void => {
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data.length === 0) return;
      if (data === '[DONE]') {
        done = true;
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        // After a 200 event stream, a broken event is a broken answer, not a wrong server.
        fail(brokenBodyFailure('a stream event that is not JSON', requestId));
      }
      if (typeof json === 'object' && json !== null && 'error' in json) fail(classifyStreamError(json, requestId, secrets));
      const parsed = chunkSchema.safeParse(json);
      if (!parsed.success) return;
      if (parsed.data.usage !== null) usage = parsed.data.usage;
      for (const choice of parsed.data.choices ?? []) {
        const piece = choice.delta?.content;
        if (typeof piece === 'string') {
          sawContent = true;
          content.push(piece);
          contentChars += piece.length;
        }
        const refused = choice.delta?.refusal;
        if (typeof refused === 'string') {
          sawRefusal = true;
          refusal.push(refused);
          contentChars += refused.length;
        }
        if (typeof choice.finish_reason === 'string') finishReason = choice.finish_reason;
      }
    };

    try {
      while (!done) {
        const { value, done: ended } = await reader.read();
        if (ended) break;
        alive();
        receivedBytes += value.byteLength;
        if (receivedBytes > maxReplyBytes) return tooLarge(usage, requestId);
        buffer += decoder.decode(value, { stream: true });
        let split = /\r?\n\r?\n/.exec(buffer);
        while (split !== null && !done) {
          handleEvent(buffer.slice(0, split.index));
          buffer = buffer.slice(split.index + split[0].length);
          split = /\r?\n\r?\n/.exec(buffer);
        }
        onDelta?.({ receivedBytes, contentChars });
      }
      buffer += decoder.decode();
      // A last event without its blank line is still read; one cut in the middle fails as a broken answer.
      if (!done && buffer.trim().length > 0) handleEvent(buffer);
    } finally {
      // Stop the download if we leave early (error event, [DONE] before the socket closed).
      reader.cancel().catch(() => undefined);
    }
    if (!done && finishReason === null) {
      return fail({
        kind: 'stream_error',
        retryable: true,
        message: 'The answer stream ended before it was complete; retrying.',
        detail: null,
        status: null,
        type: null,
        code: null,
        requestId,
      });
    }
    const text = content.join('');
    const refusalText = refusal.join('');
    return {
      content: sawContent && text.length > 0 ? text : null,
      refusal: sawRefusal && refusalText.length > 0 ? redactSecrets(refusalText, secrets) : null,
      finishReason,
      usage,
      requestId,
    };
  }

  return { baseUrl, listModels, createStructured };
}
