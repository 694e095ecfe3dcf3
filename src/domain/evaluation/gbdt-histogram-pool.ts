/**
 * Gradient histograms a tree grower keeps between splits (for the sibling subtraction), recycled across
 * leaves and trees so a fit allocates them once, and capped by a memory budget: beyond it a leaf's
 * histogram is dropped and rebuilt from its rows if needed.
 */

/**
 * Memory for retained histograms. Defaults use 85 kB each (31 leaves: under 3 MB); 4,096 leaves of 255 bins
 * over hundreds of features would otherwise need gigabytes.
 */
export const HISTOGRAM_BUDGET_BYTES = 256 * 1024 * 1024;

export class HistogramPool {
  private readonly pool: Float64Array[] = [];
  private readonly freeHist: number[] = [];
  private readonly histSize: number;
  /** Histograms kept for leaves awaiting a split; beyond it a leaf's is dropped and rebuilt if needed. */
  private readonly maxLiveHist: number;
  private liveHist = 0;

  /** `histSize` values per histogram; `budgetBytes` bounds how many stay live (at least 3). */
  constructor(histSize: number, budgetBytes: number) {
    this.histSize = histSize;
    this.maxLiveHist = Math.max(3, Math.floor(budgetBytes / (8 * histSize)));
  }

  /** A free histogram's index (contents undefined: the caller fills it). */
  acquire(): number {
    this.liveHist++;
    const free = this.freeHist.pop();
    if (free !== undefined) return free;
    this.pool.push(new Float64Array(this.histSize));
    return this.pool.length - 1;
  }

  /** Returns a histogram to the pool; a negative index (no histogram) is ignored. */
  release(hi: number): void {
    if (hi < 0) return;
    this.liveHist--;
    this.freeHist.push(hi);
  }

  /** True when more histograms are live than the budget allows. */
  overBudget(): boolean {
    return this.liveHist > this.maxLiveHist;
  }

  histogram(hi: number): Float64Array {
    return this.pool[hi] ?? new Float64Array(0);
  }
}
