import { csvLine } from '../domain/csv';
import { parseCsv, type CsvTable } from '../domain/csv-parse';
import { modelPrediction, RISK_LEVELS, type RiskLevel } from '../domain/evaluation/risk';
import { isHomeType, type HomeType } from '../domain/home-types';
import { familyOf, type ModelFamily } from '../domain/training/run-types';
import { deviceRow, type DeviceRow } from '../ml/device-input';
import { FEATURE_SETS, type FeatureSetName } from '../ml/feature-sets';
import { routeModel, type ModelRoute } from '../ml/model-routing';
import type { ModelRecord } from '../storage/records';
import type { BatchRequest, BatchResult, BatchRow } from '../workers/models.api';

/**
 * Predicts P(failure) for n raw rows (n × d, row-major) with one stored model: a network standardises them,
 * trees read them as they are (NaN = missing), and the model's calibrator (if any) maps the output to the
 * calibrated probability that its threshold applies to.
 */
export type PredictRows = (model: ModelRecord, raw: Float32Array, n: number) => Promise<Float32Array>;

export const BATCH_COLUMNS = [
  'device_id',
  'home_type',
  'model_slot',
  'model_version',
  'model_family',
  'routed_to',
  'failure_probability',
  'probability',
  'threshold',
  'risk_level',
  'predicted_failure',
  'recommendations',
] as const satisfies readonly (keyof BatchRow)[];

const PREVIEW_ROWS = 10;
const human = (t: string): string => t.replace(/_/g, ' ');

function chooseFeatureSet(header: readonly string[]): FeatureSetName {
  const present = (set: FeatureSetName) => FEATURE_SETS[set].filter((f) => header.includes(f));
  for (const set of ['classic', 'temporal'] as const) if (present(set).length === FEATURE_SETS[set].length) return set;
  const best = present('temporal').length > present('classic').length ? 'temporal' : 'classic';
  const missing = FEATURE_SETS[best].filter((f) => !header.includes(f));
  const shown = missing.slice(0, 6).join(', ') + (missing.length > 6 ? ` and ${missing.length - 6} more` : '');
  throw new Error(
    `The CSV lacks feature columns: ${shown}. It needs the 11 classic metrics (or all ${FEATURE_SETS.temporal.length} temporal window features) as columns; home_type and device_id are optional, other columns are ignored.`,
  );
}

interface ParsedRow {
  deviceId: string;
  homeType: HomeType | null;
  homeText: string;
  source: Record<string, number>;
}

function parseRows(table: CsvTable, set: FeatureSetName): { rows: ParsedRow[]; empty: number } {
  if (table.rows.length === 0) throw new Error('The CSV has a header but no rows.');
  const features = FEATURE_SETS[set];
  const cols = features.map((f) => table.header.indexOf(f));
  const homeCol = table.header.indexOf('home_type');
  const idCol = table.header.indexOf('device_id');
  let empty = 0;
  const rows = table.rows.map((cells, r) => {
    const source: Record<string, number> = {};
    features.forEach((f, j) => {
      const text = (cells[cols[j] ?? -1] ?? '').trim();
      if (text === '') {
        empty++;
        return;
      }
      const v = Number(text);
      if (!Number.isFinite(v)) throw new Error(`CSV row ${r + 1}, column ${f}: "${text}" is not a number.`);
      source[f] = v;
    });
    const homeText = homeCol >= 0 ? (cells[homeCol] ?? '').trim() : '';
    const deviceId = idCol >= 0 ? (cells[idCol] ?? '').trim() : '';
    return { deviceId: deviceId || `row_${r + 1}`, homeType: isHomeType(homeText) ? homeText : null, homeText, source };
  });
  return { rows, empty };
}

function emptyCellsNote(empty: number, set: FeatureSetName, families: ReadonlySet<ModelFamily>): string {
  const network = set === 'classic' ? '0, as the original API did' : 'the training mean';
  const trees = 'missing (each tree routes it down its missing-value branch)';
  const as =
    families.size > 1 ? `${network} for networks and ${trees} for trees` : families.has('trees') ? trees : network;
  return `${empty} empty cells counted as ${as}.`;
}

