import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../domain/device-types';
import { createDatasetContext } from '../domain/temporal/dataset-context';
import { regenerateDevice } from '../domain/temporal/regenerate';
import { defaultTemporalSpec } from '../domain/temporal/spec';
import { rawSeriesParquetBlob } from './parquet-series';

const spec = defaultTemporalSpec({
  homes: 5,
  days: 12,
  windowDays: 3,
  seed: 5,
  failureRate: 0.5,
  timeZone: 'Europe/Paris',
  startDate: '2025-03-25',
});

describe('raw series Parquet', () => {
  it('holds every device step up to its failure, bit-identical to the regenerated series, in row groups', async () => {
    const ctx = createDatasetContext(spec);
    const series = Array.from({ length: ctx.dir.totalDevices }, (_, d) => regenerateDevice(spec, d, ctx));
    const kept = series.map((s) => s.time.filter((t) => !(t >= s.truth.failureTime)).length);
    expect(kept.some((k, d) => k < (series[d]?.time.length ?? 0))).toBe(true); // some device failed inside the range

    const file = await (await rawSeriesParquetBlob(spec, '{"m":1}', { rowGroupRows: 1000 })).arrayBuffer();
    const meta = parquetMetadata(file);
    const total = kept.reduce((a, b) => a + b, 0);
    expect(Number(meta.num_rows)).toBe(total);
    expect(meta.row_groups.length).toBeGreaterThan(1);
    expect(meta.schema.find((e) => e.name === 'temperature')?.type).toBe('FLOAT');

    const rows = await parquetReadObjects({ file });
    let r = 0;
    series.forEach((s, d) => {
      for (let i = 0; i < (kept[d] ?? 0); i++, r++) {
        const row = rows[r] ?? {};
        expect(row.device_index).toBe(d);
        expect((row.time as Date).getTime()).toBe(s.time[i]);
        for (const m of METRICS) {
          const v = s.metrics[m][i] ?? Number.NaN;
          expect(row[m]).toBe(Number.isNaN(v) ? null : v);
        }
      }
    });
    expect(r).toBe(rows.length);
  });
});
