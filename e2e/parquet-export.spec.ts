import { readFile } from 'node:fs/promises';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { TEMPORAL_CSV_COLUMNS } from '../src/workers/temporal-export';
import { expect, resetApp, test } from './fixtures';

test.describe('Parquet export', () => {
  test('e2e: export Parquet from the app and read it back', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await page.getByRole('radio', { name: /Temporal/ }).check();
    const form = page.getByRole('form', { name: 'New temporal dataset' });
    for (const [label, value] of Object.entries({ Homes: '6', Days: '30', Seed: '7', 'Time zone': 'UTC', Name: 'Parquet' })) {
      await form.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Parquet' })).toBeVisible({ timeout: 60_000 });
    const shown = await page.getByText(/[\d,]+ rows ·/).first().textContent();
    const rowCount = Number(/([\d,]+) rows ·/.exec(shown ?? '')?.[1]?.replace(/,/g, '') ?? Number.NaN);
    expect(rowCount).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export samples (Parquet)' }).click()]);
    expect(download.suggestedFilename()).toBe('Parquet.samples.parquet');
    const bytes = await readFile(await download.path());
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const meta = parquetMetadata(file);
    expect(Number(meta.num_rows)).toBe(rowCount);
    expect(parquetSchema(meta).children.map((c) => c.element.name)).toEqual(TEMPORAL_CSV_COLUMNS);
    const manifest = JSON.parse(meta.key_value_metadata?.find((k) => k.key === 'homesynth.manifest')?.value ?? 'null') as { kind: string; rowCount: number };
    expect(manifest.kind).toBe('temporal');
    expect(manifest.rowCount).toBe(rowCount);
    const rows = await parquetReadObjects({ file });
    expect(rows).toHaveLength(rowCount);
    expect(Object.keys(rows[0] ?? {})).toEqual(TEMPORAL_CSV_COLUMNS);
    expect(rows[0]?.device_id).toBe('synthetic_device_0001');
    expect(rows[0]?.time).toBeInstanceOf(Date);
  });
});
