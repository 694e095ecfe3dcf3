import { METRICS } from '../device-types';
import type { Rng } from '../random';
import type { TemporalCalendar } from './calendar';
import type { DeviceSetup } from './device-model';
import { TYPE_BEHAVIOUR } from './device-model';
import { DEVICE_TYPES } from '../device-types';
import { DIFFICULTY, PRECURSOR_EFFECTS, SCENARIO_INDEX } from './failures';
import { NOISE_TABLE, NOISE_TABLE_BITS, NOISE_TABLE_MASK } from './noise-table';
import { MEAN_ACTIVITY } from './occupancy';
import type { TemporalSpec } from './spec';

/**
 * Metric slots in METRICS order. Derived from the list so the two cannot drift; still a module constant (type
 * `11`), so the per-step loops below read a fixed bound.
 */
export const METRIC_COUNT = METRICS.length;
const RESP = 0;
const ERR = 1;
const BAT = 2;
const SIG = 3;
const USE = 4;
const TEMP = 5;
const HUM = 6;
const UP = 7;
const RST = 8;
const DROP = 9;
const XFER = 10;

/**
 * Receives one simulated local day: `buf[m * stride + j]` is metric m at step `firstStep + j`, Float32,
 * NaN where the step is missing or the device is dead. The buffer is reused for the next day.
 */
export type DaySink = (day: number, firstStep: number, stepCount: number, buf: Float32Array, stride: number) => void;

/**
 * Poisson draw from a uniform u ≥ 1 − λ (below that the draw is 0, as e^−λ ≥ 1 − λ): the caller tests
 * that first, so nearly every step needs no call (a call boxes its double arguments: about 2 GB of
 * garbage over 300 homes × 180 days).
 */
function poissonTail(u: number, lambda: number): number {
  let p = Math.exp(-lambda);
  let f = p;
  let k = 0;
  while (u >= f && k < 100) {
    k++;
    p *= lambda / k;
    f += p;
  }
  return k;
}

/**
 * Glitch bursts on every device (Wi-Fi interference, a busy hub): entered at a per-device hourly rate
 * (intermittent failures raise it), left with probability 1 − 0.6^hours per step (≈ 2 h on average).
 * Benign episodes last 1–4 days at `NUISANCE_PER_DAY · difficulty.nuisance`; both mimic precursors
 * so that no feature separates failing devices cleanly.
 */
const GLITCH = {
  stayPerHour: 0.6,
  responseGain: 0.6,
  errorAdd: 0.05,
  dropGain: 30,
  restartGain: 2,
  signalLoss: 3,
  transferLoss: 0.3,
};
const NUISANCE_PER_DAY = 0.006;

/** Scales a uniform so that `& NOISE_TABLE_MASK` picks its top 12 bits (HI) or the next 12 (MID). */
const HI_SCALE = 1 << NOISE_TABLE_BITS;
const MID_SCALE = 1 << (2 * NOISE_TABLE_BITS);

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/**
 * TYPE_BEHAVIOUR by device-type index as numbers: the per-type objects differ in shape to V8 (an integer
 * here, a fraction there), and reading them drops the optimised simulation whenever a new type comes by.
 */
const behaviourColumn = (key: 'usageAmp' | 'weekendBoost' | 'respLoad'): Float64Array =>
  Float64Array.from(DEVICE_TYPES, (t) => TYPE_BEHAVIOUR[t][key]);
const USAGE_AMP = behaviourColumn('usageAmp');
const WEEKEND_BOOST = behaviourColumn('weekendBoost');
const RESP_LOAD = behaviourColumn('respLoad');

/**
 * Simulates one device over the whole calendar, one local day at a time, into `buf`
 * (METRIC_COUNT · cal.maxStepsPerDay floats), calling `sink` after each day. Stops after the day of
 * its failure: a failed device reports nothing afterwards (its steps from the failure time on are NaN).
 * No allocation inside the loops; noise comes from a normal table, patterns from per-step tables.
 * Returns the number of days passed to the sink.
 */
