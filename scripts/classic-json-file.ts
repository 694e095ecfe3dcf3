import { z } from 'zod';
import {
  allocateClassicColumns,
  METRIC_COUNT,
  NO_HOME_TYPE,
  type ClassicColumns,
} from '../src/domain/classic/classic-generator';
import { FAILURE_SCENARIOS, METRICS } from '../src/domain/device-types';
import { HOME_TYPES } from '../src/domain/home-types';
import { legacyLabel } from '../src/domain/legacy-label';

const metric = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number');

/** One record of the original `large_training_data.json` (§1.2), plus our optional ground-truth column. */
const recordSchema = z.object({
  device_id: z.string({ error: 'must be a string' }),
  response_time: metric,
  error_rate: metric,
  battery_level: metric,
  signal_strength: metric,
  usage_frequency: metric,
  temperature: metric,
  humidity: metric,
  uptime_hours: metric,
  restart_count: metric,
  connection_drops: metric,
  data_transfer_rate: metric,
  health_score: z.number().nullable().optional(),
  home_type: z.enum(HOME_TYPES).nullable().optional(),
  failure_scenario: z.enum([...FAILURE_SCENARIOS, 'none']).optional(),
});
type ClassicFileRecord = z.infer<typeof recordSchema>;

/** A classic JSON file read into columns, with what it does and does not carry. */
export interface ClassicJsonFile {
  columns: ClassicColumns;
  /** Every record has `failure_scenario` (our CSV-style ground truth), so the injected label exists. */
  scenarioKnown: boolean;
  /** The legacy rule on the values exactly as written (the original trainer's label). */
  legacy: Uint8Array;
  withoutHomeType: number;
}

/** Parses the text of a classic JSON file; throws one readable message naming the first bad records. */
export function parseClassicJsonFile(text: string): ClassicJsonFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`The file is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!Array.isArray(data))
    throw new Error('The file must hold a JSON array of device records, as large_training_data.json does.');
  if (data.length === 0) throw new Error('The file holds no records.');
  const problems: string[] = [];
  const records: ClassicFileRecord[] = [];
  data.forEach((item: unknown, i) => {
    const r = recordSchema.safeParse(item);
    if (r.success) records.push(r.data);
    else if (problems.length < 5)
      problems.push(
        ...r.error.issues.slice(0, 2).map((e) => `record ${i}: ${e.path.join('.') || 'record'} ${e.message}`),
      );
  });
  if (problems.length > 0) {
    throw new Error(
      `The file is not in the classic format (device_id, the 11 metrics, optional health_score and home_type): ${problems.slice(0, 5).join('; ')}`,
    );
  }
  const n = records.length;
  const columns = allocateClassicColumns(n);
  const legacy = new Uint8Array(n);
  const scenarioKnown = records.every((r) => r.failure_scenario !== undefined);
  let withoutHomeType = 0;
  records.forEach((r, i) => {
    columns.deviceNumber[i] = Number(/(\d+)$/.exec(r.device_id)?.[1] ?? 0);
    const ht = r.home_type ?? null;
    if (ht === null) withoutHomeType++;
    columns.homeType[i] = ht === null ? NO_HOME_TYPE : HOME_TYPES.indexOf(ht);
    const sc = r.failure_scenario;
    columns.scenario[i] = sc === undefined || sc === 'none' ? -1 : FAILURE_SCENARIOS.indexOf(sc);
    METRICS.forEach((m, k) => {
      columns.metrics[i * METRIC_COUNT + k] = r[m];
    });
    columns.healthScore[i] = r.health_score ?? Number.NaN;
    legacy[i] = legacyLabel(r.response_time, r.error_rate, r.battery_level);
  });
  return { columns, scenarioKnown, legacy, withoutHomeType };
}
