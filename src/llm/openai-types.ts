/**
 * The shapes the OpenAI client speaks in (options, requests, results, the client itself), apart from its
 * implementation so the reply readers and the rest of the app can share them without importing HTTP code.
 */

/** The subset of `fetch` the client uses, so tests can script responses. Pass the global `fetch` as is. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

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
