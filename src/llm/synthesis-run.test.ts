import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { HomeContent } from '../domain/homes/home-schema';
import type { HomePlanItem } from '../domain/homes/home-plan';
import { createOpenAiClient } from './openai-client';
import {
  OPENAI_ERROR_BODIES as BODIES,
  completionBody,
  completionChunks,
  createFakeClock,
  jsonResponse,
  sampleHome,
  scriptedFetch,
  sseResponse,
  homeReplyFor,
  type ScriptStep,
} from './openai-test-kit';
import {
  backoffMs,
  rateLimitWaitMs,
  runHomeSynthesis,
  type HomeSynthesisMeta,
  type SynthesisProgress,
  type SynthesisRunInput,
} from './synthesis-run';

const KEY = 'sk-proj-SECRETunitKey_abcdefghijklmnop';
const VALID = JSON.stringify(sampleHome());
/** A valid home of the type each request asks for. */
const ok = (): ScriptStep => (call) => jsonResponse(200, completionBody({ content: homeReplyFor(call) }), 'req_ok');
const okStream = (): ScriptStep => (call) =>
  sseResponse(completionChunks({ content: homeReplyFor(call) }), { requestId: 'req_stream' });

const PLAN: HomePlanItem[] = [
  { index: 0, homeType: 'townhouse', sizeCategory: 'small' },
  { index: 1, homeType: 'apartment', sizeCategory: 'medium' },
  { index: 2, homeType: 'condo', sizeCategory: 'large' },
  { index: 3, homeType: 'studio', sizeCategory: 'small' },
];

function setup(steps: readonly ScriptStep[], random = 0.5) {
  const clock = createFakeClock(1_000_000);
  const requestTimes: number[] = [];
  const scripted = scriptedFetch(
    steps.map((step): ScriptStep => (call, signal) => {
      requestTimes.push(clock.now());
      if (step instanceof Response) return step.clone();
      if (step instanceof Error) return Promise.reject(step);
      return step(call, signal);
    }),
  );
  const client = createOpenAiClient({ apiKey: KEY, fetch: scripted.fetch });
  const saves: { index: number; content: HomeContent; meta: HomeSynthesisMeta }[] = [];
  const progress: SynthesisProgress[] = [];
  const run = (input: Partial<SynthesisRunInput> = {}, saveHome?: (index: number) => Promise<void>) =>
    runHomeSynthesis(
      // One request at a time unless a test says otherwise, so scripted answers map to homes in order.
      { plan: PLAN.slice(0, 3), model: 'gpt-6-luna', rpm: 60, stream: false, concurrency: 1, ...input },
      {
        client,
        saveHome: async (index, content, meta) => {
          await saveHome?.(index);
          saves.push({ index, content, meta });
        },
        onProgress: (p) => progress.push(p),
        sleep: clock.sleep,
        now: clock.now,
        random: () => random,
      },
    );
  return { run, calls: scripted.calls, requestTimes, saves, progress, clock };
}

/** A fetch step that never answers; it rejects like fetch when its signal aborts. */
const hang: ScriptStep = (_call, signal) =>
  new Promise<Response>((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')), {
      once: true,
    });
  });

