import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Download, Page } from '@playwright/test';
import { expect, resetApp, test } from './fixtures';
import { MOCK_OPENAI_PORT } from './mock-openai/port';

/**
 * Homes against the local mock OpenAI server (started by playwright.config.ts on 127.0.0.1): template
 * homes offline, LLM runs with each error class, cancel and resume across a reload, and a final scan of
 * everything the app stores or exports for any trace of a key.
 */

const MOCK = `http://127.0.0.1:${MOCK_OPENAI_PORT}`;

async function resetMock(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${MOCK}/__control/reset`)).ok()).toBe(true);
}

async function mockCounts(request: APIRequestContext): Promise<Record<string, number>> {
  return (await (await request.get(`${MOCK}/__control/counts`)).json()) as Record<string, number>;
}

/** In-app navigation: a full page load would end the homes worker and the key it holds. */
async function goTo(page: Page, nav: 'Homes' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: nav }).click();
  await expect(page.getByRole('heading', { level: 1, name: nav })).toBeVisible();
}

async function connectToMock(page: Page, rpm: number): Promise<void> {
  await goTo(page, 'Settings');
  const form = page.getByRole('form', { name: 'Connection' });
  await form.getByLabel('Base URL').fill(`${MOCK}/v1`);
  await form.getByLabel('Model').fill('gpt-6-luna');
  await form.getByLabel('Requests per minute').fill(String(rpm));
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText('Connection settings saved.')).toBeVisible();
}

async function useKey(page: Page, key: string): Promise<void> {
  await goTo(page, 'Settings');
  await page.getByLabel('API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Use this key' }).click();
  await expect(page.getByText(/^Key: In memory for this session/)).toBeVisible();
  // The field is emptied at once: the key is not kept in the page.
  await expect(page.getByLabel('API key', { exact: true })).toHaveValue('');
}

const SOURCE_RADIOS = {
  template: 'Templates (offline, no key)',
  llm: 'OpenAI (your key)',
  survey: 'Survey statistics (no key)',
} as const;

async function makeHomes(
  page: Page,
  options: { source: keyof typeof SOURCE_RADIOS; count: number; days?: number },
): Promise<void> {
  await goTo(page, 'Homes');
  const form = page.getByRole('form', { name: 'Make homes' });
  await form.getByRole('radio', { name: SOURCE_RADIOS[options.source] }).check();
  await form.getByLabel('Homes', { exact: true }).fill(String(options.count));
  await form.getByLabel('Days of events').fill(String(options.days ?? 14));
  await form.getByLabel('Time zone').fill('Europe/Berlin');
  await form.getByRole('button', { name: 'Make homes' }).click();
}

const homesTable = (page: Page) => page.getByRole('table', { name: 'Homes' });
const homeRows = (page: Page) =>
  homesTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: /^home_\d+$/ }) });

async function lastRunDone(page: Page, done: number, total: number): Promise<void> {
  await expect(page.getByText(new RegExp(`^Last run: ${done} of ${total} homes`))).toBeVisible({ timeout: 60_000 });
}

async function downloadText(download: Download): Promise<string> {
  return (await readFile(await download.path())).toString('latin1');
}

/** Everything the origin stores: every IndexedDB database and store (typed arrays as bytes), local and session storage. */
async function storedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    const replacer = (_k: string, v: unknown): unknown => {
      if (ArrayBuffer.isView(v)) {
        const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        let s = '';
        for (const b of bytes) s += String.fromCharCode(b);
        return s;
      }
      if (v instanceof Blob) return `[blob ${v.size}]`;
      return v;
    };
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const name = info.name;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => reject(req.error);
        });
        parts.push(`${store}:${JSON.stringify(all, replacer)}`);
      }
      db.close();
    }
    return parts.join('\n');
  });
}

test.describe('homes', () => {
  test.beforeEach(async ({ page, request }) => {
    await resetMock(request);
    await resetApp(page);
  });

  test('template homes are made offline and shown, with a home view and an export in the original format', async ({
    page,
  }) => {
    const offOrigin: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1:4173/')) offOrigin.push(r.url());
    });
    await makeHomes(page, { source: 'template', count: 3 });
    await lastRunDone(page, 3, 3);
    await expect(homeRows(page)).toHaveCount(3);
    await expect(homesTable(page).getByRole('row', { name: /home_001/ })).toContainText('template');
    expect(offOrigin).toEqual([]);

    await homesTable(page).getByRole('link', { name: 'home_002' }).click();
    await expect(page).toHaveURL(/\/homes\?home=home_002$/);
    await expect(page.getByRole('figure', { name: 'Events per day' }).locator('.recharts-line')).toHaveCount(1);
    await expect(page.getByRole('figure', { name: 'Events per device domain' })).toBeVisible();
    await expect(page.getByRole('table', { name: /Events by local hour and weekday/ }).getByRole('row')).toHaveCount(8);
    await expect(page.getByRole('table', { name: 'Areas' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export home_002.json' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('home_002.json');
    const json = JSON.parse(await readFile(await file.path(), 'utf8')) as {
      home_id: string;
      devices: unknown[];
      events: { event_type: string }[];
    };
    expect(json.home_id).toBe('home_002');
    expect(json.events.length).toBeGreaterThan(100);
    expect(json.events[0]?.event_type).toBe('state_changed');

    await page.getByRole('button', { name: 'Delete this home' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/homes$/);
    await expect(homeRows(page)).toHaveCount(2);
  });

  test('survey-statistics homes are made offline, listed and shown with source survey, and export with it', async ({
    page,
  }) => {
    const offOrigin: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1:4173/')) offOrigin.push(r.url());
    });
    await goTo(page, 'Homes');
    await page
      .getByRole('form', { name: 'Make homes' })
      .getByRole('radio', { name: 'Survey statistics (no key)' })
      .check();
    await expect(page.getByText(/An independent second maker/)).toBeVisible();
    await makeHomes(page, { source: 'survey', count: 8, days: 7 });
    await lastRunDone(page, 8, 8);
    await expect(page.getByText(/^Last run: 8 of 8 homes from survey statistics/)).toBeVisible();
    await expect(homeRows(page)).toHaveCount(8);
    for (const row of await homeRows(page).all())
      await expect(row.getByRole('cell', { name: 'survey', exact: true })).toHaveCount(1);
    expect(offOrigin).toEqual([]);

    await homesTable(page).getByRole('link', { name: 'home_004' }).click();
    await expect(page).toHaveURL(/\/homes\?home=home_004$/);
    await expect(page.getByRole('definition').filter({ hasText: /^survey$/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Devices' })).toBeVisible();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export home_004.json' }).click(),
    ]);
    const json = JSON.parse(await readFile(await file.path(), 'utf8')) as {
      home_id: string;
      metadata: { source: string; name: string };
      events: unknown[];
    };
    expect(json).toMatchObject({
      home_id: 'home_004',
      metadata: { source: 'survey', name: expect.stringMatching(/^Survey home 4: /) as unknown },
    });
    expect(json.events.length).toBeGreaterThan(50);
  });

  test('exported home files import back as homes of source imported, all or none', async ({ page }) => {
    await makeHomes(page, { source: 'survey', count: 2, days: 3 });
    await lastRunDone(page, 2, 2);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      homesTable(page).getByRole('button', { name: 'Export home_002', exact: true }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('home_002.json');
    const good = await readFile(await file.path());
    const form = page.getByRole('form', { name: 'Import homes' });

    await form.getByLabel('Home files').setInputFiles([
      { name: 'home_002.json', mimeType: 'application/json', buffer: good },
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"home_type": "apartment"}') },
    ]);
    await form.getByLabel('Time zone of the homes').fill('Europe/Berlin');
    await form.getByRole('button', { name: 'Import homes' }).click();
    await expect(form.getByRole('alert')).toContainText('Nothing was imported: 1 of 2 files is invalid.');
    await expect(form.getByRole('list', { name: 'Files that could not be imported' })).toContainText('broken.json');
    await expect(homeRows(page)).toHaveCount(2);

    await form
      .getByLabel('Home files')
      .setInputFiles([{ name: 'home_002.json', mimeType: 'application/json', buffer: good }]);
    await form.getByRole('button', { name: 'Import homes' }).click();
    await expect(form.getByRole('status')).toHaveText('Imported 1 home: home_002.json → home_003.');
    await expect(homeRows(page)).toHaveCount(3);
    await expect(
      homesTable(page)
        .getByRole('row', { name: /home_003/ })
        .getByRole('cell', { name: 'imported', exact: true }),
    ).toHaveCount(1);
    await homesTable(page).getByRole('link', { name: 'home_003' }).click();
    await expect(page.getByRole('definition').filter({ hasText: /^imported$/ })).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Events per day' })).toBeVisible();
  });

  test('an LLM run with a working key: homes appear as they arrive, with tokens and cost', async ({
    page,
    request,
  }) => {
    await connectToMock(page, 60);
    await useKey(page, 'sk-test-ok');
    await page.getByRole('button', { name: 'Test key' }).click();
    await expect(page.getByText(/The key works: 3 models available, including gpt-6-luna/)).toBeVisible();
    await makeHomes(page, { source: 'llm', count: 3 });
    // Paced 1 s apart: the first home is listed while the run is still going.
    await expect(homesTable(page).getByRole('row', { name: /home_001/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel run' })).toBeVisible();
    await lastRunDone(page, 3, 3);
    await expect(homeRows(page)).toHaveCount(3);
    await expect(homesTable(page).getByRole('row', { name: /home_003/ })).toContainText('LLM (gpt-6-luna)');
    await expect(
      page.getByText(/^Last run: 3 of 3 homes from gpt-6-luna · 3 requests · [\d,]+ tokens .*≈ \$/),
    ).toBeVisible();
    const counts = await mockCounts(request);
    expect(counts['sk-test-ok']).toBe(4); // GET /models + 3 homes
  });

  test('a quota error stops the run after exactly one request, with where to add credit', async ({ page, request }) => {
    await connectToMock(page, 60);
    await useKey(page, 'sk-test-quota');
    await makeHomes(page, { source: 'llm', count: 5 });
    await expect(page.getByRole('heading', { name: 'The last run stopped: no OpenAI quota left' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Add credit on the OpenAI billing page' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Resume run (5 left)' })).toBeVisible();
    expect((await mockCounts(request))['sk-test-quota']).toBe(1);
    await expect(homeRows(page)).toHaveCount(0);
  });

  test('billing that is not active stops the run at once with a billing message, not a rate-limit wait', async ({
    page,
    request,
  }) => {
    await connectToMock(page, 600);
    await useKey(page, 'sk-test-billing');
    await makeHomes(page, { source: 'llm', count: 5 });
    await expect(page.getByRole('heading', { name: /The last run stopped/ })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Billing is not active' })).toBeVisible();
    // At most the requests already sent when the first answer came back; no back-off, no retries.
    expect((await mockCounts(request))['sk-test-billing']).toBeLessThanOrEqual(5);
    await expect(page.getByText(/requests-per-minute budget/)).toHaveCount(0);
    await expect(homeRows(page)).toHaveCount(0);
  });

  test('a key pasted into the base URL is refused before anything is saved', async ({ page }) => {
    await goTo(page, 'Settings');
    const form = page.getByRole('form', { name: 'Connection' });
    for (const url of [
      'https://api.openai.com/v1?api_key=sk-proj-PASTEDkey123456789012345',
      'https://u:sk-proj-PASTEDkey123456789012345@api.openai.com/v1',
    ]) {
      await form.getByLabel('Base URL').fill(url);
      await form.getByRole('button', { name: 'Save connection' }).click();
      await expect(page.getByRole('alert').filter({ hasText: /base URL/i })).toBeVisible();
      await expect(page.getByText('Connection settings saved.')).toHaveCount(0);
      expect(
        await page
          .getByRole('alert')
          .filter({ hasText: /base URL/i })
          .textContent(),
      ).not.toContain('PASTEDkey');
    }
    expect(await storedText(page)).not.toContain('PASTEDkey');
  });

  test('a rate limit is waited out and the run completes', async ({ page, request }) => {
    await connectToMock(page, 600);
    await useKey(page, 'sk-test-ratelimit-2');
    await makeHomes(page, { source: 'llm', count: 2 });
    await lastRunDone(page, 2, 2);
    await expect(homeRows(page)).toHaveCount(2);
    expect((await mockCounts(request))['sk-test-ratelimit-2']).toBe(4); // two 429s, then two homes
  });

  test('an invalid key is reported and a valid one is asked for', async ({ page }) => {
    await connectToMock(page, 60);
    await useKey(page, 'sk-test-401');
    await page.getByRole('button', { name: 'Test key' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'The API key was not accepted (401). Enter a valid key in Settings.' }),
    ).toBeVisible();
    await expect(page.getByText(/^Key: No key set\./)).toBeVisible();

    await useKey(page, 'sk-test-401');
    await makeHomes(page, { source: 'llm', count: 2 });
    await expect(
      page.getByRole('heading', { name: 'The last run stopped: the API key was not accepted' }),
    ).toBeVisible();
    await expect(page.getByText('Enter a valid API key in Settings › OpenAI, then resume.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Resume run (2 left)' })).toBeDisabled();
  });

  test('malformed content is re-asked once and the run succeeds', async ({ page, request }) => {
    await connectToMock(page, 600);
    await useKey(page, 'sk-test-malformed');
    await makeHomes(page, { source: 'llm', count: 2 });
    await lastRunDone(page, 2, 2);
    await expect(homeRows(page)).toHaveCount(2);
    expect((await mockCounts(request))['sk-test-malformed']).toBe(4); // each home: a broken reply, then the re-ask
  });

  test('cancel keeps the homes made; after a reload the run resumes from the next home', async ({ page, request }) => {
    await connectToMock(page, 20);
    await useKey(page, 'sk-test-ok');
    await makeHomes(page, { source: 'llm', count: 3 });
    await expect(homesTable(page).getByRole('row', { name: /home_001/ })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await expect(page.getByRole('heading', { name: 'The last run was cancelled' })).toBeVisible();
    await expect(homeRows(page)).toHaveCount(1);

    await page.reload();
    await expect(page.getByRole('heading', { name: 'The last run was cancelled' })).toBeVisible();
    // The key was in memory only: after the reload it must be entered again before resuming.
    await expect(page.getByRole('button', { name: 'Resume run (2 left)' })).toBeDisabled();
    await expect(page.getByText(/Enter your API key/)).toBeVisible();
    await useKey(page, 'sk-test-ok');
    await goTo(page, 'Homes');
    await page.getByRole('button', { name: 'Resume run (2 left)' }).click();
    await lastRunDone(page, 3, 3);
    await expect(homeRows(page)).toHaveCount(3);
    expect((await mockCounts(request))['sk-test-ok']).toBe(3); // no home was asked for twice
  });

  test('after runs, errors, remembering the key and exports, no key is stored, exported or in the URL', async ({
    page,
  }) => {
    await connectToMock(page, 600);
    await useKey(page, 'sk-test-401');
    await page.getByRole('button', { name: 'Test key' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'not accepted' })).toBeVisible();
    await useKey(page, 'sk-test-quota');
    await makeHomes(page, { source: 'llm', count: 2 });
    await expect(page.getByRole('heading', { name: 'The last run stopped: no OpenAI quota left' })).toBeVisible();

    await useKey(page, 'sk-test-ok');
    await page.getByText('Remember on this device (encrypted)').click();
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Remember on this device' }).click();
    await expect(page.getByText(/^Key: In memory for this session, and remembered \(encrypted\)/)).toBeVisible();
    await goTo(page, 'Homes');
    await page.getByRole('button', { name: 'Discard run' }).click();
    await makeHomes(page, { source: 'llm', count: 2 });
    await lastRunDone(page, 2, 2);

    const files: string[] = [];
    for (const name of ['Export home_001', 'Export all homes (.zip)', 'Download summary.json']) {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name, exact: true }).click(),
      ]);
      files.push(await downloadText(file));
    }
    expect(files[1]).toContain('home_002.json');

    // A reload forgets the in-memory key; the remembered one unlocks with the passphrase.
    await page.reload();
    await goTo(page, 'Settings');
    await expect(page.getByText(/^Key: Remembered on this device, locked/)).toBeVisible();
    await page.getByLabel('Passphrase to unlock').fill('wrong passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong passphrase' })).toBeVisible();
    await page.getByLabel('Passphrase to unlock').fill('correct horse battery');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByText(/^Key: In memory for this session, and remembered/)).toBeVisible();
    await page.getByRole('button', { name: 'Test key' }).click();
    await expect(page.getByText(/The key works/)).toBeVisible();

    const stored = await storedText(page);
    expect(stored).toContain('openai.key.encrypted');
    for (const text of [stored, page.url(), ...files]) {
      expect(text).not.toContain('sk-test');
      expect(text).not.toMatch(/sk-[A-Za-z0-9_-]{6,}/);
    }

    await page.getByRole('button', { name: 'Forget key' }).click();
    await expect(page.getByText(/^Key: No key set\./)).toBeVisible();
    expect(await storedText(page)).not.toContain('openai.key.encrypted');
  });

  test('a home exports its Home Assistant history CSV, one row per event shown on its page', async ({ page }) => {
    await makeHomes(page, { source: 'template', count: 2, days: 7 });
    await lastRunDone(page, 2, 2);
    await homesTable(page).getByRole('link', { name: 'home_001' }).click();
    await expect(page).toHaveURL(/\/homes\?home=home_001$/);
    const eventsFact = page
      .locator('dl.params > div')
      .filter({ has: page.locator('dt', { hasText: /^Events$/ }) })
      .locator('dd');
    const shown = /^([\d,]+) over/.exec((await eventsFact.textContent()) ?? '');
    const count = Number((shown?.[1] ?? '').replaceAll(',', ''));
    expect(count).toBeGreaterThan(0);

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export HA history (CSV)' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('home_001_history.csv');
    const lines = (await readFile(await file.path(), 'utf8')).split('\r\n');
    expect(lines[0]).toBe('entity_id,state,last_changed');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(count);
    expect(lines[1]).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
