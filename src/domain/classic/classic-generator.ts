import {
  DEVICE_CHARACTERISTICS,
  DEVICE_TYPE_WEIGHTS,
  DEVICE_TYPES,
  FAILURE_SCENARIOS,
  METRIC_CLAMPS,
  METRICS,
  type DeviceType,
} from '../device-types';
import { HOME_TYPE_PATTERNS, HOME_TYPES, splitByShares, type HomeType } from '../home-types';
import { Rng, deriveSeed } from '../random';
import { parseLocalDateTime, type ClassicSpec } from './classic-spec';
import { planPattern, patternFor, type PatternClock } from './patterns';
import { healthScoreOfRow } from './health-score';

export const METRIC_COUNT = METRICS.length;
/** `homeType` value of rows generated without a home type. */
export const NO_HOME_TYPE = 255;

/**
 * One classic dataset (or a slice of one) in columns. Metrics are row-major (`length × 11`, METRICS order)
 * and already rounded and clamped as the original wrote them; Float32 holds every such value to its
 * printed precision (≤ 7 significant digits), and halves storage.
 */
export interface ClassicColumns {
  length: number;
  /** 1-based id number within its generator call: `synthetic_device_0001`… restart per home type. */
  deviceNumber: Uint32Array;
  /** Index into HOME_TYPES, or NO_HOME_TYPE. */
  homeType: Uint8Array;
  /** Latent device type (index into DEVICE_TYPES); the original discarded it, we keep it as ground truth. */
  deviceType: Uint8Array;
  /** Injected failure scenario (index into FAILURE_SCENARIOS), −1 for a normal row. */
  scenario: Int8Array;
  metrics: Float32Array;
  /** NaN where the row has no health_score (the original wrote it on ≈ 70 % of rows). */
  healthScore: Float32Array;
  /** The original label rule on the row's exact rounded values (a leak, kept as the legacy label). */
  legacyLabel: Uint8Array;
}

export function allocateClassicColumns(length: number): ClassicColumns {
  return {
    length,
    deviceNumber: new Uint32Array(length),
    homeType: new Uint8Array(length),
    deviceType: new Uint8Array(length),
    scenario: new Int8Array(length),
    metrics: new Float32Array(length * METRIC_COUNT),
    healthScore: new Float32Array(length),
    legacyLabel: new Uint8Array(length),
  };
}

/** Scenario multipliers of the original (§1.7), in FAILURE_SCENARIOS order. */
const SCENARIO_TABLE: readonly {
  error: readonly [number, number];
  response: readonly [number, number];
  drops: readonly [number, number];
  depletion: number;
}[] = [
  { error: [1, 5], response: [1, 3], drops: [0, 5], depletion: 0.1 },
  { error: [10, 20], response: [5, 10], drops: [10, 20], depletion: 0 },
  { error: [2, 8], response: [1.5, 4], drops: [3, 10], depletion: 0.05 },
  { error: [1, 3], response: [1, 2], drops: [0, 3], depletion: 0.2 },
  { error: [1.5, 4], response: [2, 5], drops: [5, 15], depletion: 0 },
];

/** Per (device type, metric): everything the hot loop needs, precomputed once per call. */
interface MetricPlan {
  min: Float64Array;
  range: Float64Array;
  /** additive: f; multiplicative: NaN */
  f: Float64Array;
  jitter: Float64Array;
  factor: Float64Array;
}

function buildPlan(clock: PatternClock, days: number): MetricPlan {
  const n = DEVICE_TYPES.length * METRIC_COUNT;
  const plan: MetricPlan = {
    min: new Float64Array(n),
    range: new Float64Array(n),
    f: new Float64Array(n),
    jitter: new Float64Array(n),
    factor: new Float64Array(n),
  };
  DEVICE_TYPES.forEach((type, t) => {
    METRICS.forEach((metric, m) => {
      const [lo, hi] = DEVICE_CHARACTERISTICS[type][metric];
      const p = planPattern(patternFor(metric, type), clock, days);
      const k = t * METRIC_COUNT + m;
      plan.min[k] = lo;
      plan.range[k] = hi - lo;
      if (p.kind === 'additive') {
        plan.f[k] = p.f;
        plan.jitter[k] = p.jitter;
        plan.factor[k] = Number.NaN;
      } else {
        plan.f[k] = Number.NaN;
        plan.factor[k] = p.factor;
      }
    });
  });
  return plan;
}

