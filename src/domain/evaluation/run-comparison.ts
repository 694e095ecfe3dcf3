import { normalQuantile } from './normal-quantile';
import { stableJson } from '../stable-json';

/*
 * "Runs compared": several training runs side by side. Only the settings that differ are worth showing, and
 * runs that differ only in their seeds are repeats of one experiment, summarised as mean ± Student-t interval.
 * Pure: the inputs are structural, so stored runs and runs built in tests fit alike.
 */

/** One run reduced to what the comparison needs: its settings (nested) and its metrics (flat, by display key). */
export interface ComparableRun {
  id: string;
  name: string;
  settings: { generator: Record<string, unknown>; training: Record<string, unknown> };
  /** Keyed like "global · network · PR-AUC"; non-finite values count as missing. */
  metrics: Record<string, number>;
}

/** A setting whose value is not the same in every run: one value per run, "—" where a run lacks it. */
export interface SettingDiff {
  key: string;
  values: string[];
  /** The key names a seed (its last segment is "seed"). */
  seed: boolean;
}

/** Mean of one metric over a group's runs with a Student-t interval (NaN bounds for a single run). */
export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
  n: number;
  values: number[];
}

/** Runs whose settings are equal apart from seeds. */
export interface RunGroup {
  /** The non-seed settings signature shared by the group's runs. */
  key: string;
  runIds: string[];
  /** The non-seed settings that set this group apart from the other groups ("key = value; …"), or "all runs". */
  label: string;
  metrics: Record<string, MeanInterval>;
}

/** Shown for a setting a run does not have. */
export const ABSENT = '—';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Nested settings as dotted keys ("training.network.learningRate"); arrays and scalars become stable JSON
 * strings (strings keep their quotes, so "1" and 1 stay apart). Undefined values are left out; an empty object
 * stays visible as "{}". Keys come out sorted within each object.
 */
export function flattenSettings(prefix: string, value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string, v: unknown): void => {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return;
    if (isPlainObject(v)) {
      const keys = Object.keys(v).sort();
      if (keys.length === 0) {
        if (path !== '') out.set(path, '{}');
        return;
      }
      for (const k of keys) walk(path === '' ? k : `${path}.${k}`, v[k]);
      return;
    }
    out.set(path, stableJson(v));
  };
  walk(prefix, value);
  return out;
}

/** A seed setting: its last dotted segment is "seed" (generator.seed, training.network.seed, training.trees.seed). */
export function isSeedKey(key: string): boolean {
  return key.slice(key.lastIndexOf('.') + 1) === 'seed';
}

function settingsOf(run: ComparableRun): Map<string, string> {
  return new Map([
    ...flattenSettings('generator', run.settings.generator),
    ...flattenSettings('training', run.settings.training),
  ]);
}

/** Generator settings before training settings, then by key. */
function compareKeys(a: string, b: string): number {
  const rank = (k: string): number =>
    k.startsWith('generator.') || k === 'generator' ? 0 : k.startsWith('training.') || k === 'training' ? 1 : 2;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function diffsOf(flat: readonly Map<string, string>[]): SettingDiff[] {
  const keys = new Set<string>();
  for (const m of flat) for (const k of m.keys()) keys.add(k);
  const out: SettingDiff[] = [];
  for (const key of [...keys].sort(compareKeys)) {
    const values = flat.map((m) => m.get(key) ?? ABSENT);
    if (values.some((v) => v !== values[0])) out.push({ key, values, seed: isSeedKey(key) });
  }
  return out;
}

/** The settings whose values are not all equal across the runs (a missing setting differs from any value). */
export function differingSettings(runs: readonly ComparableRun[]): SettingDiff[] {
  return diffsOf(runs.map(settingsOf));
}

/** Every metric key of the runs, in order of first appearance (run order, then each run's own order). */
export function metricKeys(runs: readonly ComparableRun[]): string[] {
  const keys = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.metrics)) keys.add(k);
  return [...keys];
}

// --- Student-t quantile -------------------------------------------------------------------------------------

const LANCZOS_G = 7;
const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~15 significant digits). */
function logGamma(x: number): number {
  const z = x - 1;
  let a = 0.99999999999980993;
  LANCZOS.forEach((c, i) => {
    a += c / (z + i + 1);
  });
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  const EPS = 1e-16;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  const guard = (v: number): number => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / guard(1 - (qab * x) / qap);
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 / guard(1 + aa * d);
    c = guard(1 + aa / c);
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 / guard(1 + aa * d);
    c = guard(1 + aa / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPS) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T > t) for t ≥ 0, T Student-t with `df` degrees of freedom. */
