import { spawn } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, resolveChromium } from '../scripts/chromium-path';
import type { BenchResult } from './bench-result';

/**
 * What every in-browser benchmark shares: Chromium's flags (the same as the e2e tests'), waiting for the
 * server, and the page helpers below (clearing and reading the app's storage, collecting long tasks).
 * Functions run in the page define no named helpers inside: tsx would wrap them in a __name() the page lacks.
 */
export { CHROMIUM_ARGS };

/** Resolves once `url` answers 200, or throws after `ms`. */
export async function waitForServer(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not start on ${url}`);
}

/**
 * Runs one in-browser benchmark suite: serves the built app with `vite preview` on `port`, launches
 * Chromium, lets `measure` drive it, prints the results as JSON on stdout, and always cleans up.
 */
export function runBrowserBench(
  port: number,
  measure: (ctx: { browser: Browser; base: string; env: string }) => Promise<BenchResult[]>,
): void {
  const run = async (): Promise<void> => {
    const c = resolveChromium();
    if (!c.ok) throw new Error(c.message);
    const base = `http://127.0.0.1:${port}`;
    const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
      stdio: 'ignore',
    });
    let browser: Browser | null = null;
    try {
      await waitForServer(base, 30_000);
      browser = await chromium.launch({ executablePath: c.path, args: CHROMIUM_ARGS });
      const env = `headless Chromium ${browser.version()}, production build (vite preview)`;
      process.stdout.write(JSON.stringify(await measure({ browser, base, env })));
    } finally {
      await browser?.close();
      server.kill();
    }
  };
  run().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

/**
 * Deletes every IndexedDB database of the page's origin, after its localStorage when `localStorage` is set.
 * A blocked delete resolves too, so the page should hold no open connection (a fresh page).
 */
export async function deleteAllData(page: Page, options: { localStorage?: boolean } = {}): Promise<void> {
  await page.evaluate(async (clearLocalStorage) => {
    if (clearLocalStorage) localStorage.clear();
    const dbs = await indexedDB.databases();
    await Promise.all(
      dbs.map(
        (d) =>
          new Promise<void>((r) => {
            const q = indexedDB.deleteDatabase(d.name ?? '');
            q.onsuccess = q.onerror = q.onblocked = () => r();
          }),
      ),
    );
  }, options.localStorage === true);
}

/**
 * Every record of one object store of the app's database, read in the page. With `fields`, only those
 * fields of each record come back to Node (records can hold buffers the bench does not need).
 */
export async function readStore<T>(page: Page, store: string, fields?: readonly string[]): Promise<T[]> {
  return page.evaluate(
    ({ name, keep }) =>
      new Promise<T[]>((resolve, reject) => {
        const req = indexedDB.open('homesynth-workbench');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            const records = all.result as Record<string, unknown>[];
            const picked = keep === null ? records : records.map((r) => Object.fromEntries(keep.map((f) => [f, r[f]])));
            resolve(picked as T[]);
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    { name: store, keep: fields ?? null },
  );
}

/** Starts collecting the durations of main-thread long tasks (over 50 ms) into an emptied `window.__longTasks`. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

/** The long-task durations collected in `window.__longTasks` so far. */
export async function readLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}
