import { z } from 'zod';
import type { HomeType } from '../home-types';
import { HOME_TYPES } from '../home-types';

/** `model_performance` of the original: the four test metrics and when they were computed. */
export interface ModelPerformance {
  accuracy: number;
  precision: number;
  recall: number;
  f1_score: number;
  evaluated_at: string;
}

/** One value of `comparison_results.json`: exactly these four keys, as the original wrote them. */
export interface ComparisonEntry {
  home_type: HomeType;
  sample_count: number;
  /** `{}` when the home type had too little data to train (the original's behaviour). */
  model_performance: ModelPerformance | Record<string, never>;
  model_metadata: Record<string, unknown>;
}

/** The whole file: an object keyed by home type. */
export type ComparisonResults = Partial<Record<HomeType, ComparisonEntry>>;

/** Our per-home-type result, from which the original's entry is built. */
export interface HomeTypeResult {
  homeType: HomeType;
  sampleCount: number;
  /** Test-set metrics; null when there was too little data to train a model. */
  performance: { accuracy: number; precision: number; recall: number; f1: number; evaluatedAt: string } | null;
  /** The model's metadata (JSON-serialisable). */
  metadata: Record<string, unknown>;
}

/**
 * `HomeTypeResult.performance` from a model's test metrics (their point estimates), or null when the
 * slot has none; the training script and the Compare page's export both build it here.
 */
export function performanceOf(
  metrics: Readonly<Record<'accuracy' | 'precision' | 'recall' | 'f1', { readonly estimate: number }>> | null,
  evaluatedAt: string,
): HomeTypeResult['performance'] {
  return metrics === null
    ? null
    : {
        accuracy: metrics.accuracy.estimate,
        precision: metrics.precision.estimate,
        recall: metrics.recall.estimate,
        f1: metrics.f1.estimate,
        evaluatedAt,
      };
}

const performanceSchema = z
  .object({
    accuracy: z.number(),
    precision: z.number(),
    recall: z.number(),
    f1_score: z.number(),
    evaluated_at: z.string(),
  })
  .strict();

const entrySchema = z
  .object({
    home_type: z.enum(HOME_TYPES),
    sample_count: z.number().int().nonnegative(),
    model_performance: z.union([performanceSchema, z.object({}).strict()]),
    model_metadata: z.record(z.string(), z.unknown()),
  })
  .strict();

/** Schema of `comparison_results.json`, also checking that each key names its own entry's home type. */
export const comparisonResultsSchema = z.partialRecord(z.enum(HOME_TYPES), entrySchema).superRefine((value, ctx) => {
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined && entry.home_type !== key) {
      ctx.addIssue({ code: 'custom', message: `entry under "${key}" has home_type "${entry.home_type}"` });
    }
  }
});

/** Validates an imported or exported `comparison_results.json`. */
export function parseComparisonResults(value: unknown): ComparisonResults {
  return comparisonResultsSchema.parse(value);
}

/**
 * Builds the original `comparison_results.json` object, keys in the original script's home-type order.
 * Throws on a duplicate home type or a non-finite metric (JSON would silently write null).
 */
export function buildComparisonResults(results: readonly HomeTypeResult[]): ComparisonResults {
  const byType = new Map<HomeType, HomeTypeResult>();
  for (const r of results) {
    if (byType.has(r.homeType)) throw new RangeError(`home type ${r.homeType} appears twice`);
    byType.set(r.homeType, r);
  }
  const out: ComparisonResults = {};
  for (const type of HOME_TYPES) {
    const r = byType.get(type);
    if (r === undefined) continue;
    let performance: ModelPerformance | Record<string, never> = {};
    if (r.performance !== null) {
      const { accuracy, precision, recall, f1, evaluatedAt } = r.performance;
      for (const [name, v] of Object.entries({ accuracy, precision, recall, f1 })) {
        if (!Number.isFinite(v)) throw new RangeError(`${type}: ${name} is ${v}; use performance: null when untrained`);
      }
      performance = { accuracy, precision, recall, f1_score: f1, evaluated_at: evaluatedAt };
    }
    out[type] = {
      home_type: type,
      sample_count: r.sampleCount,
      model_performance: performance,
      model_metadata: r.metadata,
    };
  }
  return out;
}

/** The file's text: JSON indented by 2 and a final newline. */
export function serializeComparisonResults(results: ComparisonResults): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/** What the original script logged after training every home type. */
export interface ComparisonSummary {
  /** Trained home types by accuracy, best first (ties in home-type order). */
  ranking: { homeType: HomeType; accuracy: number; precision: number; recall: number; f1: number }[];
  /** Plain (unweighted) means over trained home types, as the original logged them. */
  means: { accuracy: number; precision: number; recall: number; f1: number };
  best: HomeType | null;
  worst: HomeType | null;
}

/** The original script's console summary: table sorted by accuracy, plain means, best and worst. */
export function summarizeComparison(results: ComparisonResults): ComparisonSummary {
  const ranking: ComparisonSummary['ranking'] = [];
  for (const type of HOME_TYPES) {
    const perf = results[type]?.model_performance;
    if (perf === undefined || !('accuracy' in perf)) continue;
    ranking.push({
      homeType: type,
      accuracy: perf.accuracy,
      precision: perf.precision,
      recall: perf.recall,
      f1: perf.f1_score,
    });
  }
  ranking.sort((a, b) => b.accuracy - a.accuracy);
  const mean = (pick: (r: ComparisonSummary['ranking'][number]) => number): number =>
    ranking.length > 0 ? ranking.reduce((s, r) => s + pick(r), 0) / ranking.length : Number.NaN;
  return {
    ranking,
    means: {
      accuracy: mean((r) => r.accuracy),
      precision: mean((r) => r.precision),
      recall: mean((r) => r.recall),
      f1: mean((r) => r.f1),
    },
    best: ranking[0]?.homeType ?? null,
    worst: ranking.at(-1)?.homeType ?? null,
  };
}
