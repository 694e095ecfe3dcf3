import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { FAILURE_SCENARIOS } from '../src/domain/device-types';
import { HOME_TYPES } from '../src/domain/home-types';
import { FEATURE_COUNT, FEATURE_NAMES } from '../src/domain/temporal/window-features';
import { TABLE_NO_HOME_TYPE, type TrainingTable } from '../src/ml/training-table';

const DAY_MS = 86_400_000;

/** A temporal samples file read into a training table, with what the predictions file repeats per row. */
export interface TemporalSamplesFile {
  table: TrainingTable;
  /** device_id of each group (table.group indexes it). */
  deviceIds: string[];
  /** Whether the file carries the simulator's ground truth (per-scenario recall needs it). */
  scenarioKnown: boolean;
}

/** Columns a temporal samples file must have; the ground truth is optional (old name accepted). */
const REQUIRED = ['device_id', 'home_type', 'time', ...FEATURE_NAMES, 'label', 'legacy_label'] as const;
const TRUTH_COLUMNS = ['truth_failure_scenario', 'failure_scenario'] as const;

type Cell = string | number | null | undefined;

/** Splits one CSV line (RFC 4180 quoting, as the app writes it). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Grows row by row into typed arrays (doubling), so 800,000 samples never exist as objects. */
function createTableWriter(horizonDays: number) {
  const d = FEATURE_COUNT;
  let cap = 1 << 14;
  let n = 0;
  let x = new Float32Array(cap * d);
  let horizon = new Uint8Array(cap);
  let legacy = new Uint8Array(cap);
  let group = new Uint32Array(cap);
  let homeType = new Uint8Array(cap);
  let time = new Float64Array(cap);
  let scenario = new Int8Array(cap);
  const deviceIndex = new Map<string, number>();
  const grow = <T extends Float32Array | Uint8Array | Uint32Array | Float64Array | Int8Array>(
    a: T,
    size: number,
  ): T => {
    const b = new (a.constructor as new (n: number) => T)(size);
    b.set(a);
    return b;
  };
  return {
    add(row: {
      device: string;
      homeType: number;
      time: number;
      features: ArrayLike<number>;
      label: number;
      legacy: number;
      scenario: number;
    }): void {
      if (n === cap) {
        cap *= 2;
        x = grow(x, cap * d);
        horizon = grow(horizon, cap);
        legacy = grow(legacy, cap);
        group = grow(group, cap);
        homeType = grow(homeType, cap);
        time = grow(time, cap);
        scenario = grow(scenario, cap);
      }
      let g = deviceIndex.get(row.device);
      if (g === undefined) {
        g = deviceIndex.size;
        deviceIndex.set(row.device, g);
      }
      x.set(row.features, n * d);
      horizon[n] = row.label;
      legacy[n] = row.legacy;
      group[n] = g;
      homeType[n] = row.homeType;
      time[n] = row.time;
      scenario[n] = row.scenario;
      n++;
    },
    result(scenarioKnown: boolean): TemporalSamplesFile {
      const table: TrainingTable = {
        kind: 'temporal',
        n,
        d,
        x: x.slice(0, n * d),
        labels: { legacy: legacy.slice(0, n), horizon: horizon.slice(0, n) },
        group: group.slice(0, n),
        homeType: homeType.slice(0, n),
        time: time.slice(0, n),
        horizon: horizonDays * DAY_MS,
        scenario: scenario.slice(0, n),
        featureNames: [...FEATURE_NAMES],
        legacyColumns: null,
      };
      return { table, deviceIds: [...deviceIndex.keys()], scenarioKnown };
    },
  };
}

class SamplesFileError extends Error {}

function zeroOne(v: Cell, column: string, where: string): number {
  const s = String(v ?? '').trim();
  if (s === '0' || s === '1') return Number(s);
  throw new SamplesFileError(`${where}: ${column} must be 0 or 1, got "${s}".`);
}

