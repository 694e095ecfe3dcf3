import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { generateTemporal } from '../src/domain/temporal/generate';
import { parseTemporalSpec } from '../src/domain/temporal/spec';
import { STORED_SAMPLES_PER_CHUNK } from '../src/services/generator-service';
import { temporalToColumns } from '../src/storage/temporal-chunks';
import { expect, resetApp, test } from './fixtures';

async function temporalForm(page: Page, values: Record<string, string>): Promise<void> {
  await page.getByRole('radio', { name: /Temporal/ }).check();
  const form = page.getByRole('form', { name: 'New temporal dataset' });
  for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: true }).fill(value);
}

async function chunkColumns(page: Page, datasetId: string): Promise<string> {
  return page.evaluate(
    (id) =>
      new Promise<string>((resolve, reject) => {
        const req = indexedDB.open('homesynth-workbench');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result
            .transaction('datasetChunks')
            .objectStore('datasetChunks')
            .index('by-dataset')
            .getAll(id);
          all.onsuccess = () => {
            const chunks = all.result as { columns: Record<string, ArrayLike<number>> }[];
            let h = 0;
            for (const c of chunks) {
              for (const [name, col] of Object.entries(c.columns).sort(([a], [b]) => a.localeCompare(b))) {
                h = (h * 31 + name.length) >>> 0;
                for (let i = 0; i < col.length; i++) h = (h * 31 + Math.round((Number(col[i]) || 0) * 1000)) >>> 0;
              }
            }
            resolve(`${chunks.length}:${h}`);
          };
        };
      }),
    datasetId,
  );
}

/** SHA-256 over every stored column's bytes, chunks in order, columns by name. */
async function storedDigest(page: Page, datasetId: string): Promise<string> {
  return page.evaluate(async (id) => {
    const chunks = await new Promise<{ index: number; columns: Record<string, ArrayBufferView> }[]>(
      (resolve, reject) => {
        const req = indexedDB.open('homesynth-workbench');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result
            .transaction('datasetChunks')
            .objectStore('datasetChunks')
            .index('by-dataset')
            .getAll(id);
          all.onsuccess = () => resolve(all.result as { index: number; columns: Record<string, ArrayBufferView> }[]);
        };
      },
    );
    const parts: Uint8Array[] = [];
    for (const c of chunks.sort((a, b) => a.index - b.index)) {
      for (const name of Object.keys(c.columns).sort()) {
        const col = c.columns[name];
        if (col) parts.push(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
      }
    }
    const total = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      total.set(p, at);
      at += p.length;
    }
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', total));
    return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
  }, datasetId);
}

