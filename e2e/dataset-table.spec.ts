import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, resetApp, test } from './fixtures';

/** Rows of an exported CSV as objects (samples exports have no quoted fields). */
function parseCsv(text: string): Record<string, string>[] {
  const [head = '', ...lines] = text.trim().split('\r\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i] ?? '', v])));
}

async function download(page: Page, button: string): Promise<{ text: string; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { text: await readFile(await file.path(), 'utf8'), name: file.suggestedFilename() };
}

async function generateTemporal(page: Page, values: Record<string, string>): Promise<void> {
  await page.getByRole('radio', { name: /Temporal/ }).check();
  const form = page.getByRole('form', { name: 'New temporal dataset' });
  for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: values.Name ?? '' })).toBeVisible({ timeout: 60_000 });
}

/** The text of a column's cell in the table's first data row. */
async function firstRowCell(table: Locator, column: string): Promise<string> {
  const header = table.getByRole('columnheader', { name: new RegExp(`^${column}`) });
  const index = await header.evaluate((th) => Array.from(th.parentElement?.children ?? []).indexOf(th));
  return (await table.getByRole('row').nth(1).getByRole('cell').nth(index).textContent()) ?? '';
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

test.describe('dataset table over all rows', () => {
  test('sorting the full table puts the dataset maximum first (compared with the exported CSV)', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await generateTemporal(page, { Homes: '8', Days: '90', Seed: '21', 'Time zone': 'UTC', Name: 'Table check' });
    const caption = page.getByTestId('table-caption');
    await expect(caption).toContainText(/^All [\d,]+ rows · in stored order · no filters/, { timeout: 30_000 });
    const total = Number(
      (/^All ([\d,]+) rows/.exec((await caption.textContent()) ?? '')?.[1] ?? '0').replaceAll(',', ''),
    );
    // More rows than the old 5,000-row preview held, so a sort over the preview would not do.
    expect(total).toBeGreaterThan(5000);

    const table = page.getByRole('table', { name: 'Dataset preview' });
    const header = table.getByRole('columnheader', { name: /^error_rate_mean/ });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(caption).toContainText(
      `All ${total.toLocaleString('en-US')} rows · sorted by error_rate_mean (descending) · no filters`,
    );
    const shownMax = Number(await firstRowCell(table, 'error_rate_mean'));

    const { text } = await download(page, 'Export samples CSV');
    const rows = parseCsv(text);
    expect(rows).toHaveLength(total);
    const values = rows
      .map((r) => r.error_rate_mean ?? '')
      .filter((v) => v !== '')
      .map(Number);
    const max = values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
    expect(shownMax).toBe(round3(max));
    // And ascending shows the minimum.
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'none');
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    const min = values.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY);
    expect(Number(await firstRowCell(table, 'error_rate_mean'))).toBe(round3(min));
  });

  test('per-column filters (a numeric range and text) apply to every row; the export holds exactly the filtered rows in order', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await generateTemporal(page, { Homes: '6', Days: '60', Seed: '5', 'Time zone': 'UTC', Name: 'Filter check' });
    const caption = page.getByTestId('table-caption');
    await expect(caption).toContainText(/no filters/, { timeout: 30_000 });
    const full = (await download(page, 'Export samples CSV')).text;
    const all = parseCsv(full);
    const responses = all
      .map((r) => Number(r.response_time_mean))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const threshold = responses[Math.floor(responses.length / 2)] ?? 0;
    const expected = all.filter(
      (r) =>
        r.response_time_mean !== '' &&
        Number(r.response_time_mean) >= threshold &&
        (r.device_type ?? '').includes('sensor'),
    );
    expect(expected.length).toBeGreaterThan(0);

    await page.getByText('Column filters').click();
    await page.getByLabel('response_time_mean at least').fill(String(threshold));
    await page.getByLabel('device_type contains').fill('SENSOR');
    await expect(caption).toContainText(`${expected.length.toLocaleString('en-US')} match the filters`);
    await expect(
      page.getByText(`${expected.length.toLocaleString('en-US')} of ${all.length.toLocaleString('en-US')} rows`, {
        exact: true,
      }),
    ).toBeVisible();

    const table = page.getByRole('table', { name: 'Dataset preview' });
    const header = table.getByRole('columnheader', { name: /^signal_strength_mean/ });
    await header.getByRole('button').click();
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');

    const { text, name } = await download(page, 'Export filtered rows (CSV)');
    expect(name).toBe('Filter_check.filtered.samples.csv');
    // The same columns, in the same format, as the dataset's own samples export.
    expect(text.split('\r\n')[0]).toBe(full.split('\r\n')[0]);
    const exported = parseCsv(text);
    expect(exported).toHaveLength(expected.length);
    expect(exported.every((r) => Number(r.response_time_mean) >= threshold && r.device_type === 'sensor')).toBe(true);
    const signal = exported.map((r) =>
      r.signal_strength_mean === '' ? Number.NEGATIVE_INFINITY : Number(r.signal_strength_mean),
    );
    const finite = signal.filter(Number.isFinite);
    expect(finite).toEqual(finite.toSorted((a, b) => b - a));
    expect(Number(await firstRowCell(table, 'signal_strength_mean'))).toBe(round3(finite[0] ?? Number.NaN));
    expect(await firstRowCell(table, 'device_id')).toBe(exported[0]?.device_id);

    // Scrolling to the end fetches the last window of the result.
    await table.evaluate((t) => {
      const region = t.parentElement;
      if (region) region.scrollTop = region.scrollHeight;
    });
    const lastRow = table.locator(`tr[aria-rowindex="${expected.length + 1}"]`);
    await expect(lastRow).toBeVisible();
    await expect(lastRow.getByRole('cell').first()).toHaveText(exported.at(-1)?.device_id ?? '');

    // Clearing the filters shows every row again.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(caption).toContainText('no filters');
    await expect(
      page.getByText(`${all.length.toLocaleString('en-US')} of ${all.length.toLocaleString('en-US')} rows`, {
        exact: true,
      }),
    ).toBeVisible();
  });
});
