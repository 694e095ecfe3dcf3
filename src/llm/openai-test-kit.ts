import { HOME_TYPES, type HomeType } from '../domain/home-types';
import type { HomeContent } from '../domain/homes/home-schema';
import type { FetchLike } from './openai-client';
import type { PacerClock } from './rate-pacer';

/**
 * Test support for the LLM layer (imported by unit tests and the mock OpenAI server, never by the app):
 * OpenAI's error bodies, real `Response` builders (JSON and SSE), a scripted fetch, a virtual clock and
 * a valid sample home.
 */

export { OPENAI_ERROR_BODIES } from './openai-test-errors';

/** A real `Response` with a JSON (or raw text) body and an `x-request-id`. */
export function jsonResponse(status: number, body: unknown, requestId = 'req_test'): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = text.trimStart().startsWith('<') ? 'text/html' : 'application/json';
  return new Response(text, { status, headers: { 'content-type': contentType, 'x-request-id': requestId } });
}

/** A chat completion body with one choice. */
export function completionBody(options: {
  content: string | null;
  refusal?: string | null;
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  model?: string;
}): Record<string, unknown> {
  const usage = options.usage === undefined ? { prompt_tokens: 900, completion_tokens: 1500 } : options.usage;
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_790_000_000,
    model: options.model ?? 'gpt-6-luna',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: options.content, refusal: options.refusal ?? null },
        finish_reason: options.finishReason ?? 'stop',
      },
    ],
    ...(usage === null ? {} : { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }),
  };
}

/** The SSE events of a streamed chat completion (each a `data:` payload), content split into `pieces`. */
export function completionChunks(options: {
  content?: string | null;
  refusal?: string | null;
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  pieces?: number;
}): string[] {
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1_790_000_000, model: 'gpt-6-luna' };
  const events: string[] = [
    JSON.stringify({
      ...base,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    }),
  ];
  const split = (text: string): string[] => {
    const n = Math.max(1, options.pieces ?? 4);
    const size = Math.ceil(text.length / n);
    const out: string[] = [];
    for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
    return out;
  };
  const content = options.content ?? null;
  if (content !== null) {
    for (const piece of split(content))
      events.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }));
  }
  const refusal = options.refusal ?? null;
  if (refusal !== null) {
    for (const piece of split(refusal))
      events.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: { refusal: piece }, finish_reason: null }] }));
  }
  events.push(
    JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: options.finishReason ?? 'stop' }] }),
  );
  const usage = options.usage === undefined ? { prompt_tokens: 900, completion_tokens: 1500 } : options.usage;
  if (usage !== null)
    events.push(
      JSON.stringify({
        ...base,
        choices: [],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      }),
    );
  events.push('[DONE]');
  return events;
}

/**
 * A real streaming `Response` whose body delivers the events as SSE. `splitAt` cuts the byte stream at
 * arbitrary offsets (to test event reassembly); `breakAfter` errors the stream after that many events.
 */
export function sseResponse(
  events: readonly string[],
  options: { requestId?: string; chunkBytes?: number; breakAfter?: number } = {},
): Response {
  const encoder = new TextEncoder();
  const shown = options.breakAfter === undefined ? events : events.slice(0, options.breakAfter);
  const bytes = encoder.encode(shown.map((e) => `data: ${e}\n\n`).join(''));
  const chunkBytes = options.chunkBytes ?? 64;
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        if (options.breakAfter !== undefined) controller.error(new TypeError('terminated'));
        else controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': options.requestId ?? 'req_stream' },
  });
}

/** One recorded call of the scripted fetch. */
export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A step of the script: a response, a thrown error, or a function of the call. */
export type ScriptStep =
  Response | Error | ((call: RecordedCall, signal: AbortSignal | null) => Response | Promise<Response>);

/**
 * A fake `fetch` that answers calls from a script in order (the last step repeats when the script runs
 * out) and records every call, so tests can count requests and inspect headers and bodies.
 */
export function scriptedFetch(steps: readonly ScriptStep[]): { fetch: FetchLike; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const rawBody = typeof init.body === 'string' ? init.body : null;
    const call: RecordedCall = {
      url: input,
      method: init.method ?? 'GET',
      headers,
      body: rawBody === null ? null : (JSON.parse(rawBody) as unknown),
    };
    calls.push(call);
    const signal = init.signal ?? null;
    if (signal?.aborted === true) throw new DOMException('This operation was aborted', 'AbortError');
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error('scriptedFetch: empty script');
    if (step instanceof Error) throw step;
    if (step instanceof Response) return step.clone();
    return step(call, signal);
  };
  return { fetch, calls };
}