/** Turns one sample (cells by column name) into a table row; throws naming the row and the column. */
function rowReader(truthColumn: string | null) {
  const features = new Float32Array(FEATURE_COUNT);
  return (get: (column: string) => Cell, where: string) => {
    const device = String(get('device_id') ?? '').trim();
    if (device === '') throw new SamplesFileError(`${where}: device_id is empty.`);
    const typeName = String(get('home_type') ?? '').trim();
    const type = HOME_TYPES.indexOf(typeName as (typeof HOME_TYPES)[number]);
    if (typeName !== '' && type < 0)
      throw new SamplesFileError(`${where}: home_type "${typeName}" is not one of ${HOME_TYPES.join(', ')}.`);
    const t = Date.parse(String(get('time') ?? ''));
    if (!Number.isFinite(t))
      throw new SamplesFileError(`${where}: time must be an ISO date-time, got "${String(get('time') ?? '')}".`);
    FEATURE_NAMES.forEach((name, j) => {
      const v = get(name);
      // Missing values (empty CSV cells, JSON null) stay NaN: the standardiser imputes them, the trees route them.
      const num = v === null || v === undefined || v === '' ? Number.NaN : Number(v);
      if (v !== null && v !== undefined && v !== '' && !Number.isFinite(num))
        throw new SamplesFileError(`${where}: ${name} must be a number, got "${String(v)}".`);
      features[j] = num;
    });
    let scenario = -1;
    if (truthColumn !== null) {
      const name = String(get(truthColumn) ?? 'none').trim();
      scenario =
        name === 'none' || name === '' ? -1 : FAILURE_SCENARIOS.indexOf(name as (typeof FAILURE_SCENARIOS)[number]);
      if (name !== 'none' && name !== '' && scenario < 0)
        throw new SamplesFileError(
          `${where}: ${truthColumn} "${name}" is not none or one of ${FAILURE_SCENARIOS.join(', ')}.`,
        );
    }
    return {
      device,
      homeType: type < 0 ? TABLE_NO_HOME_TYPE : type,
      time: t,
      features,
      label: zeroOne(get('label'), 'label', where),
      legacy: zeroOne(get('legacy_label'), 'legacy_label', where),
      scenario,
    };
  };
}

function checkColumns(present: ReadonlySet<string>, file: string): string | null {
  const missing = REQUIRED.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new SamplesFileError(
      `${file} is not a temporal samples file: it lacks ${missing.length > 5 ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more columns` : missing.join(', ')}. ` +
        'Export the samples from the Datasets page (CSV or samples JSON) or run npm run generate -- --mode temporal.',
    );
  }
  return TRUTH_COLUMNS.find((c) => present.has(c)) ?? null;
}

/** Lines of a file, streamed (a 300-home samples file is several hundred MB). */
function lines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
}

async function readCsv(file: string, horizonDays: number): Promise<TemporalSamplesFile> {
  const writer = createTableWriter(horizonDays);
  let header: string[] | null = null;
  let index = new Map<string, number>();
  let read: ReturnType<typeof rowReader> | null = null;
  let truth: string | null = null;
  let lineNo = 0;
  for await (const line of lines(file)) {
    lineNo++;
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    if (header === null) {
      header = cells.map((c) => c.trim());
      index = new Map(header.map((c, i) => [c, i]));
      truth = checkColumns(new Set(header), file);
      read = rowReader(truth);
      continue;
    }
    if (cells.length !== header.length)
      throw new SamplesFileError(`${file} line ${lineNo}: ${cells.length} cells, but the header has ${header.length}.`);
    const row = cells;
    writer.add((read ?? rowReader(truth))((c) => row[index.get(c) ?? -1], `${file} line ${lineNo}`));
  }
  if (header === null) throw new SamplesFileError(`${file} is empty.`);
  return writer.result(truth !== null);
}

/**
 * The samples JSON the app and `npm run generate` write holds one object per line; that is streamed. Any
 * other layout of a JSON array is parsed whole.
 */
async function readJson(file: string, horizonDays: number, text: () => Promise<string>): Promise<TemporalSamplesFile> {
  const writer = createTableWriter(horizonDays);
  let read: ReturnType<typeof rowReader> | null = null;
  let truth: string | null = null;
  let count = 0;
  const addObject = (o: unknown): void => {
    if (typeof o !== 'object' || o === null || Array.isArray(o))
      throw new SamplesFileError(`${file} sample ${count}: not an object.`);
    const rec = o as Record<string, Cell>;
    if (read === null) {
      truth = checkColumns(new Set(Object.keys(rec)), file);
      read = rowReader(truth);
    }
    writer.add(read((c) => rec[c], `${file} sample ${count}`));
    count++;
  };
  let streamed = true;
  for await (const raw of lines(file)) {
    const line = raw.trim().replace(/,$/, '');
    if (line === '' || line === '[' || line === ']') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      streamed = false;
      break;
    }
    addObject(obj);
  }
  if (!streamed) {
    if (count > 0) throw new SamplesFileError(`${file} is not valid JSON after sample ${count}.`);
    let all: unknown;
    try {
      all = JSON.parse(await text());
    } catch (e) {
      throw new SamplesFileError(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!Array.isArray(all)) throw new SamplesFileError(`${file} is not a JSON array of samples.`);
    for (const o of all) addObject(o);
  }
  if (count === 0) throw new SamplesFileError(`${file} holds no samples.`);
  return writer.result(truth !== null);
}

/** Reads a temporal samples CSV (by extension) or samples JSON; every problem is one readable message. */
export async function readTemporalSamplesFile(
  file: string,
  horizonDays: number,
  text: () => Promise<string>,
): Promise<TemporalSamplesFile> {
  return file.toLowerCase().endsWith('.csv') ? readCsv(file, horizonDays) : readJson(file, horizonDays, text);
}
