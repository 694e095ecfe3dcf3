import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CalibrationMethod } from '../domain/evaluation/calibration';
import { defaultTemporalSpec } from '../domain/temporal/spec';
import { selectBackend } from '../ml/backend';
import { defaultRunConfig } from '../domain/training/run-defaults';
import { openWorkbenchDb } from '../storage/db';
import type { RunConfig } from '../domain/training/run-types';
import { putRun } from '../storage/runs-repo';
import { runFixture } from '../storage/record-fixtures';
import { DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings, type ModelEvaluation } from '../workers/evaluation.api';
import { createEvaluationService } from './evaluation-service';
import { createGeneratorService } from './generator-service';
import { createTrainingService } from './training-service';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const DB = 'evaluation-service';
const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));
const spec = defaultTemporalSpec({ homes: 10, days: 60, seed: 4, timeZone: 'Europe/Berlin', startDate: '2025-03-01' });

let trained: Promise<void> | null = null;
/** One stored temporal dataset and two runs on it (Platt-calibrated, and uncalibrated), made by the real services. */
function runs(): Promise<void> {
  trained ??= (async () => {
    const openDb = () => openWorkbenchDb(DB);
    const gen = createGeneratorService({ openDb, now: () => 1, clock: () => performance.now(), yieldToEvents });
    await gen.generateTemporal(
      { jobId: 'g', datasetId: 'ds', name: 'Temporal', spec, appVersion: '0.1.0', createdAt: 1 },
      () => undefined,
    );
    const training = createTrainingService({
      openDb,
      selectBackend: (requested) => selectBackend(requested, async () => undefined),
      now: () => 5000,
      clock: () => performance.now(),
      yieldToEvents,
    });
    const base = defaultRunConfig('temporal');
    const config = (calibration: CalibrationMethod): RunConfig => ({
      ...base,
      label: 'horizon',
      backend: 'cpu',
      bootstrapResamples: 100,
      calibration,
      trees: { ...base.trees, maxRounds: 30 },
      network: { ...base.network, hiddenUnits: [8], epochs: 3, batchSize: 256, patience: 2 },
    });
    for (const [runId, calibration] of [
      ['platt', 'platt'],
      ['raw', 'none'],
    ] as const) {
      await training.train(
        { runId, name: runId, datasetId: 'ds', createdAt: 100, appVersion: '0.1.0', config: config(calibration) },
        () => undefined,
        () => undefined,
      );
    }
  })();
  return trained;
}

const service = createEvaluationService({ openDb: () => openWorkbenchDb(DB), clock: () => performance.now() });
const evaluate = async (runId: string, settings: Partial<EvaluationSettings> = {}) => {
  const r = await service.evaluateRun(runId, { ...DEFAULT_EVALUATION_SETTINGS, resamples: 200, ...settings });
  if (r === null) throw new Error('no evaluation data');
  return r;
};
const globalNetwork = (models: ModelEvaluation[]): ModelEvaluation => {
  const m = models.find((x) => x.slot === 'global' && x.family === 'network');
  if (!m) throw new Error('no global network');
  return m;
};