describe('runHomeSynthesis: success, validation, re-ask', () => {
  it('saves every home as it arrives, paced 1 s apart at 60 RPM, with usage and cost', async () => {
    const t = setup([okStream()]);
    const result = await t.run({ stream: true });
    expect(result.status).toBe('completed');
    expect(result.saved).toEqual([0, 1, 2]);
    expect(result.resumeAt).toBeNull();
    expect(t.saves.map((s) => [s.index, s.content.home_type, s.content.size_category])).toEqual([
      [0, 'townhouse', 'small'],
      [1, 'apartment', 'medium'],
      [2, 'condo', 'large'],
    ]);
    expect(t.saves[0]?.meta).toEqual({
      model: 'gpt-6-luna',
      requestId: 'req_stream',
      usage: { input_tokens: 900, output_tokens: 1500 },
      costUsd: (900 * 0.1 + 1500 * 0.5) / 1e6,
      attempts: 1,
      repaired: false,
      durationMs: 0,
    });
    expect(t.requestTimes).toEqual([1_000_000, 1_001_000, 1_002_000]);
    expect(result.totals).toMatchObject({
      planned: 3,
      saved: 3,
      skipped: 0,
      requests: 3,
      retries: 0,
      usage: { input_tokens: 2700, output_tokens: 4500 },
    });
    expect(result.totals.costUsd).toBeCloseTo(3 * 0.00084, 12);
    expect(t.calls[0]?.body).toMatchObject({
      stream: true,
      max_completion_tokens: 4000,
      response_format: { type: 'json_schema', json_schema: { name: 'smart_home', strict: true } },
    });
    expect(t.calls[2]?.body).toMatchObject({ max_completion_tokens: 8000 });
    expect(t.progress.filter((p) => p.type === 'saved').map((p) => p.index)).toEqual([0, 1, 2]);
    expect(t.progress.some((p) => p.type === 'delta')).toBe(true);
  });

  it('re-asks once with the problems appended, and saves the repaired home', async () => {
    const home = sampleHome();
    const wrongArea = JSON.stringify({
      ...home,
      devices: home.devices.map((d, i) => (i === 1 ? { ...d, area: 'Garage' } : d)),
    });
    const t = setup([jsonResponse(200, completionBody({ content: wrongArea })), ok()]);
    const result = await t.run({ plan: PLAN.slice(0, 1) });
    expect(result.status).toBe('completed');
    expect(t.calls).toHaveLength(2);
    const { messages } = z
      .object({ messages: z.array(z.object({ role: z.string(), content: z.string() })) })
      .parse(t.calls[1]?.body);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[2]?.content).toBe(wrongArea);
    expect(messages[3]?.content).toContain('- device light.kitchen_ceiling is in unknown area "Garage"');
    expect(t.saves[0]?.meta).toMatchObject({
      attempts: 2,
      repaired: true,
      usage: { input_tokens: 1800, output_tokens: 3000 },
    });
    expect(t.progress.find((p) => p.type === 'repairing')).toMatchObject({
      index: 0,
      problems: ['device light.kitchen_ceiling is in unknown area "Garage"'],
    });
  });

  it('skips a home still invalid after the re-ask and goes on; resume points at it', async () => {
    const t = setup([
      jsonResponse(200, completionBody({ content: '{"name": "Bro' })),
      jsonResponse(200, completionBody({ content: '{}' })),
      ok(),
    ]);
    const result = await t.run({ plan: PLAN.slice(0, 2) });
    expect(result.status).toBe('completed');
    expect(result.saved).toEqual([1]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]).toMatchObject({ index: 0, reason: 'invalid' });
    expect(result.resumeAt).toBe(0);
    expect(t.calls).toHaveLength(3);
  });

  it('skips a refusal without retrying it', async () => {
    const t = setup([
      jsonResponse(200, completionBody({ content: null, refusal: "I'm sorry, I can't help with that." })),
      ok(),
    ]);
    const result = await t.run({ plan: PLAN.slice(0, 2) });
    expect(result.skipped).toEqual([
      { index: 0, reason: 'refusal', message: "The model declined this home: I'm sorry, I can't help with that." },
    ]);
    expect(result.saved).toEqual([1]);
    expect(t.calls).toHaveLength(2);
  });

  it('re-asks a truncated reply once with twice the token budget', async () => {
    const t = setup([jsonResponse(200, completionBody({ content: VALID.slice(0, 50), finishReason: 'length' })), ok()]);
    const result = await t.run({ plan: PLAN.slice(0, 1) });
    expect(result.saved).toEqual([0]);
    expect(
      t.calls.map((c) => z.object({ max_completion_tokens: z.number() }).parse(c.body).max_completion_tokens),
    ).toEqual([4000, 8000]);
    const always = setup([jsonResponse(200, completionBody({ content: '{', finishReason: 'length' }))]);
    const cut = await always.run({ plan: PLAN.slice(0, 1) });
    expect(cut.skipped[0]).toMatchObject({ reason: 'truncated' });
    expect(always.calls).toHaveLength(2);
  });
});

