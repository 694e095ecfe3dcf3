import type { BootstrapInterval } from '../domain/evaluation/bootstrap';
import type { CalibrationMethod } from '../domain/evaluation/calibration';
import type { ReliabilityBin } from '../domain/evaluation/calibration-reliability';
import type { EventIntervals } from '../domain/evaluation/event-bootstrap';
import type { EventMetrics } from '../domain/evaluation/event-metrics';
import type { EventCurvePoint, EventObjective } from '../domain/evaluation/event-threshold';
import type { PairedVerdict } from '../domain/evaluation/paired-comparison';
import type { ModelFamily, SlotKey } from '../domain/training/run-types';

/** How the evaluation worker sets each model's threshold, and how much it resamples. */
export interface EvaluationSettings {
  /** null: every model keeps the threshold its run chose; else each threshold is chosen anew on validation devices. */
  objective: EventObjective | null;
  /**
   * With an objective, the global model gets one threshold (`global`) or one per home type, each chosen on
   * that home type's validation devices (`per-home-type`); home-type models always have their own.
   */
  scope: 'global' | 'per-home-type';
  /** Home-clustered bootstrap replicates of the event metrics and ECE. */
  resamples: number;
}

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = { objective: null, scope: 'global', resamples: 1000 };

/** Calibration of one set of scores on the test devices. */
export interface CalibrationView {
  ece: BootstrapInterval;
  bins: ReliabilityBin[];
}

/** Event-level results of one model at its threshold(s) on the test devices. */
export interface EventView {
  metrics: EventMetrics;
  intervals: EventIntervals;
  /** The objective's cost on test (cost objective only). */
  cost: number | null;
  /** Recall, lead time and false alarms across thresholds on test (one threshold for every home type). */
  curve: EventCurvePoint[];
  /** What the chosen threshold achieved on the validation devices (with an objective). */
  validation: EventCurvePoint | null;
}

export interface ModelEvaluation {
  /** `predictionsKey` of the slot result. */
  key: string;
  slot: SlotKey;
  family: ModelFamily;
  /** The threshold the metrics are taken at (with per-home-type thresholds: the one of the first home type). */
  threshold: number;
  /** Per home type (HOME_TYPES index → threshold) when the global model has one per home type; else null. */
  thresholds: Record<number, number> | null;
  /** Where the threshold came from: the run's rule, or the objective on validation devices. */
  thresholdSource: string;
  /** Why the objective could not be met as asked, or why event metrics are missing; null when all is well. */
  note: string | null;
  /** Null for data without sample times and failure times (classic rows, sample files). */
  events: EventView | null;
  calibration: { method: CalibrationMethod; raw: CalibrationView; calibrated: CalibrationView | null };
}

/** The leader of a slot among its models and baselines by PR-AUC, with paired intervals. */
export interface SlotVerdict {
  slot: SlotKey;
  verdict: PairedVerdict;
}

export interface RunEvaluation {
  runId: string;
  settings: EvaluationSettings;
  models: ModelEvaluation[];
  slots: SlotVerdict[];
  /** Time the worker took, for the benchmark and the page's footnote. */
  computeMs: number;
}

/** The evaluation worker's contract: types only. */
export interface EvaluationApi {
  /**
   * Event-level metrics, calibration and paired comparisons of a stored run; null when the run holds no
   * evaluation data (runs trained before this evaluation existed). Reads IndexedDB itself, so the page
   * never receives the samples.
   */
  evaluateRun(runId: string, settings: EvaluationSettings): Promise<RunEvaluation | null>;
  ping(): Promise<'pong'>;
}
