import { datasetContentKey } from '../domain/dataset-manifest';
import { bootstrapCalibration } from '../domain/evaluation/calibration-bootstrap';
import { evaluateEvents, type EventPart } from '../domain/evaluation/event-evaluation';
import { prepareEvents, type PreparedEvents } from '../domain/evaluation/event-prepare';
import { describeEventObjective } from '../domain/evaluation/event-threshold';
import { describeThresholdRule } from '../domain/evaluation/operating-threshold';
import { pairedVerdict, type PairedCandidate } from '../domain/evaluation/paired-comparison';
import { deriveSeed } from '../domain/random';
import {
  familyOf,
  predictionsKey,
  type BaselineName,
  type EvaluationPart,
  type SlotResult,
} from '../domain/training/run-types';
import type { WorkbenchDb } from '../storage/db';
import type { RunEvaluationRecord, RunRecord } from '../storage/records';
import { getRun, getRunEvaluation } from '../storage/runs-repo';
import type {
  CalibrationView,
  EvaluationSettings,
  ModelEvaluation,
  RunEvaluation,
  SlotVerdict,
} from '../workers/evaluation.api';

export interface EvaluationServiceDeps {
  openDb: () => Promise<WorkbenchDb>;
  clock: () => number;
}

const BASELINES: readonly BaselineName[] = ['logistic', 'stump', 'legacyRule', 'majority'];

/** The part as event-level evaluation reads it; null when it has no sample or failure times. */
function eventPart(part: EvaluationPart): EventPart | null {
  if (part.time === null || part.failureTime === null) return null;
  return { ...part, time: part.time, failureTime: part.failureTime };
}

/** The last run read, so changing a budget or a cost does not read IndexedDB or sort samples again. */
interface Loaded {
  run: RunRecord;
  records: Map<string, RunEvaluationRecord>;
  prepared: Map<string, PreparedEvents>;
}

function cached(state: Loaded, key: string, make: () => PreparedEvents): PreparedEvents {
  let p = state.prepared.get(key);
  if (!p) {
    p = make();
    state.prepared.set(key, p);
  }
  return p;
}

function calibrationView(
  labels: Uint8Array,
  scores: Float32Array,
  homes: Uint32Array,
  seed: number,
  resamples: number,
): CalibrationView {
  return bootstrapCalibration(labels, scores, homes, { seed, resamples });
}

/**
 * Event-level metrics, calibration and paired verdicts of one model and slot at a time, from what training
 * stored in `runEvaluation`; everything heavy stays in this worker.
 */
export function createEvaluationService(deps: EvaluationServiceDeps) {
  let database: Promise<WorkbenchDb> | null = null;
  let loaded: Loaded | null = null;

  const load = async (runId: string): Promise<Loaded | null> => {
    if (loaded?.run.id === runId) return loaded;
    const db = await (database ??= deps.openDb());
    const run = await getRun(db, runId);
    if (!run) throw new Error('This run no longer exists: it was deleted, perhaps in another tab.');
    const records = await getRunEvaluation(db, runId);
    if (records.length === 0) return null;
    loaded = { run, records: new Map(records.map((r) => [r.slot, r])), prepared: new Map() };
    return loaded;
  };

  const evaluateModel = (
    state: Loaded,
    slot: SlotResult,
    rec: RunEvaluationRecord,
    settings: EvaluationSettings,
  ): ModelEvaluation => {
    const key = predictionsKey(slot);
    // Seeded by the data, not the run's id: the same model on the same data gets the same intervals.
    const seed = deriveSeed(0, 'evaluation', datasetContentKey(state.run.datasetManifest), key);
    const { test, val } = rec;
    const raw = calibrationView(test.labels, test.rawScores ?? test.scores, test.home, seed, settings.resamples);
    const calibrated =
      test.rawScores === null ? null : calibrationView(test.labels, test.scores, test.home, seed, settings.resamples);
    const base: Omit<ModelEvaluation, 'events' | 'threshold' | 'thresholds' | 'thresholdSource' | 'note'> = {
      key,
      slot: slot.slot,
      family: familyOf(slot),
      calibration: { method: state.run.config.calibration ?? 'none', raw, calibrated },
    };
    const runSource = slot.thresholdRule ? describeThresholdRule(slot.thresholdRule) : 'the run’s threshold';
    const testPart = eventPart(test);
    if (testPart === null || rec.horizonMs <= 0) {
      return {
        ...base,
        threshold: slot.threshold,
        thresholds: null,
        thresholdSource: runSource,
        note: 'Event-level metrics need sample times and failure times (temporal datasets generated in the app).',
        events: null,
      };
    }
    const valPart = val === null ? null : eventPart(val);
    const e = evaluateEvents(
      testPart,
      valPart,
      {
        horizonMs: rec.horizonMs,
        runThreshold: slot.threshold,
        objective: settings.objective,
        // Home-type models see one home type: one threshold is already per home type.
        scope: slot.slot === 'global' ? settings.scope : 'global',
        seed,
        resamples: settings.resamples,
      },
      // The families of a slot share their samples: each part is sorted once per run.
      {
        test: cached(state, `${slot.slot}:test`, () => prepareEvents(testPart, rec.horizonMs)),
        ...(valPart === null || settings.objective === null
          ? {}
          : { val: cached(state, `${slot.slot}:val`, () => prepareEvents(valPart, rec.horizonMs)) }),
      },
    );
    const objective = settings.objective;
    return {
      ...base,
      threshold: e.threshold,
      thresholds: e.thresholds,
      thresholdSource: objective === null ? runSource : describeEventObjective(objective),
      note: e.note,
      events: { metrics: e.metrics, intervals: e.intervals, cost: e.cost, curve: e.curve, validation: e.validation },
    };
  };

  /** PR-AUC leader of each slot among its models and baselines, named best only when the paired intervals say so. */
  const slotVerdicts = (state: Loaded): SlotVerdict[] => {
    const bySlot = new Map<string, PairedCandidate[]>();
    for (const s of state.run.slots) {
      const rec = state.records.get(predictionsKey(s));
      if (s.status !== 'done' || !rec || !s.metrics) continue;
      let list = bySlot.get(s.slot);
      if (!list) {
        list = [];
        bySlot.set(s.slot, list);
        for (const b of BASELINES) {
          const reps = rec.replicates.baselines[b];
          const metric = s.baselines?.[b];
          if (reps && metric) list.push({ name: b, estimate: metric.prAuc.estimate, replicates: reps.prAuc });
        }
      }
      list.push({ name: familyOf(s), estimate: s.metrics.prAuc.estimate, replicates: rec.replicates.model.prAuc });
    }
    return [...bySlot].map(([slot, candidates]) => ({
      slot: slot as SlotResult['slot'],
      verdict: pairedVerdict(candidates),
    }));
  };

  return {
    async evaluateRun(runId: string, settings: EvaluationSettings): Promise<RunEvaluation | null> {
      const started = deps.clock();
      const state = await load(runId);
      if (state === null) return null;
      const models: ModelEvaluation[] = [];
      for (const slot of state.run.slots) {
        const rec = state.records.get(predictionsKey(slot));
        if (slot.status === 'done' && rec) models.push(evaluateModel(state, slot, rec, settings));
      }
      return { runId, settings, models, slots: slotVerdicts(state), computeMs: deps.clock() - started };
    },
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