/**
 * Cumulative device-type weights as the original computed them: base weights, and with a home type the
 * four ratios applied as floor(weight · (1 + ratio)) — which is why home type barely mattered.
 */
export function classicDeviceWeights(homeType: HomeType | null): Record<DeviceType, number> {
  const w = { ...DEVICE_TYPE_WEIGHTS };
  if (homeType !== null) {
    const p = HOME_TYPE_PATTERNS[homeType];
    w.climate = Math.floor(w.climate * (1 + p.climateRatio));
    w.security = Math.floor(w.security * (1 + p.securityRatio));
    w.media = Math.floor(w.media * (1 + p.mediaRatio));
    w.vacuum = Math.floor(w.vacuum * (1 + p.vacuumRatio));
  }
  return w;
}

function cumulativeWeights(homeType: HomeType | null): Float64Array {
  const w = classicDeviceWeights(homeType);
  const out = new Float64Array(DEVICE_TYPES.length);
  let acc = 0;
  DEVICE_TYPES.forEach((t, i) => {
    acc += w[t];
    out[i] = acc;
  });
  return out;
}

const DECIMALS = METRICS.map((m) => METRIC_CLAMPS[m].decimals);
const CLAMP_MIN = Float64Array.from(METRICS.map((m) => METRIC_CLAMPS[m].min));
const CLAMP_MAX = Float64Array.from(METRICS.map((m) => METRIC_CLAMPS[m].max));
/*
 * Rounding is the hot loop's costliest step, so it is branch-free: floor(v · 10^d + offset) · 10^-d, with
 * offset 0.5 (round half up, as Math.round but several times faster in V8) or 0 for the integer counts,
 * which the original truncated (they are ≥ 0 after clamping, so floor = trunc). Multiplying by 10^-d
 * instead of dividing by 10^d is off by at most 1 ulp, far below the stored Float32 precision.
 */
const ROUND_SCALE = Float64Array.from(DECIMALS.map((d) => (d === 'int' ? 1 : 10 ** d)));
const ROUND_INVERSE = Float64Array.from(DECIMALS.map((d) => (d === 'int' ? 1 : 10 ** -d)));
const ROUND_OFFSET = Float64Array.from(DECIMALS.map((d) => (d === 'int' ? 0 : 0.5)));

const M_RESPONSE = 0;
const M_ERROR = 1;
const M_BATTERY = 2;
const M_DROPS = 9;

/** One generator call of the original: `count` rows for one home type, normal rows first, then failures. */
export interface ClassicGroup {
  homeType: HomeType | null;
  count: number;
}

/** The generator calls a spec stands for: the large-dataset split or a single home type. */
export function classicGroups(spec: ClassicSpec): ClassicGroup[] {
  if (spec.homeTypes === 'large_dataset') {
    return splitByShares(spec.samples).map(([homeType, count]) => ({ homeType, count }));
  }
  return [{ homeType: spec.homeTypes, count: spec.samples }];
}

export function referenceClock(spec: ClassicSpec): PatternClock {
  const t = parseLocalDateTime(spec.referenceDate);
  if (!t) throw new Error(`Invalid reference date ${spec.referenceDate}`);
  return { hour: t.hour, weekday: t.weekday, month: t.month };
}

/** Per-group state carried from one chunk to the next. */
interface GroupState {
  cumulative: Float64Array;
  totalWeight: number;
  normalCount: number;
  homeCode: number;
  remaining: number;
  remainingFailures: number;
  nextNormalId: number;
  nextFailureId: number;
}

