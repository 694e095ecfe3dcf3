import { readFile } from 'node:fs/promises';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { TEMPORAL_CSV_COLUMNS } from '../src/services/temporal-export';
import { expect, resetApp, test } from './fixtures';

test.describe('Parquet export', () => {
  test('e2e: export Parquet from the app and read it back', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await page.getByRole('radio', { name: /Temporal/ }).check();
    const form = page.getByRole('form', { name: 'New temporal dataset' });
    for (const [label, value] of Object.entries({
      Homes: '6',
      Days: '30',
      Seed: '7',
      'Time zone': 'UTC',
      Name: 'Parquet',
    })) {
      await form.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Parquet' })).toBeVisible({ timeout: 60_000 });
    const shown = await page
      .getByText(/[\d,]+ rows ·/)
      .first()
      .textContent();
    const rowCount = Number(/([\d,]+) rows ·/.exec(shown ?? '')?.[1]?.replace(/,/g, '') ?? Number.NaN);
    expect(rowCount).toBeGreaterThan(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export samples (Parquet)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Parquet.samples.parquet');
    const bytes = await readFile(await download.path());
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const meta = parquetMetadata(file);
    expect(Number(meta.num_rows)).toBe(rowCount);
    expect(parquetSchema(meta).children.map((c) => c.element.name)).toEqual(TEMPORAL_CSV_COLUMNS);
    const manifest = JSON.parse(
      meta.key_value_metadata?.find((k) => k.key === 'homesynth.manifest')?.value ?? 'null',
    ) as { kind: string; rowCount: number };
    expect(manifest.kind).toBe('temporal');
    expect(manifest.rowCount).toBe(rowCount);
    const rows = await parquetReadObjects({ file });
    expect(rows).toHaveLength(rowCount);
    expect(Object.keys(rows[0] ?? {})).toEqual(TEMPORAL_CSV_COLUMNS);
    expect(rows[0]?.device_id).toBe('synthetic_device_0001');
    expect(rows[0]?.time).toBeInstanceOf(Date);

    // The raw series, regenerated in the worker: every device's hourly readings up to its failure.
    const [seriesDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export raw series (Parquet)' }).click(),
    ]);
    expect(seriesDownload.suggestedFilename()).toBe('Parquet.series.parquet');
    const seriesBytes = await readFile(await seriesDownload.path());
    const seriesFile = seriesBytes.buffer.slice(
      seriesBytes.byteOffset,
      seriesBytes.byteOffset + seriesBytes.byteLength,
    );
    const seriesMeta = parquetMetadata(seriesFile);
    const devices = new Set(rows.map((r) => r.device_id)).size;
    // 30 days hourly (720 steps, fewer for failed devices) per device.
    expect(Number(seriesMeta.num_rows)).toBeGreaterThan(devices * 600);
    expect(Number(seriesMeta.num_rows)).toBeLessThanOrEqual(devices * 720);
    const first = await parquetReadObjects({ file: seriesFile, rowEnd: 25 });
    expect(first[0]?.device_id).toBe('synthetic_device_0001');
    const ms = (r: Record<string, unknown> | undefined) => (r?.time instanceof Date ? r.time.getTime() : Number.NaN);
    expect(ms(first[1]) - ms(first[0])).toBe(3_600_000);
    expect(typeof first[0]?.temperature === 'number' || first[0]?.temperature === null).toBe(true);
  });

  test('a long export shows its progress and time left, and Cancel stops it without a download', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await page.getByRole('radio', { name: /Temporal/ }).check();
    const form = page.getByRole('form', { name: 'New temporal dataset' });
    for (const [label, value] of Object.entries({ Homes: '100', Days: '120', Seed: '3', Name: 'Long export' }))
      await form.getByLabel(label, { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Long export' })).toBeVisible({ timeout: 90_000 });
    let downloads = 0;
    page.on('download', () => downloads++);

    // The raw series of every device is regenerated from the seed: seconds of work, reported as it goes.
    await page.getByRole('button', { name: 'Export raw series (Parquet)' }).click();
    const status = page.getByRole('status', { name: 'Export progress' });
    await expect(status).toContainText(/Regenerating device [\d,]+ of [\d,]+ · \d+ %/);
    await expect(status.getByRole('progressbar', { name: 'Export raw series (Parquet) progress' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export samples (Parquet)' })).toBeDisabled();
    await expect(status).toContainText(/about [\d\s\w]+ left/);
    await status.getByRole('button', { name: 'Cancel export' }).click();
    await expect(page.getByText('Export raw series (Parquet): cancelled, nothing was downloaded.')).toBeVisible();
    await expect(status).toBeHidden();
    await expect(page.getByRole('button', { name: 'Export samples (Parquet)' })).toBeEnabled();
    expect(downloads).toBe(0);

    // The worker is free again: the next export runs to its download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export manifest' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Long_export.manifest.json');
  });

  test('e2e: export the events of every home as Parquet and read them back', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Homes' }).click();
    const form = page.getByRole('form', { name: 'Make homes' });
    await form.getByRole('radio', { name: 'Templates (offline, no key)' }).check();
    await form.getByLabel('Homes', { exact: true }).fill('3');
    await form.getByLabel('Days of events').fill('7');
    await form.getByRole('button', { name: 'Make homes' }).click();
    const table = page.getByRole('table', { name: 'Homes' });
    const rows = table.getByRole('row').filter({ has: page.getByRole('link', { name: /^home_\d+$/ }) });
    await expect(rows).toHaveCount(3, { timeout: 60_000 });
    const headers = await table.getByRole('columnheader').allTextContents();
    const eventsColumn = headers.findIndex((h) => h.trim().startsWith('Events'));
    let expected = 0;
    for (const row of await rows.all())
      expected += Number(((await row.locator('th, td').nth(eventsColumn).textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(expected).toBeGreaterThan(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export all events (Parquet)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('homes.events.parquet');
    const bytes = await readFile(await download.path());
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const events = await parquetReadObjects({ file });
    expect(events).toHaveLength(expected);
    expect(Object.keys(events[0] ?? {})).toEqual([
      'home_id',
      'home_type',
      'source',
      'entity_id',
      'domain',
      'area',
      'time',
      'state',
      'numeric_state',
    ]);
    expect(new Set(events.map((e) => e.home_id)).size).toBe(3);
    expect(events.every((e) => e.source === 'template' && String(e.entity_id).startsWith(`${String(e.domain)}.`))).toBe(
      true,
    );
    expect(events.some((e) => typeof e.numeric_state === 'number')).toBe(true);
  });
});
