import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockOpenAi, type MockOpenAi } from '../e2e/mock-openai/server';
import { abortableSleep } from '../src/llm/abortable-sleep';
import { planHomes } from '../src/domain/homes/home-plan';
import { createOpenAiClient, type OpenAiClientOptions } from '../src/llm/openai-client';
import { OpenAiError } from '../src/llm/openai-errors';
import {
  runHomeSynthesis,
  type HomeSynthesisMeta,
  type SynthesisProgress,
  type SynthesisRunInput,
} from '../src/llm/synthesis-run';

/*
 * Issue 13's faults against the mock OpenAI server, through the production client and run orchestration:
 * requests sent, waits, final status and message, homes saved, and no key in any output.
 */

let mock: MockOpenAi;

beforeAll(async () => {
  mock = await startMockOpenAi({ chunkDelayMs: 1 });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  await fetch(`http://127.0.0.1:${mock.port}/__control/reset`, { method: 'POST' });
});

async function run(
  key: string,
  input: Partial<SynthesisRunInput> = {},
  clientOptions: Partial<OpenAiClientOptions> = {},
) {
  const client = createOpenAiClient({
    apiKey: key,
    baseUrl: mock.url,
    fetch: (url, init) => fetch(url, init),
    ...clientOptions,
  });
  const progress: SynthesisProgress[] = [];
  const saved: { index: number; homeType: string; meta: HomeSynthesisMeta }[] = [];
  const started = performance.now();
  const result = await runHomeSynthesis(
    { plan: planHomes(1, undefined, 3), model: 'gpt-6-luna', rpm: 600, stream: true, ...input },
    {
      client,
      saveHome: async (index, content, meta) => {
        saved.push({ index, homeType: content.home_type, meta });
      },
      onProgress: (p) => progress.push(p),
      sleep: abortableSleep,
      now: () => Date.now(),
      random: () => 0,
    },
  );
  const requests = mock.counts()[key] ?? 0;
  // Nothing the user sees carries the key.
  expect(JSON.stringify({ result, progress, saved })).not.toContain(key);
  return { result, progress, saved, requests, ms: performance.now() - started };
}

const waits = (progress: SynthesisProgress[]): string[] =>
  progress.flatMap((p) => (p.type === 'waiting' ? [p.message] : []));

describe('billing errors stop at once', () => {
  it('429 billing_not_active: a 5-home run sends at most 5 requests and stops with a billing message', async () => {
    const r = await run('sk-test-billing', { plan: planHomes(5, undefined, 1) });
    expect(r.result.status).toBe('quota');
    expect(r.requests).toBeLessThanOrEqual(5);
    expect(r.result.totals.rateLimitWaits).toBe(0);
    expect(r.result.totals.retries).toBe(0);
    expect(r.result.message).toMatch(/Billing is not active/);
    expect(r.result.message).not.toMatch(/requests-per-minute/);
    expect(r.ms).toBeLessThan(5000);
  });

  it('429 billing_hard_limit_reached stops after one request of a one-at-a-time run', async () => {
    const r = await run('sk-test-hardlimit', { plan: planHomes(3, undefined, 1), concurrency: 1 });
    expect(r.result.status).toBe('quota');
    expect(r.requests).toBe(1);
    expect(r.result.message).toMatch(/hard billing limit/);
  });
});

describe('a broken, hung or stalled answer is retried within the usual bound', () => {
  it('a server that never answers fails at the first-byte timeout and the retry saves the home', async () => {
    const r = await run('sk-test-hang-once', {}, { firstByteTimeoutMs: 300 });
    expect(r.result.status).toBe('completed');
    expect(r.saved).toHaveLength(1);
    expect(r.requests).toBe(2);
    expect(waits(r.progress)).toEqual([expect.stringMatching(/sent nothing for 0 s; retrying/)]);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('a stream that stalls fails at the idle timeout and the retry saves the home', async () => {
    const r = await run('sk-test-stall-once', {}, { idleTimeoutMs: 300 });
    expect(r.result.status).toBe('completed');
    expect(r.requests).toBe(2);
    expect(waits(r.progress)).toEqual([expect.stringMatching(/stalled .*; retrying/)]);
  });

  it('a 200 stream that ends cleanly mid-event is retried, not blamed on the base URL', async () => {
    const r = await run('sk-test-cut-stream-once');
    expect(r.result.status).toBe('completed');
    expect(r.requests).toBe(2);
    expect(waits(r.progress)).toEqual([expect.stringMatching(/arrived broken/)]);
    expect(JSON.stringify(r.progress)).not.toMatch(/base URL/);
  });

  it('a 200 JSON body cut off is retried', async () => {
    const r = await run('sk-test-cut-json-once', { stream: false });
    expect(r.result.status).toBe('completed');
    expect(r.requests).toBe(2);
    expect(waits(r.progress)).toEqual([expect.stringMatching(/JSON was cut off/)]);
  });
});

describe('bounded replies and honest labels', () => {
  it('a 50 MB reply is cut at the cap and the home skipped, not re-asked', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const r = await run('sk-test-huge', {}, { maxReplyBytes: 2 * 1024 * 1024 });
    expect(r.result.status).toBe('completed');
    expect(r.saved).toHaveLength(0);
    expect(r.result.skipped).toEqual([
      { index: 0, reason: 'truncated', message: expect.stringMatching(/far larger than any home/) },
    ]);
    expect(r.requests).toBe(1);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('a home of another type is re-asked once, then kept as its own type and said so', async () => {
    const r = await run('sk-test-other-type', { plan: [{ index: 0, homeType: 'condo', sizeCategory: 'small' }] });
    expect(r.requests).toBe(2);
    expect(r.saved.map((s) => s.homeType)).toEqual(['townhouse']);
    expect(r.saved[0]?.meta.note).toMatch(/made a townhouse although a condo was asked for; it is kept as a townhouse/);
  });
});

describe('Test key', () => {
  it('does not promise a retry it never makes', async () => {
    // A hung server (the mock's model list always answers): Test key makes one attempt and says so.
    const hung = createOpenAiClient({
      apiKey: 'sk-test-ok',
      baseUrl: mock.url,
      firstByteTimeoutMs: 50,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    });
    const failure = await hung.listModels().then(
      () => null,
      (e: unknown) => (e instanceof OpenAiError ? e.failure : null),
    );
    expect(failure?.kind).toBe('timeout');
    expect(failure?.message).toMatch(/Try again in a moment\.$/);
    expect(failure?.message).not.toMatch(/retrying/);
  });
});