export function simulateDevice(
  spec: TemporalSpec,
  cal: TemporalCalendar,
  dev: DeviceSetup,
  activity: Float32Array,
  rng: Rng,
  buf: Float32Array,
  sink: DaySink,
): number {
  const stride = cal.maxStepsPerDay;
  const sigma = spec.noise;
  const stepDays = cal.stepDays;
  const stepHours = stepDays * 24;
  const isMedia = dev.type === 'media';
  const isClimate = dev.type === 'climate';
  const nuisancePerDay = NUISANCE_PER_DAY * DIFFICULTY[spec.difficulty].nuisance;
  const burstExit = 1 - GLITCH.stayPerHour ** stepHours;
  const glitchEnter = dev.glitchPerHour * stepHours;
  const restartBase = (dev.restartsPer30d / 30) * stepDays;
  const dropBase = (dev.dropsPerWeek / 7) * stepDays;
  // Module constants copied to locals: imported bindings may compile to getter calls in the hot loop.
  const T = NOISE_TABLE;
  const M = NOISE_TABLE_MASK;
  const HI = HI_SCALE;
  const MID = MID_SCALE;
  const meanActivity = MEAN_ACTIVITY;
  const startTime = cal.startTime;
  const stepMs = cal.stepMs;
  const warmth = cal.warmth;
  const outdoor = dev.outdoor;
  const tempWarm = outdoor ? 4.5 : isClimate ? 0.5 : 0.8;
  const tempAct = outdoor ? 0 : isClimate ? 1.2 : 0.6;
  const tempNoise = (outdoor ? 2 : 1.2) * sigma;
  const humWarm = outdoor ? -10 : -1.5;
  const respLoad = RESP_LOAD[dev.typeIndex] ?? 0;
  const usageAmpOfType = USAGE_AMP[dev.typeIndex] ?? 0;
  const weekendBoost = WEEKEND_BOOST[dev.typeIndex] ?? 0;
  const battery = dev.battery;

  const failing = dev.failing;
  // Read whether or not the device fails: a property read only on some devices is one the optimised code
  // has not seen when the first of them comes, and it is thrown away there.
  const planScenario = dev.plan.scenario;
  const scenario = failing ? planScenario : -1;
  const failureTime = failing ? dev.plan.failureTime : Number.POSITIVE_INFINITY;
  const precursorStart = dev.plan.precursorStart;
  const invPrecursor = 1 / Math.max(1, dev.plan.failureTime - precursorStart);
  const severity = dev.plan.severity;
  const isBatteryDepletion = scenario === SCENARIO_INDEX.battery_depletion;
  // 1 for the device's failure scenario, 0 for the others (see the precursor intensities below).
  const progF = scenario === SCENARIO_INDEX.progressive ? 1 : 0;
  const intF = scenario === SCENARIO_INDEX.intermittent ? 1 : 0;
  const batF = isBatteryDepletion ? 1 : 0;
  const netF = scenario === SCENARIO_INDEX.network_issues ? 1 : 0;
  const sudF = scenario === SCENARIO_INDEX.sudden ? 1 : 0;
  // Effect coefficients as plain locals (no property loads in the step loop).
  const {
    progressive: PG,
    intermittent: IN,
    battery_depletion: BD,
    network_issues: NW,
    sudden: SD,
  } = PRECURSOR_EFFECTS;
  const G = GLITCH;
  const pgResp = PG.responseGain;
  const pgErr = PG.errorAdd;
  const pgRestart = PG.restartGain;
  const pgXfer = PG.transferLoss;
  const inBursts = IN.burstsPerHour * stepHours;
  const inBurstErr = IN.burstErrorAdd;
  const inResp = IN.responseGain;
  const inErr = IN.errorAdd;
  const inDrop = IN.dropGain;
  const inRestart = IN.restartGain;
  // Normalises the activity factor of the depletion drain to 1 on average.
  const bdActivityNorm = 1 / (0.6 + 0.8 * meanActivity);
  const bdNoise = BD.readingNoiseGain;
  const bdResp = BD.responseGain;
  const bdErr = BD.errorAdd;
  const nwSignal = NW.signalLoss;
  const nwDrop = NW.dropGain;
  const nwErr = NW.errorAdd;
  const nwResp = NW.responseGain;
  const nwXfer = NW.transferLoss;
  const sdResp = SD.responseGain;
  const sdErr = SD.errorAdd;
  const gResp = G.responseGain;
  const gErr = G.errorAdd;
  const gDrop = G.dropGain;
  const gRestart = G.restartGain;
  const gSignal = G.signalLoss;
  const gXfer = G.transferLoss;

  // Per-step uniforms come in one batch per day (Rng.fill is several times faster than next()).
  const DRAWS = 8;
  const draws = new Float64Array(cal.maxStepsPerDay * DRAWS);
  const missingRate = spec.missingRate;

  let batteryLevel = dev.batteryStart;
  let replaceAt = rng.uniform(3, 25);
  let uptime = dev.uptimeStart;
  let inBurst = false;
  let nuisanceDays = 0;
  let nuisanceErr = 0;
  let nuisanceResp = 0;
  let nuisanceDrops = 0;
  let nuisanceSignal = 0;

  for (let d = 0; d < cal.days; d++) {
    const s0 = cal.dayStartStep[d] ?? 0;
    const s1 = cal.dayStartStep[d + 1] ?? s0;
    const weekend = (cal.weekday[d] ?? 0) >= 5 ? 1 : 0;
    const season = cal.season[d] ?? 0;
    const drift = dev.driftAmp * Math.sin((2 * Math.PI * d) / dev.driftPeriod + dev.driftPhase);

    // Benign episodes (a neighbour's router, a firmware hiccup) that look like precursors and pass.
    if (nuisanceDays > 0) {
      nuisanceDays--;
    } else if (rng.next() < nuisancePerDay) {
      nuisanceDays = rng.int(1, 4);
      nuisanceErr = rng.uniform(0.005, 0.04);
      nuisanceResp = rng.uniform(0.05, 0.5);
      nuisanceDrops = rng.uniform(0, 5);
      nuisanceSignal = rng.uniform(0, 6);
    }
    const nu = nuisanceDays > 0 ? 1 : 0;

    // Day-level pattern constants (our shapes, §1.5 names): seasonal indoor climate, usage offsets.
    const usageDay = dev.usageBase + dev.usageRange * weekendBoost * weekend;
    const usageAmp = dev.usageRange * usageAmpOfType;
    const usageNoise = 0.25 * sigma * dev.usageRange;
    // Outdoor and indoor climate are both computed and one is taken: each day runs the same arithmetic,
    // so the first outdoor device does not meet an operation the optimised code has never seen.
    const tempOutdoor = 11 + 0.3 * (dev.tempBase - 22) + 9 * season;
    const tempIndoor = dev.tempBase + dev.tempRange * (isClimate ? 0.2 : 0.3) * season;
    const humOutdoor = dev.humidityBase + 8 * season;
    const humIndoor = dev.humidityBase + dev.humidityRange * 0.25 * season;
    const tempDay = outdoor ? tempOutdoor : tempIndoor;
    const humDay = outdoor ? humOutdoor : humIndoor;
    const signalDay = dev.signalBase + drift - nuisanceSignal * nu;
    const transferA = isMedia ? 1.3 : 0.4;
    const transferC = isMedia ? 0.35 : 0.85;

    rng.fill(draws);
    let j = 0;
    for (let k = s0; k < s1; k++, j++) {
      const t = startTime + k * stepMs;
      if (t >= failureTime) {
        for (let m = 0; m < METRIC_COUNT; m++) buf.fill(Number.NaN, m * stride + j, m * stride + (s1 - s0));
        sink(d, s0, s1 - s0, buf, stride);
        return d + 1;
      }
      // Both operands computed on every step (for the same reason as above); p is 0 unless the device fails.
      const sincePrecursor = (t - precursorStart) * invPrecursor;
      const p = t > precursorStart && failing ? sincePrecursor : 0;
      const a = activity[k] ?? 0;
      const warm = warmth[k] ?? 0;

      // Precursor intensities (PRECURSOR_EFFECTS): gradual in progress p, scaled by severity and difficulty.
      // Multiplied by 0/1 flags rather than chosen by branches: every step then runs the same arithmetic, so
      // the optimised code never meets an operation it has not seen (each first sight of a scenario's
      // precursor used to throw it away). x · 1 = x and 0 · x = +0 for x ≥ 0: the same values as branches.
      const linear = severity * p;
      const curved = linear * Math.sqrt(p);
      const iProg = progF * curved;
      const iInt = intF * curved;
      const iBat = batF * linear;
      const iNet = netF * curved;
      const iSud = sudF * linear;

      const q = j * DRAWS;
      const missing = (draws[q] ?? 1) < missingRate;
      const uBurst = draws[q + 1] ?? 1;
      if (inBurst) {
        if (uBurst < burstExit) inBurst = false;
      } else if (uBurst < glitchEnter + inBursts * iInt) {
        inBurst = true;
      }
      const burst = inBurst ? 1 : 0;

      const uRestart = draws[q + 2] ?? 0;
      const lRestart = restartBase * (1 + pgRestart * iProg + gRestart * burst + inRestart * iInt);
      const restarts = uRestart < 1 - lRestart ? 0 : poissonTail(uRestart, lRestart);
      const uDrop = draws[q + 3] ?? 0;
      const lDrop = dropBase * (1 + gDrop * burst + nwDrop * iNet + nuisanceDrops * nu + inDrop * iInt);
      const drops = uDrop < 1 - lDrop ? 0 : poissonTail(uDrop, lDrop);
      uptime = restarts > 0 ? stepHours * 0.5 : uptime + stepHours;

      if (battery) {
        if (p > 0 && isBatteryDepletion) {
          // The failure is the battery running out: from the precursor start on nobody replaces it and each
          // step takes its share of what is left (more when the home is active), so the level falls steadily
          // and reaches 0 at the failure time (the last step before it takes everything that remains).
          const share = (stepMs * (0.6 + 0.8 * a) * bdActivityNorm) / (failureTime - t);
          batteryLevel = share >= 1 ? 0 : batteryLevel * (1 - share);
        } else {
          batteryLevel -= dev.drainPerDay * stepDays * (0.6 + 0.8 * a);
          if (batteryLevel < replaceAt) {
            batteryLevel = rng.uniform(96, 100);
            replaceAt = rng.uniform(3, 25);
          }
        }
      }

      if (missing) {
        for (let m = 0; m < METRIC_COUNT; m++) buf[m * stride + j] = Number.NaN;
        continue;
      }
      // Two 12-bit table indices from each 32-bit uniform (high and middle bits).
      const n0 = draws[q + 4] ?? 0;
      const n1 = draws[q + 5] ?? 0;
      const n2 = draws[q + 6] ?? 0;
      const n3 = draws[q + 7] ?? 0;
      const z0 = T[(n0 * HI) & M] ?? 0;
      const z1 = T[(n0 * MID) & M] ?? 0;
      const z2 = T[(n1 * HI) & M] ?? 0;
      const z3 = T[(n1 * MID) & M] ?? 0;
      const z4 = T[(n2 * HI) & M] ?? 0;
      const z5 = T[(n2 * MID) & M] ?? 0;
      const z6 = T[(n3 * HI) & M] ?? 0;
      const z7 = T[(n3 * MID) & M] ?? 0;

      const respMult =
        1 +
        pgResp * iProg +
        gResp * burst +
        nuisanceResp * nu +
        bdResp * iBat +
        nwResp * iNet +
        sdResp * iSud +
        inResp * iInt;
      const resp = dev.respBase * (1 + respLoad * a) * respMult * (1 + 0.25 * sigma * z0);
      const errAdd =
        pgErr * iProg +
        burst * (gErr + inBurstErr * iInt) +
        nuisanceErr * nu +
        bdErr * iBat * p +
        nwErr * iNet +
        sdErr * iSud +
        inErr * iInt;
      const err = (dev.errBase * (1 + 0.5 * a) + errAdd) * (1 + 0.8 * sigma * z1);
      const bat = battery ? batteryLevel + 0.5 * sigma * (1 + bdNoise * iBat) * z2 : 100;
      const sig = signalDay - 1.5 * a - gSignal * burst - nwSignal * iNet + 6 * sigma * z3;
      const use = usageDay + usageAmp * (a - meanActivity) + usageNoise * z4;
      const temp = tempDay + tempWarm * warm + tempAct * a + tempNoise * z5;
      const hum = humDay + humWarm * warm + 4 * a + 5 * sigma * z6;
      const xfer =
        dev.transferBase *
        (transferC + transferA * a) *
        (1 - pgXfer * iProg - nwXfer * iNet - gXfer * burst) *
        (1 + 0.3 * sigma * z7);

      // METRIC_CLAMPS written as literals: V8 folds literal bounds into the compares (≈ 10 % faster
      // overall than bounds read from variables); patterns.test checks every value stays inside them.
      buf[RESP * stride + j] = clamp(resp, 10, 5000);
      buf[ERR * stride + j] = clamp(err, 0, 1);
      buf[BAT * stride + j] = clamp(bat, 0, 100);
      buf[SIG * stride + j] = clamp(sig, -100, -10);
      buf[USE * stride + j] = clamp(use, 0, 1);
      buf[TEMP * stride + j] = clamp(temp, -10, 50);
      buf[HUM * stride + j] = clamp(hum, 0, 100);
      buf[UP * stride + j] = uptime < 1 ? 1 : uptime;
      buf[RST * stride + j] = restarts;
      buf[DROP * stride + j] = drops;
      buf[XFER * stride + j] = xfer < 10 ? 10 : xfer;
    }
    sink(d, s0, s1 - s0, buf, stride);
  }
  return cal.days;
}
