import 'fake-indexeddb/auto';
import { expose, proxy, releaseProxy, wrap } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { simulateHomeEvents } from '../domain/homes/event-simulator';
import { fromOriginalHomeJson } from '../domain/homes/home-export';
import {
  OPENAI_ERROR_BODIES as BODIES,
  completionChunks,
  createFakeClock,
  homeReplyFor,
  jsonResponse,
  scriptedFetch,
  sseResponse,
  type ScriptStep,
} from '../llm/openai-test-kit';
import { STORE_NAMES, openWorkbenchDb } from '../storage/db';
import { getHomesRun, listHomes, readHomeEvents } from '../storage/homes-repo';
import type { HomesApi, HomesProgress, HomesRunRequest, LlmConnection } from './homes.api';
import type { WorkerProgress } from './job-types';
import { createHomesEndpoint } from './homes.endpoint';
import { createHomesService } from '../services/homes-service';

const KEY = 'sk-proj-SECRETendpointKey_0123456789abcdef';
// A model that follows the plan: the home type the request asks for (another type would be re-asked).
const okStream = (): ScriptStep => (call) =>
  sseResponse(completionChunks({ content: homeReplyFor(call) }), { requestId: 'req_home' });
const LLM: LlmConnection = { baseUrl: 'https://api.openai.com/v1', model: 'gpt-6-luna', rpm: 60 };

