import { fitDecisionTree, predictDecisionTree } from './decision-tree';
import { fitSingleFeatureClassifier, predictSingleFeatureClassifier } from './single-feature-classifier';
import type { EvaluationTask, FitPredict } from './source-plan';

/** A row-major n × d feature matrix with a class per row. */
export interface LabelledMatrix {
  x: ArrayLike<number>;
  d: number;
  y: ArrayLike<number>;
  k: number;
}

/** Depth of the "template grammar" baseline: deep enough for a handful of layout rules, too shallow to memorise. */
export const TEMPLATE_GRAMMAR_DEPTH = 4;

function rowsOf(x: ArrayLike<number>, d: number, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] ?? 0;
    for (let j = 0; j < d; j++) out[i * d + j] = x[r * d + j] ?? Number.NaN;
  }
  return out;
}

/**
 * The "template grammar" baseline as a FitPredict: a depth-4 CART tree on the given (structural)
 * columns, fitted on each task's training homes. Where it scores close to the model, the structure a
 * maker writes gives the type away; where the model beats it across sources, behaviour carries over.
 */
export function decisionTreeScorer(
  data: LabelledMatrix,
  columns: readonly number[],
  maxDepth = TEMPLATE_GRAMMAR_DEPTH,
): FitPredict {
  return async (task: EvaluationTask) => {
    const tree = fitDecisionTree(data.x, data.d, data.y, data.k, { maxDepth, columns, rows: task.train });
    return [predictDecisionTree(tree, rowsOf(data.x, data.d, task.test), data.d)];
  };
}

/** The best single feature (of all columns) as a FitPredict, refitted on each task's training homes. */
export function singleFeatureScorer(data: LabelledMatrix): FitPredict {
  return async (task: EvaluationTask) => {
    const model = fitSingleFeatureClassifier(data.x, data.d, data.y, data.k, { rows: task.train });
    return [predictSingleFeatureClassifier(model, rowsOf(data.x, data.d, task.test), data.d)];
  };
}
