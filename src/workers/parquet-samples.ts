import { ByteWriter, ParquetWriter, type ColumnSource } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { DEVICE_TYPES, FAILURE_SCENARIOS } from '../domain/device-types';
import { HOME_TYPES } from '../domain/home-types';
import type { TemporalChunk } from '../domain/temporal/temporal-types';
import { FEATURE_COUNT, FEATURE_NAMES } from '../domain/temporal/window-features';
import { sampleDeviceId, TEMPORAL_CSV_COLUMNS } from './temporal-export';

type StoredChunk = Omit<TemporalChunk, 'progress'>;

/** The key-value metadata key holding the dataset manifest JSON. */
export const PARQUET_MANIFEST_KEY = 'homesynth.manifest';

/**
 * Collects the bytes written so far into parts whenever the Parquet writer finishes a row group, so the
 * in-memory write buffer holds one row group at most; the parts become a Blob (which the browser may keep
 * out of the JS heap).
 */
class PartsWriter extends ByteWriter {
  readonly parts: Uint8Array<ArrayBuffer>[] = [];

  flush(): void {
    if (this.index === 0) return;
    this.parts.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

const OPTIONAL = 'OPTIONAL' as const;
const REQUIRED = 'REQUIRED' as const;

/** Same columns, in the same order, as the samples CSV, with Parquet types. */
export function temporalParquetSchema(): SchemaElement[] {
  const str = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type: REQUIRED });
  return [
    { name: 'root', num_children: TEMPORAL_CSV_COLUMNS.length },
    str('device_id'),
    { name: 'home_index', type: 'INT32', repetition_type: REQUIRED },
    str('home_type'),
    str('device_type'),
    str('truth_failure_scenario'),
    {
      name: 'time',
      type: 'INT64',
      converted_type: 'TIMESTAMP_MILLIS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
      repetition_type: REQUIRED,
    },
    // A feature with no defined value (NaN, an empty cell in the CSV) is null.
    ...FEATURE_NAMES.map((name): SchemaElement => ({ name, type: 'FLOAT', repetition_type: OPTIONAL })),
    { name: 'label', type: 'INT32', repetition_type: REQUIRED },
    { name: 'legacy_label', type: 'INT32', repetition_type: REQUIRED },
  ];
}

/** One stored chunk's samples as Parquet column data (one row group). */
function chunkColumns(c: StoredChunk): ColumnSource[] {
  const n = c.samples.deviceIndex.length;
  const pos = new Map<number, number>();
  c.devices.deviceIndex.forEach((d, i) => pos.set(d, i));
  const deviceId: string[] = [];
  const homeIndex = new Int32Array(n);
  const homeType: string[] = [];
  const deviceType: string[] = [];
  const scenario: string[] = [];
  const time: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const d = c.samples.deviceIndex[i] ?? 0;
    const p = pos.get(d) ?? 0;
    const sc = c.devices.scenario[p] ?? -1;
    deviceId[i] = sampleDeviceId(d);
    homeIndex[i] = c.devices.homeIndex[p] ?? 0;
    homeType[i] = HOME_TYPES[c.devices.homeType[p] ?? 0] ?? '';
    deviceType[i] = DEVICE_TYPES[c.devices.deviceType[p] ?? 0] ?? '';
    scenario[i] = sc < 0 ? 'none' : (FAILURE_SCENARIOS[sc] ?? 'none');
    time[i] = BigInt(Math.round(c.samples.time[i] ?? 0));
  }
  const features = FEATURE_NAMES.map((name, f): ColumnSource => {
    const data: (number | null)[] = [];
    for (let i = 0; i < n; i++) {
      const v = c.samples.features[i * FEATURE_COUNT + f] ?? Number.NaN;
      data[i] = Number.isFinite(v) ? v : null;
    }
    return { name, data };
  });
  return [
    { name: 'device_id', data: deviceId },
    { name: 'home_index', data: homeIndex },
    { name: 'home_type', data: homeType },
    { name: 'device_type', data: deviceType },
    { name: 'truth_failure_scenario', data: scenario },
    { name: 'time', data: time },
    ...features,
    { name: 'label', data: Int32Array.from(c.samples.label) },
    { name: 'legacy_label', data: Int32Array.from(c.samples.legacyLabel) },
  ];
}

/**
 * Temporal samples as a Parquet file, one row group per stored chunk, written as the chunks arrive: only
 * the current chunk's columns and its encoded row group are held in the JS heap besides the parts already
 * written (which go into the Blob). Column statistics are on; the manifest JSON is in the key-value metadata
 * under `homesynth.manifest`.
 */
export async function temporalParquetBlob(chunks: AsyncIterable<StoredChunk> | Iterable<StoredChunk>, manifestJson: string): Promise<Blob> {
  const writer = new PartsWriter(1 << 16);
  const pw = new ParquetWriter({
    writer,
    schema: temporalParquetSchema(),
    statistics: true,
    kvMetadata: [{ key: PARQUET_MANIFEST_KEY, value: manifestJson }],
    createdBy: 'homesynth',
  });
  for await (const c of chunks) {
    const rows = c.samples.deviceIndex.length;
    if (rows === 0) continue;
    await pw.write({ columnData: chunkColumns(c), rowGroupSize: rows });
  }
  await pw.finish();
  return new Blob(writer.parts, { type: 'application/vnd.apache.parquet' });
}
