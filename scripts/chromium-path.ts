import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Where e2e tests and benchmarks find Chromium, in order: CHROMIUM_PATH, a Playwright-installed browser,
 * the system's /usr/bin/chromium. A missing browser is one clear line, never a hang.
 */
export function resolveChromium(): { ok: true; path: string } | { ok: false; message: string } {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { ok: true, path: fromEnv }
      : { ok: false, message: `CHROMIUM_PATH is set to ${fromEnv}, but no file is there.` };
  }
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return { ok: true, path: bundled };
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(p)) return { ok: true, path: p };
  }
  return {
    ok: false,
    message:
      'No Chromium found for the browser tests: install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.',
  };
}

/** Flags for Chromium on this closed network, as root: without the background-networking ones it keeps calling Google hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