describe('runHomeSynthesis: error classes', () => {
  it.each([
    ['insufficient_quota', BODIES.quotaLegacy],
    ['credit_balance_exhausted', BODIES.creditExhausted],
    ['project_spend_limit_exceeded', BODIES.projectSpendLimit],
    ['organization_spend_limit_exceeded', BODIES.orgSpendLimit],
    ['organization_usage_limit_exceeded', BODIES.orgUsageLimit],
  ])('stops on quota (%s) after exactly one request, with where to add credit', async (_code, body) => {
    const t = setup([jsonResponse(429, body)]);
    const result = await t.run({ plan: PLAN, concurrency: 60 });
    expect(t.calls).toHaveLength(1);
    expect(result).toMatchObject({ status: 'quota', saved: [], resumeAt: 0, failure: { kind: 'quota' } });
    expect(result.message).toMatch(/billing|Limits/);
    expect(result.totals).toMatchObject({ requests: 1, retries: 0, rateLimitWaits: 0 });
    expect(t.progress[t.progress.length - 1]).toMatchObject({ type: 'stopped', status: 'quota' });
  });

  it('keeps the homes saved before a quota stop, and a resume asks only for the rest', async () => {
    const t = setup([ok(), ok(), jsonResponse(429, BODIES.creditExhausted)]);
    const first = await t.run({ plan: PLAN });
    expect(first).toMatchObject({ status: 'quota', saved: [0, 1], resumeAt: 2 });
    expect(t.calls).toHaveLength(3);

    const again = setup([ok()]);
    const resumed = await again.run({ plan: PLAN, startAt: first.resumeAt ?? 0 });
    expect(resumed).toMatchObject({ status: 'completed', saved: [2, 3], resumeAt: null, totals: { planned: 2 } });
    expect(again.calls).toHaveLength(2);
    const prompts = again.calls.map((c) => JSON.stringify(c.body));
    expect(prompts[0]).toContain('home_type: condo');
    expect(prompts[1]).toContain('home_type: studio');
  });

  it('skips indexes already completed out of order', async () => {
    const t = setup([ok()]);
    const result = await t.run({ plan: PLAN, startAt: 1, completed: [2] });
    expect(result.saved).toEqual([1, 3]);
    expect(t.calls).toHaveLength(2);
  });

  it('waits out a rate limit for the time its message states, without using the retry budget', async () => {
    const t = setup(
      [jsonResponse(429, BODIES.rateLimitRequests('6m0s')), jsonResponse(429, BODIES.rateLimitRequests('84ms')), ok()],
      0,
    );
    const result = await t.run({ plan: PLAN.slice(0, 1), maxRetries: 0 });
    expect(result.status).toBe('completed');
    expect(t.requestTimes[1]).toBe(1_000_000 + 360_000);
    // 84 ms is shorter than the 1 s pacing interval, so the pacing decides the next start.
    expect(t.requestTimes[2]).toBe(1_000_000 + 361_000);
    expect(
      t.progress.filter((p) => p.type === 'waiting').map((p) => (p.type === 'waiting' ? [p.reason, p.waitMs] : null)),
    ).toEqual([
      ['rate_limit', 360_000],
      ['rate_limit', 84],
    ]);
    expect(result.totals).toMatchObject({ rateLimitWaits: 2, retries: 0, requests: 3 });
  });

  it('gives up after the rate-limit cap', async () => {
    const t = setup([jsonResponse(429, BODIES.rateLimitNoWait)]);
    const result = await t.run({ plan: PLAN.slice(0, 1), maxRateLimitWaits: 2 });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/Lower the requests-per-minute budget/);
    expect(t.calls).toHaveLength(3);
  });

  it('halves the pace after slow_down', async () => {
    const t = setup([jsonResponse(429, BODIES.slowDown), ok()], 0);
    await t.run({ plan: PLAN.slice(0, 2) });
    // Backoff 1 s (no wait stated), then the pace is 30 RPM: 2 s between starts.
    expect(t.requestTimes).toEqual([1_000_000, 1_001_000, 1_003_000]);
  });

  it('retries 5xx N times with jittered exponential backoff, then stops the run keeping saved homes', async () => {
    const t = setup([ok(), jsonResponse(500, BODIES.serverError)]);
    const result = await t.run({ plan: PLAN, maxRetries: 3 });
    expect(t.calls).toHaveLength(1 + 4);
    expect(result).toMatchObject({
      status: 'failed',
      saved: [0],
      resumeAt: 1,
      failure: { kind: 'server' },
      totals: { retries: 3 },
    });
    expect(result.message).toMatch(/Gave up after 3 retries/);
    const waits = t.progress.filter((p) => p.type === 'waiting').map((p) => (p.type === 'waiting' ? p.waitMs : 0));
    expect(waits).toEqual([1000, 2000, 4000]); // random 0.5 → the un-jittered value
  });

  it('recovers from one 500, an HTML 502, an overload and a network error', async () => {
    const t = setup([
      jsonResponse(500, BODIES.serverError),
      jsonResponse(502, BODIES.badGatewayHtml),
      jsonResponse(503, BODIES.overloaded),
      new TypeError('Failed to fetch'),
      ok(),
    ]);
    const result = await t.run({ plan: PLAN.slice(0, 1), maxRetries: 4 });
    expect(result).toMatchObject({ status: 'completed', saved: [0], totals: { retries: 4, requests: 5 } });
    const waits = t.progress.filter((p) => p.type === 'waiting').map((p) => (p.type === 'waiting' ? p.waitMs : 0));
    expect(waits).toEqual([1000, 2000, 8000, 8000]); // overload backs off from 2 s
  });

  it.each([
    [401, BODIES.invalidKey, 'auth'],
    [403, BODIES.regionForbidden, 'auth'],
    [404, BODIES.modelNotFound('gpt-6-luna'), 'model'],
    [400, BODIES.contextLength, 'failed'],
    [429, BODIES.requestTooLarge, 'failed'],
  ] as const)('stops at once on %d without retrying (%s)', async (status, body, expected) => {
    const t = setup([jsonResponse(status, body)]);
    const result = await t.run({ plan: PLAN });
    expect(result.status).toBe(expected);
    expect(t.calls).toHaveLength(1);
  });

  it('stops the run when saving fails', async () => {
    const t = setup([ok()]);
    const result = await t.run({ plan: PLAN }, async (index) => {
      if (index === 1) throw new Error('QuotaExceededError: disk full');
    });
    expect(result).toMatchObject({ status: 'failed', saved: [0], resumeAt: 1 });
    expect(result.message).toBe('Could not save home 1: QuotaExceededError: disk full');
  });
});

