/** What every in-browser benchmark shares: Chromium's flags (the same as the e2e tests') and waiting for the server. */
export { CHROMIUM_ARGS } from '../scripts/chromium-path';

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
