import { z } from 'zod';
import { completionSchema, fail, fromCompletion, readJson, tooLarge, usageSchema } from './openai-body';
import { badResponseFailure, brokenBodyFailure, classifyStreamError } from './openai-errors';
import type { StreamDelta, StructuredResult, TokenUsage } from './openai-types';
import { redactSecrets } from './redact-secrets';

/**
 * Reading a streamed chat completion (server-sent events): content and refusal pieces, the finish reason
 * and usage, progress per chunk, the byte cap, and an error event inside a 200 stream.
 */

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

/**
 * Reads an SSE reply to the end (or to `[DONE]`); a server that ignored `stream: true` and sent one JSON
 * completion is read as such.
 */
export async function readStream(
  response: Response,
  requestId: string | null,
  onDelta: ((delta: StreamDelta) => void) | undefined,
  alive: () => void,
  maxReplyBytes: number,
  secrets: readonly string[],
): Promise<StructuredResult> {
  const contentType = response.headers.get('content-type') ?? '';
  if (response.body === null) return fail(badResponseFailure('an empty body', requestId));
  if (!contentType.includes('text/event-stream')) {
    // Some compatible servers ignore `stream: true` and answer with one JSON object.
    const json = await readJson(response, requestId, alive, maxReplyBytes);
    if (json === null) return tooLarge(null, requestId);
    const parsed = completionSchema.safeParse(json);
    if (!parsed.success) return fail(badResponseFailure('neither a stream nor a chat completion', requestId));
    return fromCompletion(parsed.data, requestId, secrets);
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
    if (typeof json === 'object' && json !== null && 'error' in json)
      fail(classifyStreamError(json, requestId, secrets));
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