let n = 0;
let dbSeq = 0;
const freshDbName = (): string => `homes-endpoint-${dbSeq++}`;
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function connect(dbName: string, steps: readonly ScriptStep[] = [okStream()]) {
  const clock = createFakeClock(1_750_000_000_000);
  const scripted = scriptedFetch(steps);
  const { port1, port2 } = new MessageChannel();
  const service = createHomesService({
    openDb: () => openWorkbenchDb(dbName),
    fetch: scripted.fetch,
    crypto,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
  expose(createHomesEndpoint(service), port2 as never);
  const api = wrap<HomesApi>(port1 as never);
  cleanups.push(() => {
    api[releaseProxy]();
    port1.close();
    port2.close();
  });
  return { api, calls: scripted.calls, clock };
}

function request(over: Partial<HomesRunRequest> = {}): HomesRunRequest {
  n += 1;
  return {
    jobId: `job-${n}`,
    runId: `run-${n}`,
    source: 'llm',
    count: 3,
    homeTypes: null,
    sizes: null,
    seed: 11,
    days: 2,
    startDate: '2025-03-03',
    timeZone: 'Europe/Berlin',
    llm: LLM,
    ...over,
  };
}

const progressLog = () => {
  const log: HomesProgress[] = [];
  return { log, fn: proxy((p: HomesProgress) => void log.push(p)) };
};

/** Every record of every store as text, typed arrays included both as numbers and as Latin-1 bytes. */
async function dumpDatabase(dbName: string): Promise<string> {
  const db = await openWorkbenchDb(dbName);
  const parts: string[] = [];
  for (const store of STORE_NAMES) {
    for (const value of await db.getAll(store)) {
      parts.push(
        JSON.stringify(value, (_k, v: unknown) => {
          if (ArrayBuffer.isView(v)) {
            const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
            return `${Array.from(bytes).join(',')}|${String.fromCharCode(...bytes)}`;
          }
          return v;
        }),
      );
    }
  }
  db.close();
  return parts.join('\n');
}

describe('homes worker over a MessageChannel: LLM runs', () => {
  it('synthesises, validates and saves each home with its events, tokens and cost', async () => {
    const dbName = freshDbName();
    const { api, calls } = connect(dbName);
    expect(await api.setKey(`  ${KEY}\n`)).toEqual({ inMemory: true, remembered: false });
    const p = progressLog();
    // 1 RPM: one request in flight at a time (virtual time), so each progress event is exact.
    const result = await api.startRun(request({ llm: { ...LLM, rpm: 1 } }), p.fn);
    expect(result.saved).toBe(3);
    expect(result.run).toMatchObject({
      status: 'completed',
      message: null,
      done: [0, 1, 2],
      skipped: [],
      firstNumber: 1,
    });
    // completionChunks reports 900 prompt + 1500 completion tokens per reply; gpt-6-luna is $0.10 / $0.50 per 1M.
    expect(result.run.totals).toEqual({
      requests: 3,
      retries: 0,
      rateLimitWaits: 0,
      inputTokens: 2700,
      outputTokens: 4500,
      costUsd: 0.00252,
    });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(p.log.filter((e) => e.savedHomeId !== null).map((e) => e.savedHomeId)).toEqual([
      'home_001',
      'home_002',
      'home_003',
    ]);
    expect(p.log.at(-1)).toMatchObject({ fraction: 1, done: 3, planned: 3 });
    // Live totals count a reply's tokens as soon as it arrives: the first save already shows them.
    expect(p.log.find((e) => e.savedHomeId === 'home_001')?.totals).toMatchObject({
      requests: 1,
      inputTokens: 900,
      outputTokens: 1500,
    });

    const db = await openWorkbenchDb(dbName);
    const homes = await listHomes(db);
    expect(homes.map((h) => [h.id, h.source, h.name, h.llm?.request_id, h.llm?.input_tokens])).toEqual([
      ['home_001', 'llm', 'Maple Row Townhouse', 'req_home', 900],
      ['home_002', 'llm', 'Maple Row Townhouse', 'req_home', 900],
      ['home_003', 'llm', 'Maple Row Townhouse', 'req_home', 900],
    ]);
    expect(homes[0]?.costUsd).toBeCloseTo(0.00084, 10);
    // Events are simulated from (run seed, home id): stored exactly as a fresh simulation gives them.
    const home = homes[0];
    if (home === undefined) throw new Error('no home');
    const stored = await readHomeEvents(db, home.id);
    const again = simulateHomeEvents(home, { startDate: '2025-03-03', days: 2, timeZone: 'Europe/Berlin', seed: 11 });
    expect(stored?.time).toEqual(again.time);
    expect(stored?.entityIndex).toEqual(again.entityIndex);
    expect(home.eventCount).toBe(again.time.length);
    expect(home.eventCount).toBeGreaterThan(0);
    db.close();

    const view = await api.homeView('home_002');
    expect(view?.heatmap.reduce((s, v) => s + v, 0)).toBe(view?.home.eventCount);
    expect(view?.perDevice.reduce((s, v) => s + v, 0)).toBe(view?.home.eventCount);
    expect(Object.values(view?.byDomain ?? {}).reduce((s, v) => s + v, 0)).toBe(view?.home.eventCount);
    // Nights run past midnight, so a 2-day simulation ends in the small hours of the third local day.
    expect(view?.perDay.dates).toEqual(['2025-03-03', '2025-03-04', '2025-03-05']);
    expect(await api.homeView('home_999')).toBeNull();
  });

  it('stops at a quota error after exactly one request, keeps nothing half-done and can resume', async () => {
    const dbName = freshDbName();
    const { api, calls } = connect(dbName, [jsonResponse(429, BODIES.creditExhausted), okStream()]);
    await api.setKey(KEY);
    // 1 RPM: one request at a time, so "exactly one request" does not depend on how fast the 429 comes back.
    const result = await api.startRun(
      request({ count: 4, llm: { ...LLM, rpm: 1 } }),
      proxy(() => undefined),
    );
    expect(calls).toHaveLength(1);
    expect(result.run.status).toBe('quota');
    expect(result.run.message).toMatch(
      /credit balance is used up\. Add credit on the OpenAI billing page \(https:\/\/platform\.openai\.com/,
    );
    expect(result.run.done).toEqual([]);
    const resumed = await api.resumeRun(
      'job-resume-quota',
      null,
      proxy(() => undefined),
    );
    expect(resumed.run).toMatchObject({ status: 'completed', done: [0, 1, 2, 3] });
    expect(calls).toHaveLength(5);
    expect(resumed.run.totals.requests).toBe(5);
  });

  it('waits out rate limits for the time the message states, then completes', async () => {
    const dbName = freshDbName();
    const { api, calls, clock } = connect(dbName, [
      jsonResponse(429, BODIES.rateLimitRequests('20ms')),
      jsonResponse(429, BODIES.rateLimitRequests('1.5s')),
      okStream(),
    ]);
    await api.setKey(KEY);
    const p = progressLog();
    const result = await api.startRun(request({ count: 2 }), p.fn);
    expect(result.run).toMatchObject({ status: 'completed', done: [0, 1] });
    expect(result.run.totals).toMatchObject({ requests: 4, rateLimitWaits: 2, retries: 0 });
    expect(calls).toHaveLength(4);
    expect(p.log.some((e) => /rate limit reached; waiting 1\.5 s/i.test(e.activity))).toBe(true);
    // The stated 1.5 s (plus at most 20 % jitter) passed in virtual time before the next request.
    expect(clock.time()).toBeGreaterThanOrEqual(1_750_000_000_000 + 1500);
  });

  it('retries server errors a bounded number of times, then stops with the homes so far kept', async () => {
    const dbName = freshDbName();
    const { api, calls } = connect(dbName, [okStream(), jsonResponse(500, BODIES.serverError)]);
    await api.setKey(KEY);
    const result = await api.startRun(
      request({ count: 3, llm: { ...LLM, rpm: 1 } }),
      proxy(() => undefined),
    );
    expect(result.run).toMatchObject({ status: 'failed', done: [0] });
    expect(result.run.message).toMatch(/Gave up after 3 retries/);
    // Home 1, then home 2: the first attempt and 3 retries.
    expect(calls).toHaveLength(5);
    expect(result.run.totals).toMatchObject({ requests: 5, retries: 3 });
  });

  it('asks for another model on 404 model_not_found, and resumes with the new model', async () => {
    const dbName = freshDbName();
    const { api, calls } = connect(dbName, [jsonResponse(404, BODIES.modelNotFound('gpt-nope')), okStream()]);
    await api.setKey(KEY);
    const result = await api.startRun(
      request({ count: 2, llm: { ...LLM, model: 'gpt-nope', rpm: 1 } }),
      proxy(() => undefined),
    );
    expect(result.run.status).toBe('model');
    expect(result.run.message).toMatch(/"gpt-nope" does not exist.*Pick another model in Settings/);
    const resumed = await api.resumeRun(
      'job-model',
      { ...LLM, model: 'gpt-5.4-nano' },
      proxy(() => undefined),
    );
    expect(resumed.run).toMatchObject({ status: 'completed', llm: { model: 'gpt-5.4-nano' } });
    expect(calls.at(-1)?.body).toMatchObject({ model: 'gpt-5.4-nano' });
  });

  it('cancels mid-run keeping the saved homes, then resumes from what is not done', async () => {
    const dbName = freshDbName();
    // Home 2's request hangs until the cancel aborts it, as a slow server would.
    const hangUntilAbort: ScriptStep = (_call, signal) =>
      new Promise<Response>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')), {
          once: true,
        });
      });
    const { api, calls } = connect(dbName, [okStream(), hangUntilAbort, okStream()]);
    await api.setKey(KEY);
    // 1 RPM allows one request in flight: home 3 cannot start while home 2 hangs.
    const req = request({ count: 3, llm: { ...LLM, rpm: 1 } });
    const result = await api.startRun(
      req,
      proxy((p: HomesProgress) => {
        if (p.activity.startsWith('Asking for home 2')) void api.cancel(req.jobId);
      }),
    );
    expect(calls).toHaveLength(2);
    expect(result.run.status).toBe('cancelled');
    expect(result.run.done).toEqual([0]);
    expect(result.run.message).toMatch(/Cancelled/);
    const before = calls.length;
    const resumed = await api.resumeRun(
      'job-resume',
      null,
      proxy(() => undefined),
    );
    expect(resumed.run).toMatchObject({ status: 'completed', done: [0, 1, 2] });
    expect(resumed.saved).toBe(2);
    expect(calls.length - before).toBe(2);
    const db = await openWorkbenchDb(dbName);
    expect((await listHomes(db)).map((h) => h.id)).toEqual(['home_001', 'home_002', 'home_003']);
    db.close();
  });

  it('refuses to start without a key and creates no run', async () => {
    const dbName = freshDbName();
    const { api, calls } = connect(dbName);
    await expect(
      api.startRun(
        request(),
        proxy(() => undefined),
      ),
    ).rejects.toThrow(/No OpenAI API key is set/);
    await expect(api.setKey('not a key')).rejects.toThrow(/does not look like an API key/);
    expect(calls).toHaveLength(0);
    const db = await openWorkbenchDb(dbName);
    expect(await getHomesRun(db)).toBeNull();
    db.close();
  });
});