function upperTail(t: number, df: number): number {
  return 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** CDF of Student's t with finite `df` > 0 degrees of freedom (NaN for invalid input). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0) || !Number.isFinite(df)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const tail = upperTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Quantile of Student's t with `df` > 0 degrees of freedom (need not be an integer): closed forms for df 1 and 2,
 * the normal quantile for df = ∞, otherwise the inverse of the incomplete-beta CDF by bisection (~1e-12).
 * ±Infinity at p = 0 and 1; NaN outside [0, 1] or for df ≤ 0.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const target = 1 - p;
  let lo = 0;
  let hi = Math.max(1, 2 * normalQuantile(p));
  while (upperTail(hi, df) > target && hi < 1e300) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (upperTail(mid, df) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Mean of the finite values with a two-sided Student-t interval at `level`: mean ± t·s/√n (s the sample
 * standard deviation). One value: low = high = NaN; no values: everything NaN.
 */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  if (!(level > 0 && level < 1)) throw new RangeError('level must lie strictly between 0 and 1');
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  const mean = n === 0 ? Number.NaN : xs.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, low: Number.NaN, high: Number.NaN, n, values: xs };
  const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const half = studentTQuantile((1 + level) / 2, n - 1) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half, n, values: xs };
}

/**
 * Runs whose settings are equal apart from seed keys form one group (groups in order of their first run).
 * Each metric: mean ± Student-t interval at `level` over the group's runs that have it (missing or non-finite
 * values are skipped for that run).
 */
export function groupBySettingsExceptSeed(runs: readonly ComparableRun[], level = 0.95): RunGroup[] {
  if (!(level > 0 && level < 1)) throw new RangeError('level must lie strictly between 0 and 1');
  const groups = new Map<string, { runs: ComparableRun[]; settings: Map<string, string> }>();
  for (const run of runs) {
    const settings = new Map([...settingsOf(run)].filter(([k]) => !isSeedKey(k)));
    const key = JSON.stringify([...settings].sort(([a], [b]) => compareKeys(a, b)));
    const group = groups.get(key);
    if (group) group.runs.push(run);
    else groups.set(key, { runs: [run], settings });
  }
  const list = [...groups];
  const distinguishing = diffsOf(list.map(([, g]) => g.settings));
  return list.map(([key, g], i) => {
    const metrics: Record<string, MeanInterval> = {};
    for (const m of metricKeys(g.runs)) {
      const values = g.runs.map((r) => r.metrics[m]).filter((v): v is number => v !== undefined && Number.isFinite(v));
      if (values.length > 0) metrics[m] = meanInterval(values, level);
    }
    const label = distinguishing.map((d) => `${d.key} = ${d.values[i] ?? ABSENT}`).join('; ');
    return { key, runIds: g.runs.map((r) => r.id), label: label === '' ? 'all runs' : label, metrics };
  });
}

// --- Adapter ------------------------------------------------------------------------------------------------

/** The metrics a run comparison shows, with their display labels. */
export const RUN_COMPARISON_METRICS = [
  ['prAuc', 'PR-AUC'],
  ['rocAuc', 'ROC-AUC'],
  ['f1', 'F1'],
  ['logLoss', 'Log loss'],
] as const;

/** What `comparableRun` reads of a stored run (structural, so the domain does not depend on storage). */
export interface RunLike {
  id: string;
  name: string;
  datasetManifest: { kind: string; spec: Record<string, unknown> };
  config: object;
  slots: readonly {
    slot: string;
    family?: string;
    status: string;
    metrics: Readonly<Record<string, { estimate: number }>> | null;
  }[];
}

/**
 * A stored run as a comparable one: generator settings are the dataset kind plus the generator spec, training
 * settings the run config; metrics are the estimates of every done slot, keyed "slot · family · metric".
 */
export function comparableRun(run: RunLike): ComparableRun {
  const metrics: Record<string, number> = {};
  for (const s of run.slots) {
    if (s.status !== 'done' || !s.metrics) continue;
    for (const [name, label] of RUN_COMPARISON_METRICS) {
      const m = s.metrics[name];
      if (m !== undefined) metrics[`${s.slot} · ${s.family ?? 'network'} · ${label}`] = m.estimate;
    }
  }
  return {
    id: run.id,
    name: run.name,
    settings: {
      generator: { ...run.datasetManifest.spec, kind: run.datasetManifest.kind },
      training: { ...run.config },
    },
    metrics,
  };
}
