import { z } from 'zod';
import { badResponseFailure, brokenBodyFailure } from './openai-errors';
import { OpenAiError, type OpenAiFailure } from './openai-failure';
import { REPLY_TOO_LARGE, type StructuredResult, type TokenUsage } from './openai-types';
import { redactSecrets } from './redact-secrets';

/**
 * Reading the body of an OpenAI reply: capped text, JSON that tells a wrong server (HTML, not JSON) from a
 * broken answer (JSON cut off), and the schemas of the model list and a whole chat completion. Streamed
 * completions are read in ./openai-stream.ts.
 */

/** Throws the failure as the OpenAiError callers of the client catch. */
export function fail(failure: OpenAiFailure): never {
  throw new OpenAiError(failure);
}

export const usageSchema = z
  .object({ prompt_tokens: z.number(), completion_tokens: z.number() })
  .nullish()
  .transform((u): TokenUsage | null =>
    u ? { input_tokens: u.prompt_tokens, output_tokens: u.completion_tokens } : null,
  );

export const modelsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      created: z.number().nullish(),
      owned_by: z.string().nullish(),
      shutdown_date: z.union([z.string(), z.number()]).nullish(),
    }),
  ),
});

export const completionSchema = z.object({
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

export type ChatCompletion = z.infer<typeof completionSchema>;

/**
 * Reads a body as text, at most `maxBytes` (the rest is not downloaded), telling `alive` of every chunk
 * so a stalled body times out.
 */
export async function readText(
  response: Response,
  maxBytes: number,
  alive: () => void,
): Promise<{ text: string; truncated: boolean }> {
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
export async function readJson(
  response: Response,
  requestId: string | null,
  alive: () => void,
  maxReplyBytes: number,
): Promise<unknown> {
  const { text, truncated } = await readText(response, maxReplyBytes, alive);
  if (truncated) return null;
  try {
    return JSON.parse(text);
  } catch {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('['))
      return fail(brokenBodyFailure('the JSON was cut off', requestId));
    return fail(badResponseFailure(trimmed.startsWith('<') ? 'an HTML page' : 'not JSON', requestId));
  }
}

export function fromCompletion(
  completion: ChatCompletion,
  requestId: string | null,
  secrets: readonly string[],
): StructuredResult {
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

/** The result of a reply cut off at the byte cap: no content, finish reason REPLY_TOO_LARGE. */
export function tooLarge(usage: TokenUsage | null, requestId: string | null): StructuredResult {
  return { content: null, refusal: null, finishReason: REPLY_TOO_LARGE, usage, requestId };
}
