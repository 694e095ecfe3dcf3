import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, resetApp, test } from './fixtures';

async function fillClassicForm(page: Page, values: { samples: string; seed: string; name: string }): Promise<void> {
  await page.getByRole('radio', { name: /Classic/ }).check();
  const form = page.getByRole('form', { name: 'New classic dataset' });
  await form.getByLabel('Name').fill(values.name);
  await form.getByLabel('Samples (rows)').fill(values.samples);
  await form.getByLabel('Seed').fill(values.seed);
  await form.getByLabel('Reference date (local time)').fill('2025-06-02T07:00');
  await form.getByLabel('Time zone').fill('UTC');
}

async function storedCounts(page: Page): Promise<{ datasets: number; chunks: number; incomplete: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('homesynth-workbench');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['datasets', 'datasetChunks'], 'readonly');
          const all = tx.objectStore('datasets').getAll();
          const chunks = tx.objectStore('datasetChunks').count();
          tx.oncomplete = () => {
            const rows = all.result as { status: string }[];
            resolve({
              datasets: rows.length,
              chunks: chunks.result,
              incomplete: rows.filter((r) => r.status !== 'complete').length,
            });
            db.close();
          };
        };
      }),
  );
}

test.describe('classic datasets', () => {
  test('generate a seeded dataset, see it listed and previewed, sort, export JSON and CSV', async ({ page }) => {
    await resetApp(page);
    await fillClassicForm(page, { samples: '2000', seed: '7', name: 'E2E classic' });
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'E2E classic' })).toBeVisible();
    await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]+$/);
    await expect(page.getByText('classic mode · 2,000 rows')).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Rows by home type' }).getByRole('row', { name: /single family house 700/ }),
    ).toBeVisible();
    const preview = page.getByRole('table', { name: 'Dataset preview' });
    await expect(preview.getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByText('2,000 of 2,000 rows', { exact: true })).toBeVisible();

    // Sort by response time, descending on the second click: the first row holds the maximum.
    const header = preview.getByRole('columnheader', { name: /response_time/ });
    await header.getByRole('button').click();
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const col = await header.evaluate((th) => Array.from(th.parentElement?.children ?? []).indexOf(th));
    const firstValue = Number(await preview.getByRole('row').nth(1).getByRole('cell').nth(col).textContent());

    // Filter narrows the rows.
    await page.getByRole('searchbox', { name: 'Filter rows' }).fill('studio');
    await expect(page.getByText(/^\d+ of 2,000 rows$/)).toBeVisible();

    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON (original format)' }).click(),
    ]);
    expect(jsonDownload.suggestedFilename()).toBe('large_training_data.json');
    const rows = JSON.parse(await readFile(await jsonDownload.path(), 'utf8')) as Record<string, unknown>[];
    expect(rows).toHaveLength(2000);
    expect(rows[0]).toHaveProperty('device_id');
    expect(String(rows[0]?.device_id)).toMatch(/^synthetic_device_\d{4}$/);
    expect(rows.filter((r) => r.home_type === 'single_family_house')).toHaveLength(700);
    expect(firstValue).toBe(Math.max(...rows.map((r) => Number(r.response_time))));

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = (await readFile(await csvDownload.path(), 'utf8')).trim().split('\r\n');
    expect(csv).toHaveLength(2001);
    expect(csv[0]).toContain('device_type,failure_scenario');

    // Listed on the datasets page; the same seed gives the same first row again.
    await page.getByRole('link', { name: '← All datasets' }).click();
    await expect(
      page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'E2E classic' }),
    ).toBeVisible();
  });

  test('cancel a large run: nothing half-written remains', async ({ page }) => {
    await resetApp(page);
    await fillClassicForm(page, { samples: '1000000', seed: '1', name: 'Big run' });
    await page.getByRole('button', { name: 'Generate' }).click();
    const cancel = page.getByRole('button', { name: 'Cancel generation' });
    await expect(cancel).toBeVisible();
    await cancel.click();
    await page.getByText('Jobs').first().click();
    await expect(page.getByRole('region', { name: 'Jobs' }).getByText('Cancelled', { exact: true })).toBeVisible();
    expect(await storedCounts(page)).toEqual({ datasets: 0, chunks: 0, incomplete: 0 });
    await expect(page.getByText('No datasets yet')).toBeVisible();
  });

  test('reload mid-run: the job shows as interrupted and earlier data is intact', async ({ page }) => {
    await resetApp(page);
    await fillClassicForm(page, { samples: '500', seed: '3', name: 'Kept' });
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Kept' })).toBeVisible();
    await page.goto('/datasets');
    await fillClassicForm(page, { samples: '2500000', seed: '1', name: 'Cut off' });
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('progressbar', { name: 'Generation progress' })).toBeVisible();
    await page.reload();
    await expect(page.getByText(/was interrupted by a reload/)).toBeVisible();
    await page.getByText('Jobs').first().click();
    await expect(page.getByRole('region', { name: 'Jobs' }).getByText('Interrupted', { exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'Kept' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Cut off' })).toHaveCount(0);
    expect(await storedCounts(page)).toMatchObject({ datasets: 1, incomplete: 0 });
  });

  test('bad input gets a clear message and generates nothing', async ({ page }) => {
    await resetApp(page);
    await fillClassicForm(page, { samples: '0', seed: '-4', name: 'Bad' });
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByText('Samples must be at least 1.')).toBeVisible();
    await expect(page.getByText('Seed must be a whole number from 0 to 4294967295.')).toBeVisible();
    await expect(page.getByText('Fix the fields marked above.')).toBeVisible();
    expect((await storedCounts(page)).datasets).toBe(0);
  });

  test('storage panel shows usage and deletes after confirmation', async ({ page }) => {
    await resetApp(page);
    await fillClassicForm(page, { samples: '1000', seed: '5', name: 'To delete' });
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'To delete' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByText(/This site uses .* of .* the browser allows/)).toBeVisible();
    const items = page.getByRole('table', { name: 'Stored items' });
    await expect(items.getByRole('cell', { name: 'To delete', exact: true })).toBeVisible();
    await items.getByRole('button', { name: 'Delete To delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete "To delete"?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(items.getByRole('cell', { name: 'To delete', exact: true })).toBeVisible();
    await items.getByRole('button', { name: 'Delete To delete' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByText('Nothing stored yet')).toBeVisible();
    expect(await storedCounts(page)).toEqual({ datasets: 0, chunks: 0, incomplete: 0 });
  });
});
