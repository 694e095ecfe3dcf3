/** One benchmark figure as written to bench/results.json. */
export interface BenchResult {
  name: string;
  unit: string;
  runs: number;
  median: number;
  min: number;
  max: number;
  /** The target, e.g. ">= 3000000"; null when the figure is informative only. */
  target: string | null;
  /** Whether the median meets the target (null without a target). */
  met: boolean | null;
  environment: string;
}

export function summarise(
  name: string,
  unit: string,
  values: number[],
  environment: string,
  target: { op: '>=' | '<='; value: number } | null = null,
): BenchResult {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return {
    name,
    unit,
    runs: values.length,
    median,
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
    target: target ? `${target.op} ${target.value}` : null,
    met: target ? (target.op === '>=' ? median >= target.value : median <= target.value) : null,
    environment,
  };
}
