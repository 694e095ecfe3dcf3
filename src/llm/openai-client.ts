import { completionSchema, fail, fromCompletion, modelsSchema, readJson, readText, tooLarge } from './openai-body';
import { retryAfterFromHeaders } from './openai-error-body';
import {
  OpenAiError,
  badResponseFailure,
  classifyHttpFailure,
  classifyThrownFailure,
  singleAttemptFailure,
} from './openai-errors';
import { readStream } from './openai-stream';
import type { ModelInfo, OpenAiClient, OpenAiClientOptions, StructuredRequest, StructuredResult } from './openai-types';

/**
 * The only module that talks HTTP to OpenAI (or an OpenAI-compatible server). A hand-written `fetch`
 * client for two endpoints instead of the SDK: a few kB instead of ~86 kB gzip, no `x-stainless-*`
 * headers (which widen the CORS preflight and break strict servers), and no hidden retry layer (the SDK
 * retries quota errors). Works in a Web Worker: it uses only fetch, TextDecoder, AbortController and
 * setTimeout.
 */

// The client's vocabulary is in ./openai-types.ts; most of the app imports it from here, with the client.
export { REPLY_TOO_LARGE } from './openai-types';
export type {
  ChatMessage,
  FetchLike,
  ModelInfo,
  OpenAiClient,
  OpenAiClientOptions,
  StreamDelta,
  StructuredRequest,
  StructuredResult,
  TokenUsage,
} from './openai-types';

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
          throw new OpenAiError(
            classifyThrownFailure({ error, aborted: true, timedOut: false, baseUrl, secrets, requestId }),
          );
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
      const parsed = modelsSchema.safeParse(await readJson(response, requestId, alive, maxReplyBytes));
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
      response_format: {
        type: 'json_schema',
        json_schema: { name: req.schemaName, schema: req.jsonSchema, strict: true },
      },
      max_completion_tokens: req.maxTokens,
    };
    if (req.temperature !== undefined) body['temperature'] = req.temperature;
    if (req.reasoningEffort !== undefined) body['reasoning_effort'] = req.reasoningEffort;
    if (stream) {
      body['stream'] = true;
      body['stream_options'] = { include_usage: true };
    }
    return request(
      '/chat/completions',
      { method: 'POST', body: JSON.stringify(body) },
      req.signal,
      req.model,
      async (response, requestId, alive) => {
        if (!stream) return readCompletion(response, requestId, alive);
        return readStream(response, requestId, req.onDelta, alive, maxReplyBytes, secrets);
      },
    );
  }

  async function readCompletion(
    response: Response,
    requestId: string | null,
    alive: () => void,
  ): Promise<StructuredResult> {
    const json = await readJson(response, requestId, alive, maxReplyBytes);
    if (json === null) return tooLarge(null, requestId);
    const parsed = completionSchema.safeParse(json);
    if (!parsed.success) return fail(badResponseFailure('no chat completion', requestId));
    return fromCompletion(parsed.data, requestId, secrets);
  }

  return { baseUrl, listModels, createStructured };
}