function notesFor(
  rows: readonly ParsedRow[],
  routes: readonly ModelRoute<ModelRecord>[],
  empty: number,
  set: FeatureSetName,
  families: ReadonlySet<ModelFamily>,
): string[] {
  const notes: string[] = [];
  const fellBack = new Map<string, number>();
  let noHome = 0;
  const unknown = new Map<string, number>();
  rows.forEach((row, i) => {
    if (routes[i]?.routedTo !== 'global') return;
    if (row.homeType !== null) fellBack.set(row.homeType, (fellBack.get(row.homeType) ?? 0) + 1);
    else if (row.homeText === '') noHome++;
    else unknown.set(row.homeText, (unknown.get(row.homeText) ?? 0) + 1);
  });
  for (const [t, n] of fellBack)
    notes.push(`${n} rows of ${human(t)} homes used the global model: no ${human(t)} model is stored.`);
  if (noHome > 0) notes.push(`${noHome} rows without a home type used the global model.`);
  if (unknown.size > 0) {
    const n = [...unknown.values()].reduce((a, b) => a + b, 0);
    notes.push(
      `${n} rows had an unknown home type (${[...unknown.keys()]
        .slice(0, 3)
        .map((k) => `"${k}"`)
        .join(', ')}) and used the global model.`,
    );
  }
  if (empty > 0) notes.push(emptyCellsNote(empty, set, families));
  return notes;
}

/**
 * Predicts every row of a CSV: each row goes to its home type's current model (home_type column, the
 * newest of either family unless `req.family` names one), else the global model; every model is loaded
 * once and run on all its rows together. Each output row names the family and threshold that decided it.
 */
export async function predictCsv(
  req: BatchRequest,
  models: readonly ModelRecord[],
  predictRows: PredictRows,
  predictedAt: string,
): Promise<BatchResult> {
  const table = parseCsv(req.csv);
  const set = chooseFeatureSet(table.header);
  const { rows, empty } = parseRows(table, set);
  const routeCache = new Map<HomeType | null, ModelRoute<ModelRecord>>();
  const routes = rows.map((row) => {
    let route = routeCache.get(row.homeType);
    if (!route) {
      route = routeModel(models, row.homeType, set, req.family ?? null);
      routeCache.set(row.homeType, route);
    }
    return route;
  });
  const groups = new Map<string, { model: ModelRecord; rows: number[] }>();
  routes.forEach((r, i) => {
    const g = groups.get(r.model.id) ?? { model: r.model, rows: [] };
    g.rows.push(i);
    groups.set(r.model.id, g);
  });
  const probability = new Float64Array(rows.length);
  const families = new Set([...groups.values()].map((g) => familyOf(g.model)));
  // Missing values differ by family (0 or NaN in classic rows), so each family gets its own rows.
  const builtFor = (family: ModelFamily): DeviceRow[] =>
    rows.map((row) => deviceRow(FEATURE_SETS[set], row.source, set, family));
  const byFamily = new Map([...families].map((f) => [f, builtFor(f)]));
  // Recommendations read the raw metrics, the same in every family's rows.
  const built = byFamily.get('network') ?? byFamily.get('trees') ?? [];
  for (const { model, rows: idx } of groups.values()) {
    const d = model.featureNames.length;
    const source = byFamily.get(familyOf(model)) ?? built;
    const raw = new Float32Array(idx.length * d);
    idx.forEach((r, k) => raw.set(source[r]?.values ?? new Float32Array(d), k * d));
    const p = await predictRows(model, raw, idx.length);
    idx.forEach((r, k) => {
      probability[r] = p[k] ?? Number.NaN;
    });
  }
  const byRisk = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;
  const out: BatchRow[] = [];
  let csv = csvLine(BATCH_COLUMNS);
  rows.forEach((row, i) => {
    const route = routes[i];
    if (!route) return;
    const p = probability[i] ?? Number.NaN;
    const pred = modelPrediction({
      deviceId: row.deviceId,
      probability: p,
      anomalyScore: 0,
      isAnomaly: false,
      metrics: built[i]?.metrics ?? {},
      predictedAt,
      modelVersion: route.model.version,
    });
    const line: BatchRow = {
      device_id: row.deviceId,
      home_type: row.homeText,
      model_slot: route.model.slot,
      model_version: route.model.version,
      model_family: familyOf(route.model),
      routed_to: route.routedTo,
      failure_probability: pred.failure_probability,
      probability: p,
      threshold: route.model.threshold,
      risk_level: pred.risk_level,
      predicted_failure: p >= route.model.threshold ? 1 : 0,
      recommendations: pred.recommendations.join('; '),
    };
    byRisk[pred.risk_level]++;
    if (out.length < PREVIEW_ROWS) out.push(line);
    csv += csvLine(BATCH_COLUMNS.map((c) => line[c]));
  });
  return {
    csv,
    fileName: `${req.fileName.replace(/\.csv$/i, '') || 'devices'}-predictions.csv`,
    rows: rows.length,
    featureSet: set,
    byRisk,
    byModel: [...groups.values()].map((g) => ({
      id: g.model.id,
      name: g.model.name,
      version: g.model.version,
      slot: g.model.slot,
      family: familyOf(g.model),
      threshold: g.model.threshold,
      rows: g.rows.length,
    })),
    notes: notesFor(rows, routes, empty, set, families),
    preview: out,
  };
}