/**
 * Generates a classic dataset as a stream of chunks of `chunkRows` rows.
 *
 * The original generated each home type's rows (normal first, then failures, ids in that order) and shuffled
 * the whole file. Drawing each next row's group and failure flag by sequential sampling without replacement
 * (probability remaining/total) gives exactly the same distribution of orders — a uniformly random
 * interleaving with the same counts and the same id ↔ failure relation — but lets rows be written in output
 * order, so chunks stream to storage without holding or permuting the whole dataset.
 */
export function* generateClassic(spec: ClassicSpec, chunkRows = 65_536): Generator<ClassicColumns, void, void> {
  const plan = buildPlan(referenceClock(spec), spec.days);
  const groups: GroupState[] = classicGroups(spec).map((group) => {
    const cumulative = cumulativeWeights(group.homeType);
    const failures = Math.floor(group.count * spec.failureRate);
    return {
      cumulative,
      totalWeight: cumulative[cumulative.length - 1] ?? 1,
      normalCount: group.count - failures,
      homeCode: group.homeType === null ? NO_HOME_TYPE : HOME_TYPES.indexOf(group.homeType),
      remaining: group.count,
      remainingFailures: failures,
      nextNormalId: 1,
      nextFailureId: group.count - failures + 1,
    };
  });
  const draws = new UniformStream(new Rng(deriveSeed(spec.seed, 'classic')));
  for (let done = 0; done < spec.samples;) {
    const n = Math.min(chunkRows, spec.samples - done);
    const out = allocateClassicColumns(n);
    // The hot loop lives in a plain function: V8 optimises it far better than a generator body.
    generateRows(spec, plan, groups, spec.samples - done, draws, out);
    done += n;
    yield out;
  }
}

/**
 * Uniforms drawn in batches (Rng.fill keeps the state in locals) and consumed in order, so the values are
 * exactly those of calling rng.next() one by one, whatever the chunk size.
 */
class UniformStream {
  readonly buf = new Float64Array(4096);
  pos = 4096;
  private readonly rng: Rng;
  constructor(rng: Rng) {
    this.rng = rng;
  }
  /** Makes sure at least `k` (≤ 4096) unread values are buffered. */
  ensure(k: number): void {
    const left = this.buf.length - this.pos;
    if (left >= k) return;
    this.buf.copyWithin(0, this.pos);
    this.rng.fill(this.buf.subarray(left));
    this.pos = 0;
  }
}

/** At most this many uniforms are drawn for one row (2 placement + 1 type + 1 scenario + 22 metric + 3 + 1). */
const MAX_DRAWS_PER_ROW = 32;