describe('runHomeSynthesis: concurrency and cancel', () => {
  it('runs up to `concurrency` requests at once, still starting them 1 s apart', async () => {
    const clock = createFakeClock();
    let inFlight = 0;
    let peak = 0;
    const steps: ScriptStep[] = [
      async (_call, signal) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await clock.sleep(2500, signal ?? undefined);
        const response = jsonResponse(200, completionBody({ content: homeReplyFor(_call) }), 'req_ok');
        inFlight -= 1;
        return response;
      },
    ];
    const scripted = scriptedFetch(steps);
    const starts: number[] = [];
    const result = await runHomeSynthesis(
      { plan: PLAN, model: 'gpt-6-luna', rpm: 60, concurrency: 3, stream: false },
      {
        client: createOpenAiClient({ apiKey: KEY, fetch: scripted.fetch }),
        saveHome: async () => undefined,
        onProgress: (p) => {
          if (p.type === 'request') starts.push(clock.now());
        },
        sleep: clock.sleep,
        now: clock.now,
        random: () => 0.5,
      },
    );
    expect(result.saved).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(3);
    expect(starts).toEqual([0, 1000, 2000, 3000]);
  });

  it('a quota stop lets the 3 replies already in flight finish and saves them, then sends nothing more', async () => {
    const clock = createFakeClock();
    let calls = 0;
    const steps: ScriptStep[] = [
      async (call, signal) => {
        calls += 1;
        // The 4th request (sent at 3 s, while the first three are still generating) hits the quota.
        if (calls === 4) return jsonResponse(429, BODIES.quotaLegacy);
        await clock.sleep(5000, signal ?? undefined);
        if (signal?.aborted === true) throw new DOMException('aborted', 'AbortError');
        return jsonResponse(200, completionBody({ content: homeReplyFor(call) }), 'req_ok');
      },
    ];
    const scripted = scriptedFetch(steps);
    const plan: HomePlanItem[] = [
      ...PLAN,
      { index: 4, homeType: 'cottage', sizeCategory: 'small' },
      { index: 5, homeType: 'ranch_house', sizeCategory: 'small' },
    ];
    const result = await runHomeSynthesis(
      { plan, model: 'gpt-6-luna', rpm: 60, concurrency: 6, stream: false },
      {
        client: createOpenAiClient({ apiKey: KEY, fetch: scripted.fetch }),
        saveHome: async () => undefined,
        sleep: clock.sleep,
        now: clock.now,
        random: () => 0.5,
      },
    );
    expect(result.status).toBe('quota');
    expect(result.saved).toEqual([0, 1, 2]);
    expect(scripted.calls).toHaveLength(4);
    expect(result.resumeAt).toBe(3);
  });

  it('cancels a request in flight and reports where to resume', async () => {
    const controller = new AbortController();
    const t = setup([ok(), hang]);
    const running = t.run({ plan: PLAN, signal: controller.signal });
    while (t.calls.length < 2) await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    const result = await running;
    expect(result).toMatchObject({ status: 'cancelled', saved: [0], resumeAt: 1 });
    expect(t.calls).toHaveLength(2);
  });

  it('cancels during a long rate-limit pause without waiting it out', async () => {
    const controller = new AbortController();
    const t = setup([jsonResponse(429, BODIES.rateLimitRequests('6m0s'))]);
    const running = t.run({ plan: PLAN.slice(0, 1), signal: controller.signal });
    while (!t.progress.some((p) => p.type === 'waiting')) await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(t.calls).toHaveLength(1);
  });

  it('returns at once when the signal is already aborted', async () => {
    const t = setup([ok()]);
    const result = await t.run({ signal: AbortSignal.abort() });
    expect(result).toMatchObject({ status: 'cancelled', saved: [], resumeAt: 0 });
    expect(t.calls).toHaveLength(0);
  });
});