/**
 * Virtual time: `sleep` registers a timer and timers fire one at a time, earliest first, each after the
 * event loop has drained (so every request already in flight settles before time moves on). Records the
 * requested durations.
 */
export function createFakeClock(start = 0): PacerClock & { sleeps: number[]; time(): number } {
  let now = start;
  const sleeps: number[] = [];
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  let seq = 0;
  let ticking = false;
  const tick = (): void => {
    ticking = false;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift();
    if (next === undefined) return;
    now = Math.max(now, next.at);
    next.resolve();
    schedule();
  };
  const schedule = (): void => {
    if (ticking || timers.length === 0) return;
    ticking = true;
    setTimeout(tick, 0);
  };
  return {
    now: () => now,
    time: () => now,
    sleeps,
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      sleeps.push(ms);
      return new Promise((resolve) => {
        if (signal?.aborted === true) {
          resolve();
          return;
        }
        const timer = { at: now + Math.max(0, ms), seq: seq++, resolve };
        timers.push(timer);
        signal?.addEventListener(
          'abort',
          () => {
            const i = timers.indexOf(timer);
            if (i >= 0) timers.splice(i, 1);
            resolve();
          },
          { once: true },
        );
        schedule();
      });
    },
  };
}

/** A small valid townhouse (passes homeContentSchema and homeContentProblems). */
export function sampleHome(overrides: Partial<HomeContent> = {}): HomeContent {
  return {
    name: 'Maple Row Townhouse',
    home_type: 'townhouse',
    size_category: 'small',
    description: 'A two-storey townhouse shared by a commuting couple.',
    occupants: [
      {
        name: 'Ada',
        role: 'adult',
        works_from_home: false,
        weekday: { wake: '06:30', leave: '07:45', return: '17:30', sleep: '22:45' },
        weekend: { wake: '08:30', leave: '11:00', return: '14:00', sleep: '23:30' },
      },
      {
        name: 'Ben',
        role: 'adult',
        works_from_home: true,
        weekday: { wake: '07:00', leave: null, return: null, sleep: '23:00' },
        weekend: { wake: '09:00', leave: null, return: null, sleep: '00:30' },
      },
    ],
    areas: [
      { name: 'Living Room', type: 'indoor', floor: 0 },
      { name: 'Kitchen', type: 'indoor', floor: 0 },
      { name: 'Bedroom', type: 'indoor', floor: 1 },
      { name: 'Backyard', type: 'outdoor', floor: 0 },
    ],
    devices: [
      {
        entity_id: 'light.living_room_ceiling',
        name: 'Living Room Ceiling',
        domain: 'light',
        device_class: null,
        category: 'lighting',
        area: 'Living Room',
        power: 'mains',
      },
      {
        entity_id: 'light.kitchen_ceiling',
        name: 'Kitchen Ceiling',
        domain: 'light',
        device_class: null,
        category: 'lighting',
        area: 'Kitchen',
        power: 'mains',
      },
      {
        entity_id: 'binary_sensor.living_room_motion',
        name: 'Living Room Motion',
        domain: 'binary_sensor',
        device_class: 'motion',
        category: 'security',
        area: 'Living Room',
        power: 'battery',
      },
      {
        entity_id: 'lock.front_door',
        name: 'Front Door Lock',
        domain: 'lock',
        device_class: null,
        category: 'security',
        area: 'Living Room',
        power: 'battery',
      },
      {
        entity_id: 'climate.bedroom_thermostat',
        name: 'Bedroom Thermostat',
        domain: 'climate',
        device_class: null,
        category: 'climate',
        area: 'Bedroom',
        power: 'mains',
      },
      {
        entity_id: 'sensor.backyard_temperature',
        name: 'Backyard Temperature',
        domain: 'sensor',
        device_class: 'temperature',
        category: 'monitoring',
        area: 'Backyard',
        power: 'battery',
      },
    ],
    ...overrides,
  };
}

/** The home type a chat request asks for (`home_type: …` in its last user message); townhouse when none. */
export function askedHomeType(call: RecordedCall): HomeType {
  const body = call.body as { messages?: { role: string; content: string }[] } | null;
  const user = body?.messages?.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  const type = /home_type: (\w+)/.exec(user)?.[1];
  return HOME_TYPES.find((t) => t === type) ?? 'townhouse';
}

/** A valid sample home of the type the request asks for, as JSON text (a model that follows the plan). */
export function homeReplyFor(call: RecordedCall): string {
  return JSON.stringify(sampleHome({ home_type: askedHomeType(call) }));
}
