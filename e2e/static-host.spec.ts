import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The built app on a plain static host (scripts/static-server.mjs, started by playwright.config.ts): files,
 * a 404.html fallback for unknown paths, and no custom headers: no COOP/COEP, no CSP header. Every test
 * gets a fresh browser context, so it starts without a service worker and with empty storage.
 */
const HOST = 'http://127.0.0.1:4180';

/** Waits for the service worker to install, take control and reload the page once into isolation. */
async function waitForIsolation(page: Page): Promise<void> {
  await expect
    .poll(
      () => page.evaluate(() => crossOriginIsolated && navigator.serviceWorker.controller !== null).catch(() => false),
      { timeout: 60_000 },
    )
    .toBe(true);
}

async function generateClassic(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datasets' }).click();
  await page.getByRole('radio', { name: /Classic/ }).check();
  const form = page.getByRole('form', { name: 'New classic dataset' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Samples (rows)').fill('500');
  await form.getByLabel('Seed').fill('11');
  await form.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

/** A one-epoch training run on the datasets there are: the wasm backend loads and the run finishes. */
async function trainBriefly(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
  const training = page.getByRole('form', { name: 'New training run' });
  await training.getByText('Network and training settings').click();
  await training.getByLabel('Max epochs').fill('1');
  await training.getByLabel('Bootstrap resamples').fill('200');
  await training.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByText(/Backend: wasm/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Training runs' }).getByRole('cell', { name: 'done' })).toBeVisible({
    timeout: 120_000,
  });
}

test.describe('served from a plain static host', () => {
  test('a deep link loads the app from the 404.html fallback', async ({ page, errors }) => {
    // The host answers a deep link with status 404 (and the app as the body), which Chromium logs as a
    // console error; those lines, one per such document, are expected here and nothing else is.
    let documents404 = 0;
    page.on('response', (r) => {
      if (r.request().isNavigationRequest() && r.status() === 404) documents404++;
    });
    const response = await page.goto(`${HOST}/training`);
    expect(response?.status()).toBe(404);
    expect(response?.headers()['cross-origin-embedder-policy']).toBeUndefined();
    await expect(page.getByRole('heading', { level: 1, name: 'Training' })).toBeVisible();
    await expect(page).toHaveURL(`${HOST}/training`);
    // The same Content-Security-Policy as everywhere, from the meta tag.
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      /script-src 'self' 'wasm-unsafe-eval'/,
    );
    // A shared dataset link that names no stored dataset still boots the app.
    await page.goto(`${HOST}/datasets/00000000-0000-4000-8000-000000000000`);
    await expect(page.getByRole('link', { name: 'HomeSynth Workbench' })).toBeVisible();
    expect(documents404).toBe(2);
    const notFound = 'console.error: Failed to load resource: the server responded with a status of 404 (Not Found)';
    expect(errors.filter((e) => e === notFound)).toHaveLength(documents404);
    errors.splice(0, errors.length, ...errors.filter((e) => e !== notFound));
  });

  test('becomes cross-origin isolated through the service worker, with a single reload', async ({ page }) => {
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    // The site root is a real file (index.html): no 404 document; the app moves on to /datasets.
    await page.goto(`${HOST}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
    await waitForIsolation(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
    // One load without the worker, one reload under it: no loop.
    await page.waitForTimeout(1000);
    expect(loads).toHaveLength(2);
    // A later visit is isolated from the start, and deep links are served by the worker.
    const response = await page.goto(`${HOST}/compare`);
    expect(response?.fromServiceWorker()).toBe(true);
    expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
    expect(loads).toHaveLength(3);
  });

  test('reloads offline: the app, its stored datasets, deep links, generation and training still work', async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000);
    await page.goto(`${HOST}/`);
    await waitForIsolation(page);
    await generateClassic(page, 'Static online');

    await context.setOffline(true);
    // Really offline: a file the worker did not precache cannot be fetched (checked in a page of its own,
    // so the expected network error does not count as an error of the app's page).
    const probe = await context.newPage();
    await probe.goto(`${HOST}/settings`);
    expect(
      await probe.evaluate(() =>
        fetch('/not-precached.txt').then(
          () => 'fetched',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    await probe.close();

    await page.reload();
    await expect(page.getByRole('link', { name: 'HomeSynth Workbench' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Static online' })).toBeVisible();
    await page.goto(`${HOST}/datasets`);
    await expect(
      page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'Static online' }),
    ).toBeVisible();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    // A lazily loaded page and a worker come from the precache too.
    await page.goto(`${HOST}/training`);
    await expect(page.getByRole('heading', { level: 1, name: 'Training' })).toBeVisible();
    await generateClassic(page, 'Static offline');
    await page.getByRole('link', { name: '← All datasets' }).click();
    const list = page.getByRole('table', { name: 'Datasets' });
    await expect(list.getByRole('link', { name: 'Static online' })).toBeVisible();
    await expect(list.getByRole('link', { name: 'Static offline' })).toBeVisible();
    // TF.js and its .wasm files, offline, in a worker of an isolated page.
    await trainBriefly(page);
  });

  test('a new deployment is offered in a banner and applied only on Reload', async ({ page }) => {
    // A host of its own, on a copy of dist/ that this test can "deploy" to.
    const root = mkdtempSync(join(tmpdir(), 'homesynth-static-'));
    cpSync('dist', root, { recursive: true });
    const server = spawn(process.execPath, ['scripts/static-server.mjs', '--port', '4181', '--root', root], {
      stdio: 'ignore',
    });
    try {
      const host = 'http://127.0.0.1:4181';
      await expect
        .poll(
          () =>
            fetch(`${host}/`).then(
              (r) => r.status,
              () => 0,
            ),
          { timeout: 10_000 },
        )
        .toBe(200);
      const loads: string[] = [];
      page.on('load', () => loads.push(page.url()));
      await page.goto(`${host}/`);
      await waitForIsolation(page);
      const banner = page.getByRole('status').filter({ hasText: 'A new version is available' });
      await expect(banner).toHaveCount(0);

      // Deploy a new version: any byte of sw.js changed is a new service worker to the browser.
      appendFileSync(join(root, 'sw.js'), '\n// next deployment\n');
      await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.update()));
      await expect(banner).toBeVisible();
      // It waits: nothing activates or reloads by itself.
      await page.waitForTimeout(1000);
      expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.waiting !== null))).toBe(true);
      const before = loads.length;

      await banner.getByRole('button', { name: 'Reload' }).click();
      await expect.poll(() => loads.length).toBe(before + 1);
      await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
      await expect(banner).toHaveCount(0);
      expect(
        await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.waiting === null && r.active !== null)),
      ).toBe(true);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    } finally {
      server.kill();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('installable: a web app manifest with icons', async ({ page }) => {
    await page.goto(`${HOST}/`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const manifest = (await page.evaluate(
      (url) => fetch(url).then((r) => r.json()),
      `${HOST}/manifest.webmanifest`,
    )) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest).toMatchObject({ name: 'HomeSynth Workbench', start_url: '/datasets', display: 'standalone' });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['any', '192x192', '512x512']));
    for (const icon of manifest.icons) {
      expect((await page.request.get(`${HOST}${icon.src}`)).status()).toBe(200);
    }
  });
});

test.describe('on a plain static host where service workers cannot run', () => {
  test.use({ serviceWorkers: 'block' });

  test('the app still works, without isolation or offline use', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`${HOST}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
    await generateClassic(page, 'No worker');
    await trainBriefly(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  });
});
