import { z } from 'zod';

/** Settings of the dense network and its training; every one has a sensible default. */
export const networkConfigSchema = z.object({
  hiddenUnits: z.array(z.number().int().min(1).max(1024)).min(0).max(6),
  dropout: z.number().min(0).max(0.9),
  learningRate: z.number().positive().max(1),
  epochs: z.number().int().min(1).max(500),
  batchSize: z.number().int().min(1).max(65536),
  /** Early stopping on validation loss: epochs without improvement before stopping; best weights restored. */
  patience: z.number().int().min(0).max(100),
  /** Weight each class by n / (k · count) so the rare failures count as much as the many healthy samples. */
  classWeights: z.boolean(),
  seed: z.number().int().min(0).max(4294967295),
  /**
   * What early stopping watches on the validation devices, always unweighted: the class-weighted loss
   * rewards calling everything a failure and rose from epoch 1 while the model was still improving.
   */
  stopOn: z.enum(['pr-auc', 'log-loss']).default('pr-auc'),
  /** Halve the learning rate after this many epochs without improvement (0 = constant rate). */
  lrPlateau: z.number().int().min(0).max(100).default(3),
  /** Standardised inputs are clipped to ±clip (0 = no clipping): one extreme reading cannot saturate a unit. */
  clip: z.number().min(0).max(1000).default(5),
  /**
   * Piecewise-linear encoding of each input into this many quantile bins, plus steps at label-aware cuts,
   * before the hidden layers (0 = raw inputs). Lets a small network place sharp per-feature thresholds,
   * which tabular rules need; built from standard layers (a fixed Dense + ReLU capped at 1), so exported
   * models load anywhere TF.js runs.
   */
  encodingBins: z.number().int().min(0).max(64).default(16),
  /**
   * Per-home-type models start from the global model of their family (trained on every home type's
   * training devices) and are fine-tuned on their own type: a home type with a few hundred samples cannot
   * train a model from scratch. Networks keep the global network's input scaling; trees add their own
   * boosting rounds after the global trees. Either keeps the global model when fine-tuning does not beat
   * it on the home type's validation devices.
   */
  warmStart: z.boolean().default(true),
});
export type NetworkConfig = z.infer<typeof networkConfigSchema>;

/**
 * Defaults of the failure networks, per dataset kind, from the sweep in docs/model-defaults.md: classic rows
 * (11 raw metrics, labels that are thresholds on them) need the piecewise-linear encoding to place sharp
 * thresholds, and stop on log loss because their validation PR-AUC reaches ~1 within a few epochs and
 * then stops moving; temporal windows (82 correlated summaries) collapse with the encoding and train 8×
 * slower, so they read the standardised values directly and stop on PR-AUC, the metric that ranks them.
 */
export function defaultNetworkConfig(kind: 'classic' | 'temporal' = 'classic'): NetworkConfig {
  return {
    hiddenUnits: [32],
    dropout: 0.2,
    learningRate: 0.01,
    epochs: 200,
    batchSize: 256,
    patience: 10,
    classWeights: false,
    seed: 42,
    stopOn: kind === 'classic' ? 'log-loss' : 'pr-auc',
    lrPlateau: 4,
    clip: 5,
    encodingBins: kind === 'classic' ? 16 : 0,
    warmStart: true,
  };
}

/**
 * The classifier's network defaults: a few hundred homes, eight classes, so a small net with small batches,
 * a constant learning rate and balanced classes (the failure models' defaults are tuned for rare labels).
 */
export function homeClassifierNetworkConfig(): NetworkConfig {
  return {
    ...defaultNetworkConfig(),
    hiddenUnits: [32],
    learningRate: 0.01,
    epochs: 80,
    batchSize: 32,
    patience: 8,
    classWeights: true,
    stopOn: 'log-loss',
    lrPlateau: 0,
    clip: 0,
    encodingBins: 0,
    warmStart: false,
  };
}