function generateRows(
  spec: ClassicSpec,
  plan: MetricPlan,
  groups: GroupState[],
  remainingTotal: number,
  draws: UniformStream,
  out: ClassicColumns,
): void {
  const { metrics, healthScore, deviceNumber, deviceType, scenario, homeType, legacyLabel } = out;
  const { min: pMin, range: pRange, f: pF, jitter: pJitter, factor: pFactor } = plan;
  const u = draws.buf;
  const row = new Float64Array(METRIC_COUNT);
  const withHealth = spec.healthScore;
  const depletionDays = spec.days * 100;
  let left = remainingTotal;
  for (let r = 0; r < out.length; r++, left--) {
    draws.ensure(MAX_DRAWS_PER_ROW);
    let q = draws.pos;

    // Which group the next row comes from, and whether it is one of its failure rows.
    let pickAt = (u[q++] ?? 0) * left;
    let gi = 0;
    while (gi < groups.length - 1 && pickAt >= (groups[gi]?.remaining ?? 0)) {
      pickAt -= groups[gi]?.remaining ?? 0;
      gi++;
    }
    const g = groups[gi];
    if (!g) throw new Error('classic generator: no rows left to place');
    const failing = (u[q++] ?? 0) * g.remaining < g.remainingFailures;
    g.remaining--;
    let id: number;
    if (failing) {
      g.remainingFailures--;
      id = g.nextFailureId++;
    } else {
      id = g.nextNormalId++;
    }

    // Device type: uniform pick from the weight list, as the original's list of repeated names.
    const cumulative = g.cumulative;
    const x = (u[q++] ?? 0) * g.totalWeight;
    let t = 0;
    while (t < cumulative.length - 1 && x >= (cumulative[t] ?? 0)) t++;
    const sc = failing ? Math.floor((u[q++] ?? 0) * FAILURE_SCENARIOS.length) : -1;

    const base = t * METRIC_COUNT;
    for (let m = 0; m < METRIC_COUNT; m++) {
      const k = base + m;
      const range = pRange[k] ?? 0;
      const b = (pMin[k] ?? 0) + range * (u[q++] ?? 0);
      const f = pF[k] ?? 0;
      if (f !== f) {
        row[m] = b * (pFactor[k] ?? 1);
      } else {
        const j = pJitter[k] ?? 0;
        row[m] = j > 0 ? b + (f - j + 2 * j * (u[q++] ?? 0)) * range : b + f * range;
      }
    }

    if (sc >= 0) {
      const s = SCENARIO_TABLE[sc];
      if (s) {
        row[M_ERROR] = (row[M_ERROR] ?? 0) * (s.error[0] + (s.error[1] - s.error[0]) * (u[q++] ?? 0));
        row[M_RESPONSE] = (row[M_RESPONSE] ?? 0) * (s.response[0] + (s.response[1] - s.response[0]) * (u[q++] ?? 0));
        row[M_DROPS] = (row[M_DROPS] ?? 0) + s.drops[0] + Math.floor((u[q++] ?? 0) * (s.drops[1] - s.drops[0] + 1));
        if (s.depletion > 0) row[M_BATTERY] = Math.max(0, (row[M_BATTERY] ?? 0) - s.depletion * depletionDays);
      }
    }
    const hasHealth = (u[q++] ?? 0) > 0.3;
    draws.pos = q;

    const o = r * METRIC_COUNT;
    for (let m = 0; m < METRIC_COUNT; m++) {
      let v = row[m] ?? 0;
      const lo = CLAMP_MIN[m] ?? 0;
      const hi = CLAMP_MAX[m] ?? 0;
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      v = Math.floor(v * (ROUND_SCALE[m] ?? 1) + (ROUND_OFFSET[m] ?? 0)) * (ROUND_INVERSE[m] ?? 1);
      row[m] = v;
      metrics[o + m] = v;
    }
    healthScore[r] = withHealth && hasHealth ? healthScoreOfRow(row) : Number.NaN;
    legacyLabel[r] = (row[M_ERROR] ?? 0) > 0.1 || (row[M_BATTERY] ?? 100) < 20 || (row[M_RESPONSE] ?? 0) > 2000 ? 1 : 0;
    deviceNumber[r] = id;
    deviceType[r] = t;
    scenario[r] = sc;
    homeType[r] = g.homeCode;
  }
}

/** Runs the generator to completion and joins the chunks (Node scripts, tests). */
export function generateClassicSync(spec: ClassicSpec): ClassicColumns {
  return concatClassic([...generateClassic(spec)]);
}

/**
 * Copies every column of `chunk` into `into` from row `at` on (`into` must have room). The one place that
 * lists the columns for joining chunks, so a new column cannot be forgotten by one of the joiners.
 */
export function copyClassicRows(into: ClassicColumns, chunk: ClassicColumns, at: number): void {
  into.deviceNumber.set(chunk.deviceNumber, at);
  into.homeType.set(chunk.homeType, at);
  into.deviceType.set(chunk.deviceType, at);
  into.scenario.set(chunk.scenario, at);
  into.metrics.set(chunk.metrics, at * METRIC_COUNT);
  into.healthScore.set(chunk.healthScore, at);
  into.legacyLabel.set(chunk.legacyLabel, at);
}

export function concatClassic(chunks: readonly ClassicColumns[]): ClassicColumns {
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const out = allocateClassicColumns(total);
  let at = 0;
  for (const c of chunks) {
    copyClassicRows(out, c, at);
    at += c.length;
  }
  return out;
}
