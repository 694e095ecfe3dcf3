import 'fake-indexeddb/auto';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { generateTemporal, generateTemporalColumns } from '../domain/temporal/generate';
import { defaultTemporalSpec } from '../domain/temporal/spec';
import { openWorkbenchDb } from '../storage/db';
import { createGeneratorService } from './generator-service';
import { BlobSink } from './parquet/blob-sink';
import { PARQUET_MANIFEST_KEY, SampleParquetStream, temporalParquetBlob } from './parquet-samples';
import { TEMPORAL_CSV_COLUMNS } from './temporal-export';

const spec = defaultTemporalSpec({ homes: 12, days: 40, seed: 9, timeZone: 'Europe/Berlin', startDate: '2025-03-01' });

describe('Parquet export of temporal samples', () => {
  it('Parquet round trip (read back with hyparquet) matches the samples CSV and carries the manifest', async () => {
    const svc = createGeneratorService({
      openDb: () => openWorkbenchDb('parquet-roundtrip'),
      now: () => 1,
      clock: () => performance.now(),
      yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    });
    const rec = await svc.generateTemporal(
      { jobId: 'job-p1', datasetId: 'p1', name: 'Parquet test', spec, appVersion: '0.1.0', createdAt: 5 },
      () => undefined,
    );
    const pq = await svc.exportDataset('p1', 'parquet');
    expect(pq.fileName).toBe('Parquet_test.samples.parquet');
    const file = await pq.blob.arrayBuffer();

    const meta = parquetMetadata(file);
    expect(Number(meta.num_rows)).toBe(rec.rowCount);
    expect(meta.row_groups.reduce((s, g) => s + Number(g.num_rows), 0)).toBe(rec.rowCount);
    expect(parquetSchema(meta).children.map((c) => c.element.name)).toEqual(TEMPORAL_CSV_COLUMNS);
    const byName = new Map(meta.schema.map((e) => [e.name, e]));
    expect(byName.get('time')?.logical_type).toEqual({ type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' });
    expect(byName.get('error_rate_mean')?.type).toBe('FLOAT');
    expect(byName.get('label')?.type).toBe('INT32');
    expect(byName.get('truth_failure_scenario')?.converted_type).toBe('UTF8');
    // Statistics are written.
    expect(meta.row_groups[0]?.columns[0]?.meta_data?.statistics?.min_value).toBeDefined();

    const kv = meta.key_value_metadata?.find((k) => k.key === PARQUET_MANIFEST_KEY);
    const manifestFile = JSON.parse(await (await svc.exportDataset('p1', 'manifest')).blob.text()) as unknown;
    expect(JSON.parse(kv?.value ?? 'null')).toEqual(manifestFile);

    const rows = await parquetReadObjects({ file });
    // The samples CSV has no quoted cells (identifiers, type names, numbers).
    const csv = (await (await svc.exportDataset('p1', 'csv')).blob.text())
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const header = csv[0] ?? [];
    expect(header).toEqual(TEMPORAL_CSV_COLUMNS);
    expect(rows).toHaveLength(csv.length - 1);
    for (const i of [0, 1, Math.floor(rows.length / 2), rows.length - 1]) {
      const row = rows[i] ?? {};
      const line = csv[i + 1] ?? [];
      const cell = (k: string) => line[header.indexOf(k)] ?? '';
      expect(row.device_id).toBe(cell('device_id'));
      expect(row.home_index).toBe(Number(cell('home_index')));
      expect(row.home_type).toBe(cell('home_type'));
      expect(row.truth_failure_scenario).toBe(cell('truth_failure_scenario'));
      expect(row.time).toBeInstanceOf(Date);
      expect((row.time as Date).toISOString()).toBe(cell('time'));
      expect(row.label).toBe(Number(cell('label')));
      expect(row.legacy_label).toBe(Number(cell('legacy_label')));
      const f = cell('error_rate_mean');
      if (f === '') expect(row.error_rate_mean).toBeNull();
      else expect(row.error_rate_mean).toBe(Number(f));
    }
    expect(rows.reduce((s, r) => s + Number(r.label), 0)).toBe(
      csv.slice(1).reduce((s, l) => s + Number(l[header.indexOf('label')]), 0),
    );
  });

  it('streams row groups of the requested size across chunk boundaries, in generation order', async () => {
    const chunks = [...generateTemporal(spec, { homesPerChunk: 3 })];
    expect(chunks.length).toBeGreaterThan(1);
    const total = chunks.reduce((s, c) => s + c.samples.deviceIndex.length, 0);
    const file = await (await temporalParquetBlob(chunks, '{"x":1}', 700)).arrayBuffer();
    const meta = parquetMetadata(file);
    const sizes = meta.row_groups.map((g) => Number(g.num_rows));
    expect(sizes.slice(0, -1).every((n) => n === 700)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
    const rows = await parquetReadObjects({ file, columns: ['device_id', 'label', 'outdoor'] });
    expect(rows.map((r) => r.label)).toEqual(chunks.flatMap((c) => Array.from(c.samples.label)));
    expect(meta.key_value_metadata).toContainEqual({ key: PARQUET_MANIFEST_KEY, value: '{"x":1}' });
  });

  it('writes column-major chunks that fill a row group from their own columns, with the same rows and statistics', async () => {
    const opts = { homesPerChunk: 3, groupByHomeType: true };
    const copied = await (await temporalParquetBlob(generateTemporal(spec, opts), '{}', 700)).arrayBuffer();
    const sink = new BlobSink();
    const stream = new SampleParquetStream('file', sink.write, '{}', 700);
    const chunkRows: number[] = [];
    for (const c of generateTemporalColumns(spec, opts)) {
      chunkRows.push(c.samples.deviceIndex.length);
      await stream.append(c);
    }
    await stream.finish();
    const lent = await (await sink.blob()).arrayBuffer();

    expect(await parquetReadObjects({ file: lent })).toEqual(await parquetReadObjects({ file: copied }));
    // Chunks of 175 rows or more (a quarter of a row group) became row groups of their own.
    const sizes = parquetMetadata(lent).row_groups.map((g) => Number(g.num_rows));
    expect(sizes).not.toEqual(parquetMetadata(copied).row_groups.map((g) => Number(g.num_rows)));
    expect(sizes[0]).toBe(Math.min(chunkRows[0] ?? 0, 700));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(chunkRows.reduce((a, b) => a + b, 0));
    // Each row group's statistics describe its own rows.
    const meta = parquetMetadata(lent);
    const col = meta.schema.findIndex((e) => e.name === 'response_time_mean') - 1;
    let at = 0;
    for (const g of meta.row_groups) {
      const n = Number(g.num_rows);
      const values = (
        await parquetReadObjects({ file: lent, columns: ['response_time_mean'], rowStart: at, rowEnd: at + n })
      ).flatMap((r) => (typeof r.response_time_mean === 'number' ? [r.response_time_mean] : []));
      const stats = g.columns[col]?.meta_data?.statistics;
      expect(stats?.min_value).toBe(Math.min(...values));
      expect(stats?.max_value).toBe(Math.max(...values));
      at += n;
    }
  });
});
