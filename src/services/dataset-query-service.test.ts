import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultClassicSpec } from '../domain/classic/classic-spec';
import { defaultTemporalSpec } from '../domain/temporal/spec';
import { FEATURE_COUNT } from '../domain/temporal/window-features';
import type { TableView } from '../domain/explore/table-view';
import { openWorkbenchDb } from '../storage/db';
import { createDatasetQueryEndpoint } from '../workers/dataset-query.endpoint';
import { createYieldToEvents } from '../workers/yield-to-events';
import { createDatasetQueryService } from './dataset-query-service';
import { createGeneratorService } from './generator-service';
import { isCancelled, type WorkerProgress } from '../workers/job-types';

let n = 0;

/** A fresh database with a generator (to store datasets the real way) and a query service over it. */
function setup(budgetBytes?: number) {
  const name = `dataset-query-${n++}`;
  const openDb = () => openWorkbenchDb(name);
  const generator = createGeneratorService({
    openDb,
    now: () => 1,
    clock: () => performance.now(),
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
  });
  const query = createDatasetQueryService({
    openDb,
    clock: () => performance.now(),
    yieldToEvents: createYieldToEvents(),
    ...(budgetBytes === undefined ? {} : { budgetBytes }),
  });
  return { generator, query };
}

const request = (id: string) => ({
  jobId: `job-${id}`,
  datasetId: id,
  name: 'Table test',
  appVersion: '0.1.0',
  createdAt: 5,
});
const temporalSpec = defaultTemporalSpec({ homes: 12, days: 40, seed: 11, timeZone: 'UTC', startDate: '2025-03-01' });
const noView: TableView = { sort: null, filters: [], search: '' };

