// Homes benchmarks against the built app in headless Chromium; prints a JSON array of BenchResult.
// 1. 100 template homes × 90 days generated and stored in the homes worker (target ≤ 5 s), with peak memory.
// 2. The LLM path against the local mock OpenAI server at 60 RPM, 100 homes (target ≤ 110 s), and the
//    requests a quota error costs (target: 1 request, 0 retries).
// Run: npx vite build && npx tsx bench/homes.browser.bench.ts [--skip-llm]
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startMockOpenAi, type MockOpenAi } from '../e2e/mock-openai/server';
import { resolveChromium } from '../scripts/chromium-path';
import { summarise, type BenchResult } from './bench-result';
import { CHROMIUM_ARGS, deleteAllData, waitForServer } from './browser-kit';

const PORT = 4176;
const BASE = `http://127.0.0.1:${PORT}`;
const MARKER = `--homesynth-homes-bench=${process.pid}`;
// ForceEagerMeasureMemory: performance.measureUserAgentSpecificMemory() answers at once instead of at the next GC.
const ARGS = [...CHROMIUM_ARGS, '--enable-blink-features=ForceEagerMeasureMemory', MARKER];
const TEMPLATE_RUNS = 3;
const MB = 1024 * 1024;

/**
 * Proportional set size of this benchmark's Chromium renderer processes (the page and its workers live
 * there; IndexedDB's backing store is in the browser process and is not counted), from /proc. Null off Linux.
 */
function rendererPssBytes(): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      parent.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(e), readFileSync(`/proc/${e}/cmdline`, 'utf8'));
    } catch {
      /* the process ended meanwhile */
    }
  }
  const root = [...cmd].find(([, c]) => c.includes(MARKER) && !c.includes('--type='))?.[0];
  if (root === undefined) return null;
  const descends = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = parent.get(p) ?? 0, hops++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, c] of cmd) {
    if (!c.includes('--type=renderer') || !descends(pid)) continue;
    try {
      // PSS, not RSS: shared pages (the Chromium binary, V8 snapshots) count once across processes.
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += Number(m?.[1] ?? 0) * 1024;
    } catch {
      /* ended */
    }
  }
  return total;
}

/** Samples renderer PSS every 100 ms until stopped; resolves with the peak. */
function samplePss(): { stop: () => number | null } {
  let peak: number | null = null;
  const timer = setInterval(() => {
    const v = rendererPssBytes();
    if (v !== null) peak = Math.max(peak ?? 0, v);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

async function clearData(page: Page): Promise<void> {
  await page.goto(`${BASE}/homes`);
  await deleteAllData(page, { localStorage: true });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Homes' }).waitFor();
}

/** The stored run's duration as the worker measured it (run start to outcome recorded) and its totals. */
async function storedRun(
  page: Page,
): Promise<{ ms: number; done: number; requests: number; retries: number; rateLimitWaits: number; events: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('homesynth-workbench');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(['settings', 'homes'], 'readonly');
          const run = tx.objectStore('settings').get('homes.run');
          const homes = tx.objectStore('homes').getAll();
          tx.oncomplete = () => {
            const r = (
              run.result as {
                value: {
                  createdAt: number;
                  updatedAt: number;
                  done: number[];
                  totals: { requests: number; retries: number; rateLimitWaits: number };
                };
              }
            ).value;
            const events = (homes.result as { eventCount: number }[]).reduce((s, h) => s + h.eventCount, 0);
            req.result.close();
            resolve({
              ms: r.updatedAt - r.createdAt,
              done: r.done.length,
              requests: r.totals.requests,
              retries: r.totals.retries,
              rateLimitWaits: r.totals.rateLimitWaits,
              events,
            });
          };
        };
      }),
  );
}

