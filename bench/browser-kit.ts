import { spawn } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, resolveChromium } from '../scripts/chromium-path';
import type { BenchResult } from './bench-result';

/** What every in-browser benchmark shares: Chromium's flags (the same as the e2e tests') and waiting for the server. */
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