/** Rows of an exported CSV as objects (these exports have no quoted fields). */
function parseCsv(text: string): Record<string, string>[] {
  const [head = '', ...lines] = text.trim().split('\r\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i] ?? '', v])));
}

describe('dataset query service: temporal samples', () => {
  it('sorts every row: the first row of a descending sort is the maximum of the full CSV export, missing values last', async () => {
    const { generator, query } = setup();
    const rec = await generator.generateTemporal({ ...request('t'), spec: temporalSpec }, () => undefined);
    const progress: WorkerProgress[] = [];
    const info = await query.open('t', 'r1', { priorityColumns: [] }, (p) => progress.push(p));
    expect(info.rowCount).toBe(rec.rowCount);
    expect(info.canExport).toBe(true);
    expect(info.columns.map((c) => c.id)).toContain('error_rate_mean');
    expect(info.columns.find((c) => c.id === 'device_id')?.kind).toBe('text');
    expect(progress.at(-1)?.fraction).toBe(1);

    const all = parseCsv(await (await generator.exportDataset('t', 'csv')).blob.text());
    expect(all).toHaveLength(rec.rowCount);
    const values = all
      .map((r) => r.error_rate_mean ?? '')
      .filter((v) => v !== '')
      .map(Number);
    const max = Math.max(...values);
    const min = Math.min(...values);

    const asc = await query.query({
      datasetId: 't',
      ...noView,
      sort: { column: 'error_rate_mean', direction: 'asc' },
      offset: 0,
      limit: 1,
    });
    expect(asc.rows[0]?.error_rate_mean).toBe(Math.round(min * 1000) / 1000);
    const desc = await query.query({
      datasetId: 't',
      ...noView,
      sort: { column: 'error_rate_mean', direction: 'desc' },
      offset: 0,
      limit: 50,
    });
    expect(desc.total).toBe(rec.rowCount);
    expect(desc.rows).toHaveLength(50);
    expect(desc.reused).toBe(false);
    expect(desc.rows[0]?.error_rate_mean).toBe(Math.round(max * 1000) / 1000);
    const shown = desc.rows.map((r) => Number(r.error_rate_mean));
    expect(shown).toEqual(shown.toSorted((a, b) => b - a));

    // Missing values (a device's window with no data) come last in both directions.
    const missing = all.length - values.length;
    const lastPage = await query.query({
      datasetId: 't',
      ...noView,
      sort: { column: 'error_rate_mean', direction: 'desc' },
      offset: rec.rowCount - Math.max(1, missing),
      limit: 5000,
    });
    expect(lastPage.reused).toBe(true);
    if (missing > 0) expect(lastPage.rows.every((r) => r.error_rate_mean === null)).toBe(true);
  });

  it('filters by a numeric range, text and search over all rows, and exports exactly those rows in the export format', async () => {
    const { generator, query } = setup();
    const rec = await generator.generateTemporal({ ...request('f'), spec: temporalSpec }, () => undefined);
    const fullCsv = await (await generator.exportDataset('f', 'csv')).blob.text();

    // No view: the export is byte-identical to the dataset's own CSV export.
    const same = await query.exportCsv({ datasetId: 'f', ...noView });
    expect(same.rows).toBe(rec.rowCount);
    expect(same.fileName).toBe('Table_test.filtered.samples.csv');
    expect(await same.blob.text()).toBe(fullCsv);

    const all = parseCsv(fullCsv);
    const view: TableView = {
      sort: { column: 'battery_level_last', direction: 'desc' },
      filters: [
        { column: 'error_rate_mean', kind: 'range', min: 0.01, max: null },
        { column: 'device_type', kind: 'contains', value: 'SENS' },
      ],
      search: '',
    };
    const expected = all.filter(
      (r) => r.error_rate_mean !== '' && Number(r.error_rate_mean) >= 0.01 && r.device_type === 'sensor',
    );
    expect(expected.length).toBeGreaterThan(0);
    const result = await query.query({ datasetId: 'f', ...view, offset: 0, limit: 10 });
    expect(result.total).toBe(expected.length);
    const exported = await query.exportCsv({ datasetId: 'f', ...view });
    const rows = parseCsv(await exported.blob.text());
    expect(rows).toHaveLength(expected.length);
    expect(rows.every((r) => r.device_type === 'sensor' && Number(r.error_rate_mean) >= 0.01)).toBe(true);
    const battery = rows.map((r) =>
      r.battery_level_last === '' ? Number.NEGATIVE_INFINITY : Number(r.battery_level_last),
    );
    expect(battery.filter(Number.isFinite)).toEqual(battery.filter(Number.isFinite).toSorted((a, b) => b - a));
    expect(rows[0]?.device_id).toBe(result.rows[0]?.device_id);
    expect(rows[0]?.time?.slice(0, 16).replace('T', ' ')).toBe(result.rows[0]?.time);

    // The search looks through text columns (home type here); equals on a 0/1 column.
    const studios = all.filter((r) => r.home_type === 'studio').length;
    expect((await query.query({ datasetId: 'f', ...noView, search: 'studio', offset: 0, limit: 0 })).total).toBe(
      studios,
    );
    const positives = all.filter((r) => r.label === '1').length;
    expect(
      (
        await query.query({
          datasetId: 'f',
          ...noView,
          filters: [{ column: 'label', kind: 'equals', value: 1 }],
          offset: 0,
          limit: 0,
        })
      ).total,
    ).toBe(positives);
  });

  it('a dataset too large for the memory budget keeps the priority columns and says so; far too large is a clear error', async () => {
    const { generator } = setup();
    const rec = await generator.generateTemporal({ ...request('b'), spec: temporalSpec }, () => undefined);
    const name = `dataset-query-${n - 1}`;
    const small = createDatasetQueryService({
      openDb: () => openWorkbenchDb(name),
      clock: () => 0,
      yieldToEvents: createYieldToEvents(),
      budgetBytes: rec.rowCount * 100,
    });
    const info = await small.open(
      'b',
      'r',
      { priorityColumns: ['error_rate_mean', 'battery_level_last'] },
      () => undefined,
    );
    expect(info.canExport).toBe(false);
    expect(info.note).toMatch(/2 of them/);
    expect(info.columns.map((c) => c.id)).toContain('error_rate_mean');
    expect(info.columns.map((c) => c.id)).not.toContain('response_time_mean');
    await expect(small.exportCsv({ datasetId: 'b', ...noView })).rejects.toThrow(/cannot be exported/);
    const tiny = createDatasetQueryService({
      openDb: () => openWorkbenchDb(name),
      clock: () => 0,
      yieldToEvents: createYieldToEvents(),
      budgetBytes: rec.rowCount * 10,
    });
    await expect(tiny.open('b', 'r', { priorityColumns: [] }, () => undefined)).rejects.toThrow(
      /more than the 0 MB this page may hold/,
    );
    expect(FEATURE_COUNT).toBeGreaterThan(2);
  });
});

describe('dataset query service: classic rows, loading and validation', () => {
  it('sorts classic rows by a metric across all chunks; the export keeps the CSV format', async () => {
    const { generator, query } = setup();
    const spec = { ...defaultClassicSpec(), samples: 120_000, seed: 3 };
    const rec = await generator.generateClassic({ ...request('c'), spec }, () => undefined);
    expect(rec.chunkCount).toBeGreaterThan(1);
    const csv = await (await generator.exportDataset('c', 'csv')).blob.text();
    const all = parseCsv(csv);
    const max = Math.max(...all.map((r) => Number(r.response_time)));
    const top = await query.query({
      datasetId: 'c',
      ...noView,
      sort: { column: 'response_time', direction: 'desc' },
      offset: 0,
      limit: 3,
    });
    expect(top.total).toBe(120_000);
    expect(top.rows[0]?.response_time).toBe(max);
    expect(await (await query.exportCsv({ datasetId: 'c', ...noView })).blob.text()).toBe(csv);
    // Device ids sort in their natural (numeric) order.
    const ids = await query.query({
      datasetId: 'c',
      ...noView,
      sort: { column: 'device_id', direction: 'desc' },
      offset: 0,
      limit: 1,
    });
    const maxId = Math.max(...all.map((r) => Number((r.device_id ?? '').replace('synthetic_device_', ''))));
    expect(ids.rows[0]?.device_id).toBe(`synthetic_device_${String(maxId).padStart(4, '0')}`);
    const range = await query.query({
      datasetId: 'c',
      ...noView,
      filters: [{ column: 'response_time', kind: 'range', min: 100, max: 200 }],
      offset: 0,
      limit: 0,
    });
    expect(range.total).toBe(
      all.filter((r) => Number(r.response_time) >= 100 && Number(r.response_time) <= 200).length,
    );
  });

  it('a load nobody waits for stops between chunks; opening again loads it whole', async () => {
    const { generator, query } = setup();
    await generator.generateClassic(
      { ...request('x'), spec: { ...defaultClassicSpec(), samples: 120_000, seed: 4 } },
      () => undefined,
    );
    const first = query.open('x', 'gone', { priorityColumns: [] }, () => undefined);
    query.release('gone');
    const error: unknown = await first.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCancelled(error)).toBe(true);
    expect(query.holds('x')).toBe(false);
    // A page that opens, lets go and opens again (React's strict mode) gets its table.
    const a = query.open('x', 'a', { priorityColumns: [] }, () => undefined);
    query.release('a');
    const b = query.open('x', 'b', { priorityColumns: [] }, () => undefined);
    await expect(b).resolves.toMatchObject({ rowCount: 120_000 });
    await a.catch(() => undefined);
    expect(query.holds('x')).toBe(true);
    query.forget('x');
    expect(query.holds('x')).toBe(false);
  });

  it('the endpoint rejects malformed queries with a readable error before touching data', async () => {
    const { query } = setup();
    const api = createDatasetQueryEndpoint(query);
    await expect(api.query({ datasetId: 'x', ...noView, offset: 0, limit: 10 ** 7 })).rejects.toThrow(
      /Invalid table query/,
    );
    await expect(
      api.query({
        datasetId: 'x',
        ...noView,
        sort: { column: 'a', direction: 'sideways' } as never,
        offset: 0,
        limit: 10,
      }),
    ).rejects.toThrow(/sort/);
    await expect(api.exportCsv({ datasetId: '', ...noView })).rejects.toThrow(/Invalid table export/);
    await expect(api.query({ datasetId: 'missing', ...noView, offset: 0, limit: 10 })).rejects.toThrow(
      /no longer exists/,
    );
    expect(await api.ping()).toBe('pong');
  });
});
