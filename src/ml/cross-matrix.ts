import { confusionAt } from '../domain/evaluation/binary-metrics';
import { metricsFromConfusion } from '../domain/evaluation/confusion-matrix';
import { HOME_TYPES, type HomeType } from '../domain/home-types';
import type { CrossMatrix, ModelFamily } from '../domain/training/run-types';

/** One per-home-type model's scores on every sample of the run's test set. */
export interface CrossScores {
  homeType: HomeType;
  family: ModelFamily;
  scores: Float32Array;
  /** The model's own operating threshold. */
  threshold: number;
}

/**
 * F1 at its own threshold of each per-home-type model (rows, in the order given) on each home type's part of the
 * test set (columns, HOME_TYPES order, only types with test samples). The diagonal is each model's own
 * test F1; off-diagonal cells show whether a model transfers, i.e. whether per-type models pay off.
 * Null without any trained per-home-type model. One family at a time (the caller filters).
 */
export function buildCrossMatrix(
  models: readonly CrossScores[],
  testLabels: Uint8Array,
  testHomeType: Uint8Array,
): CrossMatrix | null {
  if (models.length === 0) return null;
  const family = models[0]?.family ?? 'network';
  const cols: HomeType[] = [];
  const colRows: Uint32Array[] = [];
  const colPositives: number[] = [];
  HOME_TYPES.forEach((type, code) => {
    const idx: number[] = [];
    let pos = 0;
    for (let i = 0; i < testHomeType.length; i++) {
      if (testHomeType[i] === code) {
        idx.push(i);
        pos += testLabels[i] ?? 0;
      }
    }
    if (idx.length === 0) return;
    cols.push(type);
    colRows.push(Uint32Array.from(idx));
    colPositives.push(pos);
  });
  const f1 = models.map((m) =>
    colRows.map((rows) => metricsFromConfusion(confusionAt(testLabels, m.scores, m.threshold, rows)).f1),
  );
  return { rows: models.map((m) => m.homeType), cols, f1, colPositives, family };
}