describe('homes worker: template runs and determinism', () => {
  it('makes template homes with no key and no request, identical across re-runs and across cancel + resume', async () => {
    const straightDb = freshDbName();
    const straight = connect(straightDb);
    const whole = await straight.api.startRun(
      request({ source: 'template', llm: null, count: 4, seed: 5 }),
      proxy(() => undefined),
    );
    expect(whole.run).toMatchObject({ status: 'completed', done: [0, 1, 2, 3], totals: { requests: 0, costUsd: 0 } });
    expect(straight.calls).toHaveLength(0);

    const interruptedDb = freshDbName();
    const other = connect(interruptedDb);
    const req = request({ source: 'template', llm: null, count: 4, seed: 5 });
    const first = await other.api.startRun(
      req,
      proxy((p: HomesProgress) => {
        if (p.savedHomeId === 'home_002') void other.api.cancel(req.jobId);
      }),
    );
    // The cancel crosses the worker boundary while the run goes on: it lands after home 2, or one home later.
    expect(first.run.status).toBe('cancelled');
    expect([
      [0, 1],
      [0, 1, 2],
    ]).toContainEqual(first.run.done);
    const rest = await other.api.resumeRun(
      'job-t',
      null,
      proxy(() => undefined),
    );
    expect(rest.run).toMatchObject({ status: 'completed', done: [0, 1, 2, 3] });

    const a = await openWorkbenchDb(straightDb);
    const b = await openWorkbenchDb(interruptedDb);
    const homesA = await listHomes(a);
    const homesB = await listHomes(b);
    expect(homesA.map((h) => h.source)).toEqual(['template', 'template', 'template', 'template']);
    const content = (h: (typeof homesA)[number]) => [
      h.id,
      h.name,
      h.home_type,
      h.size_category,
      h.occupants,
      h.areas,
      h.devices,
      h.eventCount,
    ];
    expect(homesB.map(content)).toEqual(homesA.map(content));
    for (const h of homesA) {
      const ea = await readHomeEvents(a, h.id);
      const eb = await readHomeEvents(b, h.id);
      expect(eb?.time).toEqual(ea?.time);
      expect(eb?.entityIndex).toEqual(ea?.entityIndex);
      expect(eb?.states).toEqual(ea?.states);
      expect(eb?.state).toEqual(ea?.state);
    }
    a.close();
    b.close();
  });

  it('numbers a second run after the first and exports home files, an archive and summary.json', async () => {
    const dbName = freshDbName();
    const { api } = connect(dbName);
    await api.startRun(
      request({ source: 'template', llm: null, count: 2, homeTypes: ['studio'], sizes: ['small'] }),
      proxy(() => undefined),
    );
    const second = await api.startRun(
      request({ source: 'template', llm: null, count: 1, homeTypes: ['condo'] }),
      proxy(() => undefined),
    );
    expect(second.run.firstNumber).toBe(3);
    const file = await api.exportHome('home_002');
    expect(file.fileName).toBe('home_002.json');
    const parsed = fromOriginalHomeJson(JSON.parse(await file.blob.text()));
    expect(parsed.home).toMatchObject({
      id: 'home_002',
      home_type: 'studio',
      size_category: 'small',
      source: 'template',
    });
    expect(parsed.events.time.length).toBeGreaterThan(0);
    const summary = JSON.parse(await (await api.exportSummary()).blob.text()) as Record<string, unknown>;
    expect(summary).toMatchObject({ total_homes: 3, home_types: { condo: 1, studio: 2 } });
    const homesDone: number[] = [];
    const zip = await api.exportAllHomes(
      'zip-1',
      proxy((p: WorkerProgress) => homesDone.push(p.fraction)),
    );
    expect(zip.fileName).toBe('homes.zip');
    // One report per home; progress crosses on its own port.
    await expect.poll(() => homesDone).toEqual([1 / 3, 2 / 3, 1]);
    // A cancel sent right after the start reaches the worker while it reads the first home: it stops there.
    const reported: number[] = [];
    const cancelled = api.exportEventsParquet(
      'events-1',
      proxy((p: WorkerProgress) => reported.push(p.fraction)),
    );
    void api.cancel('events-1');
    await expect(cancelled).rejects.toThrow(/cancelled/);
    // It stopped at its first home: no report of a finished export came, or will come.
    await new Promise((r) => setTimeout(r, 50));
    expect(reported).toEqual([]);
    const events = await api.exportEventsParquet(
      'events-1',
      proxy(() => undefined),
    );
    expect(events.fileName).toBe('homes.events.parquet');
    const text = new TextDecoder('latin1').decode(await zip.blob.arrayBuffer());
    for (const name of ['home_001.json', 'home_002.json', 'home_003.json', 'summary.json'])
      expect(text).toContain(name);
    await expect(api.exportHome('home_404')).rejects.toThrow(/no home home_404/);
  });

  it('makes survey-statistics homes with no key and exports them with their source', async () => {
    const dbName = freshDbName();
    const { api, calls } = connect(dbName);
    const result = await api.startRun(
      request({ source: 'survey', llm: null, count: 3, seed: 12 }),
      proxy(() => undefined),
    );
    expect(result.run).toMatchObject({ source: 'survey', status: 'completed', done: [0, 1, 2] });
    expect(calls).toHaveLength(0);
    const db = await openWorkbenchDb(dbName);
    expect((await listHomes(db)).map((h) => h.source)).toEqual(['survey', 'survey', 'survey']);
    db.close();
    const parsed = fromOriginalHomeJson(JSON.parse(await (await api.exportHome('home_002')).blob.text()));
    expect(parsed.home).toMatchObject({ id: 'home_002', source: 'survey' });
    expect(parsed.home.name).toMatch(/^Survey home 2: /);
    expect(parsed.events.time.length).toBeGreaterThan(0);
  });

  it('exports a home as Home Assistant history CSV and state_changed event JSON, one row and event per stored event', async () => {
    const dbName = freshDbName();
    const { api } = connect(dbName);
    await api.startRun(
      request({ source: 'template', llm: null, count: 1, homeTypes: ['studio'], sizes: ['small'] }),
      proxy(() => undefined),
    );
    const db = await openWorkbenchDb(dbName);
    const events = await readHomeEvents(db, 'home_001');
    const [home] = await listHomes(db);
    db.close();
    const count = events?.time.length ?? 0;
    expect(count).toBeGreaterThan(0);
    const csvFile = await api.exportHomeHistory('home_001', 'csv');
    expect(csvFile.fileName).toBe('home_001_history.csv');
    const lines = (await csvFile.blob.text()).split('\r\n');
    expect(lines[0]).toBe('entity_id,state,last_changed');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(count);
    expect(lines[1]).toMatch(/^[a-z_]+\.[a-z0-9_]+,.*,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const jsonFile = await api.exportHomeHistory('home_001', 'events-json');
    expect(jsonFile.fileName).toBe('home_001_events.json');
    const list = JSON.parse(await jsonFile.blob.text()) as {
      event_type: string;
      data: { entity_id: string; old_state: unknown };
    }[];
    expect(list).toHaveLength(count);
    expect(list.every((e) => e.event_type === 'state_changed')).toBe(true);
    const firsts = new Set<string>();
    for (const e of list) {
      expect(e.data.old_state === null).toBe(!firsts.has(e.data.entity_id));
      firsts.add(e.data.entity_id);
    }
    expect(firsts.size).toBeLessThanOrEqual(home?.devices.length ?? 0);
    await expect(api.exportHomeHistory('home_404', 'csv')).rejects.toThrow(/no home home_404/);
  });
});

describe('homes worker: the key', () => {
  it('remembers the key only encrypted, unlocks it after a "reload" with the passphrase, and forgets every tier', async () => {
    const dbName = freshDbName();
    const first = connect(dbName);
    await expect(first.api.rememberKey('long passphrase')).rejects.toThrow(/Enter the key first/);
    await first.api.setKey(KEY);
    expect(await first.api.rememberKey('long passphrase')).toEqual({ inMemory: true, remembered: true });
    expect(await dumpDatabase(dbName)).not.toContain(KEY);

    // A new worker (after a reload): nothing in memory, the encrypted copy is there.
    const models = jsonResponse(200, {
      object: 'list',
      data: [{ id: 'gpt-6-luna', object: 'model', created: 1, owned_by: 'system' }],
    });
    const second = connect(dbName, [models]);
    expect(await second.api.keyStatus()).toEqual({ inMemory: false, remembered: true });
    expect(await second.api.testKey(LLM.baseUrl)).toMatchObject({ ok: false, kind: 'no_key' });
    await expect(second.api.unlockKey('wrong passphrase')).rejects.toThrow(/Wrong passphrase/);
    expect(await second.api.unlockKey('long passphrase')).toEqual({ inMemory: true, remembered: true });
    expect(await second.api.testKey(`${LLM.baseUrl}/`)).toEqual({
      ok: true,
      models: [{ id: 'gpt-6-luna', created: 1, ownedBy: 'system', shutdownDate: null }],
    });
    expect(second.calls[0]?.url).toBe('https://api.openai.com/v1/models');
    expect(await second.api.forgetKey()).toEqual({ inMemory: false, remembered: false });
    const db = await openWorkbenchDb(dbName);
    expect(await db.get('settings', 'openai.key.encrypted')).toBeUndefined();
    db.close();
  });

  it('keeps the key out of every stored record, error, progress message and export, even when servers echo it', async () => {
    const dbName = freshDbName();
    // A misconfigured proxy echoing the whole key in its 401 and in a refusal.
    const echo401 = jsonResponse(401, {
      error: {
        message: `Incorrect API key provided: ${KEY}.`,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    const refusal = sseResponse(completionChunks({ content: null, refusal: `I will not use ${KEY}` }));
    const { api } = connect(dbName, [echo401, okStream(), refusal, okStream()]);
    const texts: string[] = [];
    await api.setKey(KEY);
    const test = await api.testKey('https://api.openai.com/v1');
    expect(test).toMatchObject({ ok: false, kind: 'invalid_key', keyStatus: { inMemory: false } });
    texts.push(JSON.stringify(test));
    await api.setKey(KEY);
    await api.rememberKey('passphrase-1');
    const p = progressLog();
    const run = await api.startRun(request({ count: 3 }), p.fn);
    expect(run.run.status).toBe('completed');
    expect(run.run.skipped).toHaveLength(1);
    texts.push(JSON.stringify(run), ...p.log.map((e) => JSON.stringify(e)));
    await expect(api.setKey(`${KEY} extra`)).rejects.toThrow(/does not look like an API key/);
    try {
      await api.setKey(`${KEY} extra`);
    } catch (error) {
      texts.push(String(error), error instanceof Error ? (error.stack ?? '') : '');
    }
    const exports = [
      await api.exportHome('home_001'),
      await api.exportAllHomes(
        'zip',
        proxy(() => undefined),
      ),
      await api.exportSummary(),
    ];
    for (const f of exports) texts.push(new TextDecoder('latin1').decode(await f.blob.arrayBuffer()));
    texts.push(await dumpDatabase(dbName));
    const all = texts.join('\n');
    expect(all).toContain('[redacted]');
    expect(all).not.toContain(KEY);
    expect(all).not.toContain('SECRETendpointKey');
  });
});
