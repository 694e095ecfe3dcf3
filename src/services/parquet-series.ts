import { DEVICE_TYPES, FAILURE_SCENARIOS, METRICS } from '../domain/device-types';
import { HOME_TYPES } from '../domain/home-types';
import { createDatasetContext } from '../domain/temporal/dataset-context';
import { regenerateDevice } from '../domain/temporal/regenerate';
import type { TemporalSpec } from '../domain/temporal/spec';
import { BlobSink } from './parquet/blob-sink';
import { FlatParquetWriter, type FlatColumn } from './parquet/flat-parquet-writer';
import { PARQUET_MANIFEST_KEY, SAMPLE_ROW_GROUP_ROWS } from './parquet-samples';
import { sampleDeviceId } from './temporal-export';

/** Columns of the raw series file: one row per device and step, metrics as float32 (null where missing). */
export function seriesParquetColumns(): FlatColumn[] {
  return [
    { name: 'device_id', type: 'string', label: sampleDeviceId },
    { name: 'device_index', type: 'int32' },
    { name: 'home_index', type: 'int32' },
    { name: 'home_type', type: 'string', label: (c) => HOME_TYPES[c] ?? '' },
    { name: 'device_type', type: 'string', label: (c) => DEVICE_TYPES[c] ?? '' },
    {
      name: 'truth_failure_scenario',
      type: 'string',
      label: (c) => (c < 0 ? 'none' : (FAILURE_SCENARIOS[c] ?? 'none')),
    },
    { name: 'time', type: 'timestamp-ms' },
    ...METRICS.map((name): FlatColumn => ({ name, type: 'float32', nullable: true, compress: false })),
  ];
}

/** Devices regenerated between progress reports (a few tens of milliseconds of work at hourly steps). */
const DEVICES_PER_REPORT = 32;

/**
 * Every device's raw series regenerated from the seed (bit-identical to what the generator simulated), as one
 * Parquet file in row groups of about 100k rows: a device's steps up to its failure (it reports nothing after).
 * Memory: one row group's columns plus one device's series, whatever the dataset size.
 */
export async function rawSeriesParquetBlob(
  spec: TemporalSpec,
  manifestJson: string,
  options: {
    rowGroupRows?: number;
    /** Called after every DEVICES_PER_REPORT devices and at the end; may throw to stop the export. */
    onDevices?: (done: number, total: number) => Promise<void>;
  } = {},
): Promise<Blob> {
  const rowGroupRows = options.rowGroupRows ?? SAMPLE_ROW_GROUP_ROWS;
  const ctx = createDatasetContext(spec);
  const sink = new BlobSink();
  const writer = new FlatParquetWriter({
    columns: seriesParquetColumns(),
    sink: sink.write,
    keyValueMetadata: [{ key: PARQUET_MANIFEST_KEY, value: manifestJson }],
    sortedBy: ['device_index', 'time'],
  });
  const cap = Math.max(rowGroupRows, ctx.cal.stepCount);
  const ids = {
    device: new Int32Array(cap),
    home: new Int32Array(cap),
    homeType: new Int32Array(cap),
    deviceType: new Int32Array(cap),
    scenario: new Int32Array(cap),
  };
  const time = new Float64Array(cap);
  const metrics = METRICS.map(() => new Float32Array(cap));
  let n = 0;
  const flush = async (): Promise<void> => {
    if (n === 0) return;
    await writer.writeRowGroup(
      {
        device_id: ids.device,
        device_index: ids.device,
        home_index: ids.home,
        home_type: ids.homeType,
        device_type: ids.deviceType,
        truth_failure_scenario: ids.scenario,
        time,
        ...Object.fromEntries(METRICS.map((m, i) => [m, metrics[i] ?? new Float32Array(0)])),
      },
      n,
    );
    n = 0;
  };
  const total = ctx.dir.totalDevices;
  for (let d = 0; d < total; d++) {
    const s = regenerateDevice(spec, d, ctx);
    let steps = s.time.length;
    if (Number.isFinite(s.truth.failureTime)) {
      while (steps > 0 && (s.time[steps - 1] ?? 0) >= s.truth.failureTime) steps--;
    }
    if (n + steps > cap) await flush();
    ids.device.fill(d, n, n + steps);
    ids.home.fill(s.homeIndex, n, n + steps);
    ids.homeType.fill(HOME_TYPES.indexOf(s.homeType), n, n + steps);
    ids.deviceType.fill(DEVICE_TYPES.indexOf(s.deviceType), n, n + steps);
    ids.scenario.fill(s.truth.scenario === null ? -1 : FAILURE_SCENARIOS.indexOf(s.truth.scenario), n, n + steps);
    time.set(s.time.subarray(0, steps), n);
    METRICS.forEach((m, i) => metrics[i]?.set(s.metrics[m].subarray(0, steps), n));
    n += steps;
    if (n >= rowGroupRows) await flush();
    if ((d + 1) % DEVICES_PER_REPORT === 0 || d + 1 === total) await options.onDevices?.(d + 1, total);
  }
  await flush();
  await writer.finish();
  return sink.blob();
}