test.describe('temporal datasets', () => {
  test('the browser worker and Node produce byte-identical data for the same settings', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await temporalForm(page, {
      Homes: '6',
      Days: '40',
      Seed: '1234',
      'Time zone': 'America/New_York',
      'Start date': '2025-02-20',
      Name: 'Identity',
    });
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Identity' })).toBeVisible({ timeout: 60_000 });
    const id = decodeURIComponent(page.url().split('/').pop() ?? '');
    const [manifest] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export manifest' }).click(),
    ]);
    const parsed = parseTemporalSpec(
      (JSON.parse(await readFile(await manifest.path(), 'utf8')) as { spec: unknown }).spec,
    );
    if (!parsed.ok) throw new Error('manifest spec invalid');
    // Same spec in Node, same chunking (whole homes, the stored chunk size), same column layout.
    const hash = createHash('sha256');
    for (const chunk of generateTemporal(parsed.spec, { targetSamples: STORED_SAMPLES_PER_CHUNK })) {
      const cols = temporalToColumns(chunk);
      for (const name of Object.keys(cols).sort()) {
        const col = cols[name];
        if (col) hash.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
      }
    }
    expect(await storedDigest(page, id)).toBe(hash.digest('hex'));
  });

  test('generate from the UI, see summary, charts and table; the URL shares the configuration', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await temporalForm(page, {
      Homes: '12',
      Days: '45',
      Seed: '77',
      'Time zone': 'Europe/Berlin',
      Name: 'E2E temporal',
    });
    await expect(page.getByText(/About .* devices, .* device-steps simulated/)).toBeVisible();
    await expect(page).toHaveURL(/mode=temporal.*homes=12/);
    const shared = page.url();

    // A shared link restores the same configuration in a fresh page.
    const other = await page.context().newPage();
    await other.goto(shared);
    const otherForm = other.getByRole('form', { name: 'New temporal dataset' });
    await expect(otherForm.getByLabel('Homes', { exact: true })).toHaveValue('12');
    await expect(otherForm.getByLabel('Seed', { exact: true })).toHaveValue('77');
    await expect(otherForm.getByLabel('Time zone', { exact: true })).toHaveValue('Europe/Berlin');
    await other.close();

    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'E2E temporal' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/samples from .* devices in 12 homes/)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Devices by home type' })).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Devices by failure scenario (ground truth)' })
        .getByText(/Sudden failures are unpredictable by design/),
    ).toBeVisible();
    await expect(page.getByRole('figure', { name: /error_rate of device/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('figure', { name: /by local hour, per device type/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('figure', { name: /share of samples per bin/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('table', { name: 'Dataset preview' }).getByRole('row').nth(1)).toBeVisible();

    // Reload: the dataset is still there.
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: 'E2E temporal' })).toBeVisible();
  });

  test('export CSV and manifest; importing the manifest regenerates an identical dataset', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await temporalForm(page, { Homes: '8', Days: '30', Seed: '5', 'Time zone': 'UTC', Name: 'Original' });
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Original' })).toBeVisible({ timeout: 60_000 });
    const originalId = decodeURIComponent(page.url().split('/').pop() ?? '');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export samples CSV' }).click(),
    ]);
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^device_id,home_index,home_type,device_type,truth_failure_scenario,time,/);
    expect(lines.length).toBeGreaterThan(10);

    const [manifest] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export manifest' }).click(),
    ]);
    const manifestPath = await manifest.path();
    expect(JSON.parse(await readFile(manifestPath, 'utf8'))).toMatchObject({
      kind: 'temporal',
      spec: { seed: 5, homes: 8, days: 30 },
      sampleColumns: { label: 'label', groundTruth: ['truth_failure_scenario'] },
    });

    await page.goto('/datasets');
    await page.getByLabel('Import a dataset manifest').setInputFiles(manifestPath);
    await expect(page.getByRole('heading', { level: 2, name: 'Original (imported)' })).toBeVisible({ timeout: 60_000 });
    const importedId = decodeURIComponent(page.url().split('/').pop() ?? '');
    expect(importedId).not.toBe(originalId);
    expect(await chunkColumns(page, importedId)).toBe(await chunkColumns(page, originalId));
  });

  test('a bad manifest is refused with a clear message', async ({ page }) => {
    await resetApp(page);
    await page
      .getByLabel('Import a dataset manifest')
      .setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect(page.getByRole('alert')).toContainText('not a HomeSynth dataset manifest');
  });

  test('every bad input is rejected with what is allowed', async ({ page }) => {
    await resetApp(page);
    await temporalForm(page, { Homes: '0', Days: '900', 'Time zone': 'Mars/Base' });
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const form = page.getByRole('form', { name: 'New temporal dataset' });
    await expect(form.getByRole('alert').filter({ hasText: /homes/i })).toBeVisible();
    await expect(form.getByRole('alert').filter({ hasText: /730/ })).toBeVisible();
    await expect(form.getByRole('alert').filter({ hasText: /time zone|IANA/i })).toBeVisible();
    await expect(page.getByText('Fix the fields marked above.')).toBeVisible();
  });

  test('cancel a large temporal run: nothing half-written remains', async ({ page }) => {
    await resetApp(page);
    await temporalForm(page, { Homes: '3000', Days: '365', Name: 'Too big' });
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByRole('progressbar', { name: 'Generation progress' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel generation' }).click();
    await page.getByText('Jobs').first().click();
    await expect(page.getByRole('region', { name: 'Jobs' }).getByText('Cancelled', { exact: true })).toBeVisible({
      timeout: 30_000,
    });
    const counts = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const req = indexedDB.open('homesynth-workbench');
          req.onsuccess = () => {
            const tx = req.result.transaction(['datasets', 'datasetChunks']);
            const a = tx.objectStore('datasets').count();
            const b = tx.objectStore('datasetChunks').count();
            tx.oncomplete = () => resolve([a.result, b.result]);
          };
        }),
    );
    expect(counts).toEqual([0, 0]);
  });
});