async function startRun(page: Page, source: 'template' | 'llm', count: number): Promise<void> {
  const form = page.getByRole('form', { name: 'Make homes' });
  await form
    .getByRole('radio', { name: source === 'llm' ? 'OpenAI (your key)' : 'Templates (offline, no key)' })
    .check();
  await form.getByLabel('Homes', { exact: true }).fill(String(count));
  await form.getByLabel('Days of events').fill('90');
  await form.getByLabel('Start date').fill('2025-01-06');
  await form.getByLabel('Time zone').fill('Europe/Berlin');
  await form.getByLabel('Seed').fill('42');
  await form.getByRole('button', { name: 'Make homes' }).click();
}

/** Page-side sampling of performance.measureUserAgentSpecificMemory(): total and dedicated-worker bytes. */
async function startMemorySampling(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    type Measure = { bytes: number; breakdown: { bytes: number; attribution: { scope?: string }[] }[] };
    const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<Measure> };
    const w = window as unknown as { __mem: { total: number; worker: number; samples: number; on: boolean } };
    w.__mem = { total: 0, worker: 0, samples: 0, on: true };
    if (typeof perf.measureUserAgentSpecificMemory !== 'function' || !crossOriginIsolated) return false;
    const measure = perf.measureUserAgentSpecificMemory.bind(perf);
    void (async () => {
      while (w.__mem.on) {
        const m = await measure();
        const worker = m.breakdown
          .filter((b) => b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'))
          .reduce((s, b) => s + b.bytes, 0);
        w.__mem.total = Math.max(w.__mem.total, m.bytes);
        w.__mem.worker = Math.max(w.__mem.worker, worker);
        w.__mem.samples += 1;
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    return true;
  });
}

async function stopMemorySampling(page: Page): Promise<{ total: number; worker: number; samples: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __mem: { total: number; worker: number; samples: number; on: boolean } };
    w.__mem.on = false;
    return { total: w.__mem.total, worker: w.__mem.worker, samples: w.__mem.samples };
  });
}

async function templateRun(page: Page): Promise<{ ms: number; events: number }> {
  await startRun(page, 'template', 100);
  await page.getByText(/^Last run: 100 of 100 homes/).waitFor({ timeout: 300_000 });
  const r = await storedRun(page);
  if (r.done !== 100) throw new Error(`template run made ${r.done} homes`);
  return { ms: r.ms, events: r.events };
}

async function templateBench(browser: Browser, env: string): Promise<BenchResult[]> {
  // Timing: warm runs in one tab, like the classic benchmark (the first also warms the worker's JIT).
  let ctx = await browser.newContext();
  let page = await ctx.newPage();
  const times: number[] = [];
  let events = 0;
  for (let run = 0; run < TEMPLATE_RUNS; run++) {
    await clearData(page);
    const r = await templateRun(page);
    times.push(r.ms / 1000);
    events = r.events;
    console.error(`template run ${run + 1}: ${(r.ms / 1000).toFixed(2)} s, ${r.events.toLocaleString('en-US')} events`);
  }
  await ctx.close();

  // Memory: a fresh tab (a new renderer), its PSS sampled from outside, so the measurement costs the run nothing.
  ctx = await browser.newContext();
  page = await ctx.newPage();
  await clearData(page);
  const baseline = rendererPssBytes();
  const pss = samplePss();
  await templateRun(page);
  const peak = pss.stop();
  console.error(
    `renderer PSS in a fresh tab: ${baseline === null ? '?' : (baseline / MB).toFixed(0)} MB before, peak ${peak === null ? '?' : (peak / MB).toFixed(0)} MB`,
  );

  // JS heap: in-page measurement (it may force GCs, so this run is neither timed nor used for PSS).
  await clearData(page);
  const sampling = await startMemorySampling(page);
  await templateRun(page);
  const mem = await stopMemorySampling(page);
  await ctx.close();

  const results = [
    summarise(
      `100 template homes × 90 days generated and stored in the homes worker (${events.toLocaleString('en-US')} events)`,
      's',
      times,
      env,
      { op: '<=', value: 5 },
    ),
  ];
  if (peak !== null) {
    const how = `${env}; /proc smaps_rollup Pss of the tab's renderer processes sampled every 100 ms, fresh tab (${baseline === null ? '?' : (baseline / MB).toFixed(0)} MB before the run)`;
    results.push(
      summarise('peak renderer PSS (page + workers) during 100 template homes × 90 days', 'MB', [peak / MB], how, {
        op: '<=',
        value: 300,
      }),
    );
  }
  if (sampling && mem.samples > 0) {
    const how = `${env}; performance.measureUserAgentSpecificMemory sampled ${mem.samples}× (eager mode, live objects after GC)`;
    results.push(
      summarise(
        'peak live JS heap of the homes worker during 100 template homes × 90 days',
        'MB',
        [mem.worker / MB],
        how,
      ),
    );
    results.push(
      summarise('peak live JS heap of page + workers during 100 template homes × 90 days', 'MB', [mem.total / MB], how),
    );
  }
  return results;
}