describe('runHomeSynthesis: the key never leaks', () => {
  it('keeps the key out of every result, progress event and message', async () => {
    const echoes = JSON.stringify({
      error: { message: `Invalid header: Authorization: Bearer ${KEY}`, type: 'invalid_request_error', code: null },
    });
    const scenarios: ScriptStep[][] = [
      [jsonResponse(401, BODIES.invalidKey)],
      [jsonResponse(400, echoes)],
      [jsonResponse(500, `proxy failed for key ${KEY}`)],
      [jsonResponse(429, BODIES.quotaLegacy)],
      [new TypeError(`Failed to fetch with ${KEY}`)],
      [jsonResponse(200, completionBody({ content: null, refusal: `no ${KEY}` })), ok()],
      [sseResponse([JSON.stringify({ error: { message: `bad ${KEY}`, type: 'server_error', code: null } })])],
    ];
    for (const steps of scenarios) {
      const t = setup(steps);
      const result = await t.run({ plan: PLAN.slice(0, 2), maxRetries: 1 });
      const everything = JSON.stringify({ result, progress: t.progress, saves: t.saves });
      expect(everything).not.toContain(KEY);
      expect(everything).not.toContain('SECRETunitKey');
      expect(everything).not.toContain('I0gA');
    }
  });
});

describe('backoff helpers', () => {
  it('doubles up to the cap with ±25 % jitter', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, 1000, 30_000, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000,
    ]);
    expect(backoffMs(1, 1000, 30_000, () => 0)).toBe(750);
    expect(backoffMs(1, 1000, 30_000, () => 0.999999)).toBe(1250);
  });
  it('waits the stated rate-limit time plus at most 20 % (≤ 1 s)', () => {
    expect(rateLimitWaitMs(1146, 1, () => 0)).toBe(1146);
    expect(rateLimitWaitMs(1000, 1, () => 1)).toBe(1200);
    expect(rateLimitWaitMs(360_000, 1, () => 1)).toBe(361_000);
    expect(rateLimitWaitMs(null, 2, () => 0.5)).toBe(2000);
  });
});
