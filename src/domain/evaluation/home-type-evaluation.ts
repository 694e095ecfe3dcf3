import type { ConfusionPair, CrossSourceVerdict, ScorerEvaluation } from './cross-source-summary';
import type { SourceScore } from './source-scores';

/**
 * What the home-type classifier's evaluation across sources stores (issue 12): plain data, saved with the
 * model and shown on the Training page.
 */

/** The original document's targets for the home-type classifier, judged across sources since issue 12. */
export const HOME_CLASSIFIER_TARGETS = { accuracy: 0.85, macroF1: 0.8, perClassPrecision: 0.75 } as const;

/** The full model within and across home sources. */
export interface CrossSourceResult {
  /** Every source found among the homes; `evaluated` is false when it had too few homes. */
  sources: { name: string; homes: number; evaluated: boolean }[];
  /** matrix[s][t]: trained on s, tested on t; the diagonal is s's in-source k-fold (or holdout). */
  matrix: (SourceScore | null)[][];
  /** Per source: tested after training on every other source. */
  leaveOneOut: (SourceScore | null)[];
  pooled: SourceScore | null;
  /** The original's targets judged across sources; null with fewer than two evaluated sources. */
  verdict: CrossSourceVerdict | null;
  /** The largest confusions of the pooled leave-one-source-out predictions, when a target is missed. */
  confusions: ConfusionPair[];
}

/** One row of the ablations and baselines: a model or baseline evaluated the same way as the model. */
export interface ModelRow {
  /**
   * 'model' (softmax regression on per-source standardised, selected groups since issue 12's follow-up;
   * a network on all features in older records), 'network-all', 'structure', 'behaviour', 'household',
   * 'template-grammar', 'single-feature'.
   */
  id: string;
  label: string;
  kind: 'network' | 'softmax' | 'tree' | 'single-feature';
  /** Number of feature columns it may use. */
  features: number;
  /** E.g. the feature the single-feature baseline picks on all homes. */
  detail?: string;
  /** The model row: which feature groups its selection picked, and in how many evaluation tasks. */
  picks?: { groups: string[]; tasks: number }[];
  evaluation: ScorerEvaluation;
}

/** Accuracy (and the other figures) of the full model's evaluation models on perturbed test homes. */
export interface PerturbationRow {
  /** 'none' for the homes as stored, else a HomePerturbation. */
  id: string;
  label: string;
  /** In-source test homes (each home's own-source fold model). */
  inSource: SourceScore | null;
  /** Pooled leave-one-source-out test homes; null with one source. */
  crossSource: SourceScore | null;
}

export interface HomeClassifierEvaluation {
  crossSource: CrossSourceResult;
  models: ModelRow[];
  perturbations: PerturbationRow[];
}