async function configureMock(page: Page, mock: MockOpenAi, key: string, rpm: number): Promise<void> {
  await page.goto(`${BASE}/settings`);
  const form = page.getByRole('form', { name: 'Connection' });
  await form.getByLabel('Base URL').fill(mock.url);
  await form.getByLabel('Model').fill('gpt-6-luna');
  await form.getByLabel('Requests per minute').fill(String(rpm));
  await form.getByRole('button', { name: 'Save connection' }).click();
  await page.getByText('Connection settings saved.').waitFor();
  await page.getByLabel('API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Use this key' }).click();
  await page.getByText(/^Key: In memory for this session/).waitFor();
  // In-app navigation keeps the homes worker, and the key it holds.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Homes' }).click();
}

async function llmBench(browser: Browser, env: string): Promise<BenchResult[]> {
  const mock = await startMockOpenAi({ maxLifetimeMs: 15 * 60_000 });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  try {
    await clearData(page);
    await configureMock(page, mock, 'sk-test-ok', 60);
    await startRun(page, 'llm', 100);
    await page.getByText(/^Last run: 100 of 100 homes/).waitFor({ timeout: 600_000 });
    const r = await storedRun(page);
    console.error(
      `LLM run: ${(r.ms / 1000).toFixed(1)} s, ${r.requests} requests, ${r.retries} retries, ${r.rateLimitWaits} rate-limit waits`,
    );

    await clearData(page);
    await configureMock(page, mock, 'sk-test-quota', 60);
    await startRun(page, 'llm', 10);
    await page
      .getByRole('heading', { name: 'The last run stopped: no OpenAI quota left' })
      .waitFor({ timeout: 60_000 });
    const quotaRequests = mock.counts()['sk-test-quota'] ?? 0;
    const mockEnv = `${env}; mock OpenAI on 127.0.0.1 (5 ms SSE chunks), gpt-6-luna, 60 RPM budget`;
    return [
      summarise(
        `LLM path: 100 homes against the mock at 60 RPM (${r.requests} requests, ${r.retries} retries)`,
        's',
        [r.ms / 1000],
        mockEnv,
        { op: '<=', value: 110 },
      ),
      summarise('requests sent after a quota error (10 planned homes)', 'requests', [quotaRequests - 1], mockEnv, {
        op: '<=',
        value: 0,
      }),
    ];
  } finally {
    await ctx.close();
    await mock.close();
  }
}

async function main(): Promise<void> {
  const c = resolveChromium();
  if (!c.ok) throw new Error(c.message);
  // Its own process group, so the stop reaches vite and not only the npx wrapper.
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  let browser: Browser | null = null;
  try {
    await waitForServer(BASE, 30_000);
    browser = await chromium.launch({ executablePath: c.path, args: ARGS });
    const env = `headless Chromium ${browser.version()}, production build (vite preview)`;
    const results = await templateBench(browser, env);
    if (!process.argv.includes('--skip-llm')) results.push(...(await llmBench(browser, env)));
    process.stdout.write(JSON.stringify(results));
  } finally {
    await browser?.close();
    if (server.pid !== undefined) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        server.kill();
      }
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