describe('evaluation service over stored runs', () => {
  it('reports event-level metrics with home intervals at each model’s run threshold, and paired verdicts', async () => {
    await runs();
    const r = await evaluate('platt');
    expect(r.models.length).toBeGreaterThanOrEqual(4);
    for (const m of r.models) {
      const e = m.events;
      expect(e).not.toBeNull();
      if (!e) continue;
      expect(e.metrics.caught).toBeLessThanOrEqual(e.metrics.failingDevices);
      expect(e.metrics.recall).toBeCloseTo(
        e.metrics.failingDevices > 0 ? e.metrics.caught / e.metrics.failingDevices : Number.NaN,
        12,
      );
      expect(e.intervals.recall.low).toBeLessThanOrEqual(e.intervals.recall.high);
      expect(e.curve.length).toBeGreaterThan(5);
      expect(m.thresholdSource).toMatch(/F1/);
    }
    const g = globalNetwork(r.models);
    expect(g.calibration.method).toBe('platt');
    expect(g.calibration.calibrated).not.toBeNull();
    expect(g.calibration.raw.ece.estimate).not.toBeCloseTo(g.calibration.calibrated?.ece.estimate ?? Number.NaN, 6);
    const verdict = r.slots.find((s) => s.slot === 'global')?.verdict;
    // Both families and the four baselines compete in the global slot.
    expect(verdict?.differences).toHaveLength(5);
    expect(verdict?.best === null || verdict?.best === verdict?.leader).toBe(true);
  }, 120_000);

  it('an alert budget sets the thresholds on validation devices: a smaller budget never alerts more', async () => {
    await runs();
    const loose = globalNetwork(
      (await evaluate('platt', { objective: { kind: 'budget', falseAlarmsPer100DeviceMonths: 20 } })).models,
    );
    const tight = globalNetwork(
      (await evaluate('platt', { objective: { kind: 'budget', falseAlarmsPer100DeviceMonths: 1 } })).models,
    );
    expect(tight.thresholdSource).toMatch(/≤ 1 false alarms per 100 device-months/);
    // On this dataset the two budgets really move the operating point (a control that changes nothing would pass the ≤ checks).
    expect(tight.threshold).toBeGreaterThan(loose.threshold);
    expect(tight.events?.metrics.falseAlarmsPer100DeviceMonths ?? 0).toBeLessThan(
      loose.events?.metrics.falseAlarmsPer100DeviceMonths ?? 0,
    );
    for (const m of [loose, tight]) {
      const v = m.events?.validation;
      expect(v).toBeTruthy();
      if (m.note === null) expect(v?.falseAlarmsPer100DeviceMonths).toBeLessThanOrEqual(m === tight ? 1 : 20);
    }
    expect(tight.events?.metrics.recall ?? 0).toBeLessThanOrEqual(loose.events?.metrics.recall ?? 0);
    expect(tight.events?.metrics.falseAlarms ?? 0).toBeLessThanOrEqual(loose.events?.metrics.falseAlarms ?? 0);
  }, 120_000);

  it('costs choose the threshold: a dearer missed failure never lowers recall, and the cost is computed on test', async () => {
    await runs();
    const cheap = globalNetwork(
      (await evaluate('platt', { objective: { kind: 'cost', falseAlarmCost: 1, missCost: 0.5 } })).models,
    );
    const dear = globalNetwork(
      (await evaluate('platt', { objective: { kind: 'cost', falseAlarmCost: 1, missCost: 200 } })).models,
    );
    expect(dear.threshold).toBeLessThanOrEqual(cheap.threshold);
    expect(dear.events?.metrics.recall ?? 0).toBeGreaterThanOrEqual(cheap.events?.metrics.recall ?? 0);
    const m = dear.events?.metrics;
    expect(dear.events?.cost).toBe((m?.falseEpisodesAll ?? 0) * 1 + (m?.missed ?? 0) * 200);
  }, 120_000);

  it('gives the global model one threshold per home type when asked', async () => {
    await runs();
    const r = await evaluate('platt', {
      objective: { kind: 'budget', falseAlarmsPer100DeviceMonths: 5 },
      scope: 'per-home-type',
    });
    const g = globalNetwork(r.models);
    expect(Number.isNaN(g.threshold)).toBe(true);
    expect(Object.keys(g.thresholds ?? {}).length).toBeGreaterThanOrEqual(2);
    // Home-type models keep a single threshold.
    expect(r.models.filter((m) => m.slot !== 'global').every((m) => m.thresholds === null)).toBe(true);
  }, 120_000);

  it('shows no calibrated view for an uncalibrated run, and null for a run without evaluation data', async () => {
    await runs();
    const g = globalNetwork((await evaluate('raw')).models);
    expect(g.calibration.method).toBe('none');
    expect(g.calibration.calibrated).toBeNull();
    const db = await openWorkbenchDb(DB);
    await putRun(db, runFixture({ id: 'old' }));
    db.close();
    expect(await service.evaluateRun('old', DEFAULT_EVALUATION_SETTINGS)).toBeNull();
    await expect(service.evaluateRun('missing', DEFAULT_EVALUATION_SETTINGS)).rejects.toThrow(/no longer exists/);
  }, 120_000);
});
