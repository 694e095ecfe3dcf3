import type { BinnedMatrix } from './gbdt-binning';
import type { HessianPacking } from './gbdt-histogram';
import { accumulateHistogram, bestSplit, packedCount, packedHessian } from './gbdt-histogram';
import { HISTOGRAM_BUDGET_BYTES, HistogramPool } from './gbdt-histogram-pool';
import type { GbdtTree } from './gbdt-model';

export interface TreeParams {
  maxLeaves: number;
  /** 0 = no depth limit. */
  maxDepth: number;
  minChildWeight: number;
  minSamplesLeaf: number;
  l2: number;
  learningRate: number;
  /** Memory for histograms kept between splits; default HISTOGRAM_BUDGET_BYTES. */
  histogramBudgetBytes?: number;
}

/** Per-row inputs of one tree: gradient, exact hessian, and hessian packed with a count of one. */
export interface RowGradients {
  g: Float64Array;
  h: Float64Array;
  packed: Float64Array;
  packing: HessianPacking;
}

/**
 * Grows one tree at a time, leaf-wise (best gain first), on gradient histograms with the subtraction trick.
 * All buffers live as long as the grower, so a fit allocates them once rather than once per tree.
 *
 * The tree's rows sit in `rows`; splitting a leaf partitions its range in place, stably, so every range
 * stays ascending and the histogram loop reads the bin columns front to back.
 */
export class TreeGrower {
  /** In-bag rows of the next tree: the caller fills rows[0, count) in ascending order before `grow`. */
  readonly rows: Uint32Array;
  private readonly data: BinnedMatrix;
  private readonly params: TreeParams;
  private readonly scratch: Uint32Array;
  /** side[bin] = 1 when the split being applied sends that bin right. */
  private readonly side = new Uint8Array(256);
  private readonly gOrd: Float64Array;
  private readonly pOrd: Float64Array;
  private readonly hists: HistogramPool;

  // Per node of the current tree; children get larger indices than their parent.
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly depth: Int32Array;
  private readonly hist: Int32Array;
  private readonly sumG: Float64Array;
  /** Packed count + quantised hessian: exact integers, so sibling = parent − child loses nothing. */
  private readonly sumP: Float64Array;
  private readonly leftChild: Int32Array;
  private readonly rightChild: Int32Array;
  /** Best split of a leaf; −1 when it has none. */
  private readonly splitFeature: Int32Array;
  private readonly splitBin: Int32Array;
  private readonly splitMissingLeft: Uint8Array;
  private readonly splitGain: Float64Array;
  private readonly splitG: Float64Array;
  private readonly splitP: Float64Array;
  private nodeCount = 0;
  private grad: RowGradients | undefined;
  private features: Int32Array = new Int32Array(0);
  /** Features whose histograms are built: `features`, or all of them when that is cheaper (see `grow`). */
  private histFeatures: Int32Array = new Int32Array(0);
  private readonly allFeatures: Int32Array;

  constructor(data: BinnedMatrix, params: TreeParams) {
    this.data = data;
    this.params = params;
    const n = data.n;
    this.rows = new Uint32Array(n);
    this.scratch = new Uint32Array(n);
    this.gOrd = new Float64Array(n);
    this.pOrd = new Float64Array(n);
    this.allFeatures = Int32Array.from({ length: data.d }, (_, f) => f);
    this.hists = new HistogramPool(2 * data.stride * data.d, params.histogramBudgetBytes ?? HISTOGRAM_BUDGET_BYTES);
    const cap = 2 * params.maxLeaves - 1;
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.depth = new Int32Array(cap);
    this.hist = new Int32Array(cap);
    this.sumG = new Float64Array(cap);
    this.sumP = new Float64Array(cap);
    this.leftChild = new Int32Array(cap);
    this.rightChild = new Int32Array(cap);
    this.splitFeature = new Int32Array(cap);
    this.splitBin = new Int32Array(cap);
    this.splitMissingLeft = new Uint8Array(cap);
    this.splitGain = new Float64Array(cap);
    this.splitG = new Float64Array(cap);
    this.splitP = new Float64Array(cap);
  }

  /**
   * Grows a tree on rows[0, count), considering only `features` (ascending). Adds each split's gain to
   * gainOut[feature].
   */
  grow(grad: RowGradients, count: number, features: Int32Array, gainOut: Float64Array): GbdtTree {
    this.grad = grad;
    this.features = features;
    // Runs of 8 consecutive features cost about two thirds as much per feature as scattered ones, so a
    // large column sample is cheaper to histogram in full (the split search still sees only the sample).
    this.histFeatures = 3 * features.length > 2 * this.data.d ? this.allFeatures : features;
    const { maxLeaves } = this.params;
    let G = 0;
    let P = 0;
    for (let k = 0; k < count; k++) {
      const r = this.rows[k] ?? 0;
      G += grad.g[r] ?? 0;
      P += grad.packed[r] ?? 0;
    }
    this.nodeCount = 1;
    this.initNode(0, 0, count, 0, G, P);
    if (this.splittable(0)) {
      const hi = this.hists.acquire();
      this.hist[0] = hi;
      this.buildHistogram(hi, 0, count);
      this.findSplitAndTrim(0);
    }
    let leaves = 1;
    while (leaves < maxLeaves) {
      let best = -1;
      let bestGain = 0;
      for (let i = 0; i < this.nodeCount; i++) {
        if (this.leftChild[i] === -1 && this.splitFeature[i] !== -1 && (this.splitGain[i] ?? 0) > bestGain) {
          best = i;
          bestGain = this.splitGain[i] ?? 0;
        }
      }
      if (best < 0) break;
      const f = this.splitFeature[best] ?? 0;
      gainOut[f] = (gainOut[f] ?? 0) + bestGain;
      leaves++;
      this.split(best, leaves < maxLeaves);
    }
    for (let i = 0; i < this.nodeCount; i++) this.releaseOf(i);
    return this.emit();
  }

  /** Adds each in-bag row's leaf value to `score` (after `grow`, rows[0, count) are grouped by leaf). */
  addLeafValues(tree: GbdtTree, score: Float64Array): void {
    for (let i = 0; i < this.nodeCount; i++) {
      if (this.leftChild[i] !== -1) continue;
      const v = tree.value[i] ?? 0;
      const e = this.end[i] ?? 0;
      for (let k = this.start[i] ?? 0; k < e; k++) {
        const r = this.rows[k] ?? 0;
        score[r] = (score[r] ?? 0) + v;
      }
    }
  }

  /** Adds the leaf value of the last tree to `score` for training rows with inBag[row] = 0. */
  addOutOfBagValues(tree: GbdtTree, inBag: Uint8Array, score: Float64Array): void {
    const { bins, n } = this.data;
    for (let r = 0; r < n; r++) {
      if (inBag[r] === 1) continue;
      const leaf = this.route(bins, r, n);
      score[r] = (score[r] ?? 0) + (tree.value[leaf] ?? 0);
    }
  }

  /** Adds the last tree's output for rows binned row-major by `binRowsLike` (exactly as raw-value routing). */
  addBinnedRowValues(tree: GbdtTree, rowBins: Uint8Array, rowCount: number, score: Float64Array): void {
    const d = this.data.d;
    for (let i = 0; i < rowCount; i++) {
      const leaf = this.route(rowBins, i * d, 1);
      score[i] = (score[i] ?? 0) + (tree.value[leaf] ?? 0);
    }
  }

  /** Leaf reached by the row whose bin of feature f is bins[base + f * step]. */
  private route(bins: Uint8Array, base: number, step: number): number {
    const { valueBins } = this.data;
    let node = 0;
    let left = this.leftChild[0] ?? -1;
    while (left !== -1) {
      const f = this.splitFeature[node] ?? 0;
      const b = bins[base + f * step] ?? 0;
      const goLeft = b === valueBins[f] ? this.splitMissingLeft[node] === 1 : b <= (this.splitBin[node] ?? 0);
      node = goLeft ? left : (this.rightChild[node] ?? 0);
      left = this.leftChild[node] ?? -1;
    }
    return node;
  }

  private count(node: number): number {
    return this.grad === undefined ? 0 : packedCount(this.grad.packing, this.sumP[node] ?? 0);
  }

  private hessian(node: number): number {
    return this.grad === undefined ? 0 : packedHessian(this.grad.packing, this.sumP[node] ?? 0);
  }

  private splittable(node: number): boolean {
    const { maxDepth, minSamplesLeaf, minChildWeight, maxLeaves } = this.params;
    return (
      maxLeaves > 1 &&
      (maxDepth === 0 || (this.depth[node] ?? 0) < maxDepth) &&
      this.count(node) >= 2 * minSamplesLeaf &&
      this.hessian(node) >= 2 * minChildWeight
    );
  }

  private releaseOf(node: number): void {
    this.hists.release(this.hist[node] ?? -1);
    this.hist[node] = -1;
  }

  /** After its split is known, a leaf's histogram is kept (for the subtraction) only within the budget. */
  private findSplitAndTrim(node: number): void {
    this.findSplit(node);
    if (this.splitFeature[node] === -1 || this.hists.overBudget()) this.releaseOf(node);
  }

  private buildHistogram(hi: number, from: number, to: number): void {
    const grad = this.grad;
    if (grad === undefined) return;
    const hist = this.hists.histogram(hi);
    hist.fill(0);
    const rows = this.rows.subarray(from, to);
    const m = to - from;
    // Gathered once per node so the per-feature passes read gradients sequentially.
    const { g, packed } = grad;
    const gOrd = this.gOrd;
    const pOrd = this.pOrd;
    for (let k = 0; k < m; k++) {
      const r = rows[k] ?? 0;
      gOrd[k] = g[r] ?? 0;
      pOrd[k] = packed[r] ?? 0;
    }
    const { bins, n, stride } = this.data;
    accumulateHistogram(hist, bins, n, stride, rows, gOrd, pOrd, this.histFeatures);
  }

  /** target −= other over the selected features: the sibling's histogram without a pass over its rows. */
  private subtractHistogram(target: number, other: number): void {
    const a = this.hists.histogram(target);
    const b = this.hists.histogram(other);
    const { stride, valueBins } = this.data;
    for (let fi = 0; fi < this.features.length; fi++) {
      const f = this.features[fi] ?? 0;
      const o = 2 * stride * f;
      const e = o + 2 * ((valueBins[f] ?? 0) + 1);
      for (let j = o; j < e; j++) a[j] = (a[j] ?? 0) - (b[j] ?? 0);
    }
  }

  private findSplit(node: number): void {
    const grad = this.grad;
    if (grad === undefined) return;
    const { valueBins, stride } = this.data;
    const choice = bestSplit(
      this.hists.histogram(this.hist[node] ?? -1),
      this.features,
      valueBins,
      stride,
      grad.packing,
      this.sumG[node] ?? 0,
      this.sumP[node] ?? 0,
      this.params,
    );
    this.splitFeature[node] = choice?.feature ?? -1;
    this.splitGain[node] = choice?.gain ?? 0;
    this.splitBin[node] = choice?.bin ?? 0;
    this.splitMissingLeft[node] = choice?.missingLeft === true ? 1 : 0;
    this.splitG[node] = choice?.gLeft ?? 0;
    this.splitP[node] = choice?.pLeft ?? 0;
  }

  /** Splits a leaf; `more` is false when the leaf budget is spent, so the children need no histograms. */
  private split(node: number, more: boolean): void {
    const { bins, n, valueBins } = this.data;
    const f = this.splitFeature[node] ?? 0;
    const sb = this.splitBin[node] ?? 0;
    const nanBin = valueBins[f] ?? 0;
    const missingLeft = this.splitMissingLeft[node] === 1;
    const from = this.start[node] ?? 0;
    const to = this.end[node] ?? 0;
    const rows = this.rows;
    const scratch = this.scratch;
    const side = this.side;
    for (let b = 0; b < 256; b++) side[b] = b === nanBin ? (missingLeft ? 0 : 1) : b <= sb ? 0 : 1;
    const col = f * n;
    let w = from;
    let r = 0;
    // Branch-free (both writes, one kept): the side of a row is unpredictable, and mispredicted branches
    // made this loop several times slower. w <= k, so writing rows[w] never clobbers an unread row.
    for (let k = from; k < to; k++) {
      const row = rows[k] ?? 0;
      const s = side[bins[col + row] ?? 0] ?? 0;
      rows[w] = row;
      scratch[r] = row;
      w += 1 - s;
      r += s;
    }
    rows.set(scratch.subarray(0, r), w);

    const left = this.nodeCount++;
    const right = this.nodeCount++;
    this.leftChild[node] = left;
    this.rightChild[node] = right;
    const depth = (this.depth[node] ?? 0) + 1;
    const GL = this.splitG[node] ?? 0;
    const PL = this.splitP[node] ?? 0;
    this.initNode(left, from, w, depth, GL, PL);
    this.initNode(right, w, to, depth, (this.sumG[node] ?? 0) - GL, (this.sumP[node] ?? 0) - PL);

    const leftOk = more && this.splittable(left);
    const rightOk = more && this.splittable(right);
    const parentHist = this.hist[node] ?? -1;
    this.hist[node] = -1;
    if (!leftOk && !rightOk) {
      this.hists.release(parentHist);
      return;
    }
    if (parentHist < 0) {
      // The parent's histogram was dropped for memory: build what is needed from the rows.
      if (leftOk) this.buildChildHistogram(left);
      if (rightOk) this.buildChildHistogram(right);
    } else {
      // Build the smaller child; the larger one is the parent minus it, computed in the parent's buffer.
      const small = w - from <= to - w ? left : right;
      const large = small === left ? right : left;
      const smallHist = this.buildChildHistogram(small);
      if (large === left ? leftOk : rightOk) {
        this.subtractHistogram(parentHist, smallHist);
        this.hist[large] = parentHist;
      } else {
        this.hists.release(parentHist);
      }
    }
    if (leftOk) this.findSplitAndTrim(left);
    else this.releaseOf(left);
    if (rightOk) this.findSplitAndTrim(right);
    else this.releaseOf(right);
  }

  private buildChildHistogram(node: number): number {
    const hi = this.hists.acquire();
    this.hist[node] = hi;
    this.buildHistogram(hi, this.start[node] ?? 0, this.end[node] ?? 0);
    return hi;
  }

  private initNode(i: number, from: number, to: number, depth: number, G: number, P: number): void {
    this.start[i] = from;
    this.end[i] = to;
    this.depth[i] = depth;
    this.sumG[i] = G;
    this.sumP[i] = P;
    this.leftChild[i] = -1;
    this.rightChild[i] = -1;
    this.splitFeature[i] = -1;
    this.hist[i] = -1;
  }

  /** The flat tree; leaf values from exact (unquantised) gradient and hessian sums of the leaf's rows. */
  private emit(): GbdtTree {
    const { l2, learningRate } = this.params;
    const tree: GbdtTree = { feature: [], threshold: [], left: [], right: [], missingLeft: [], value: [] };
    const g = this.grad?.g ?? new Float64Array(0);
    const h = this.grad?.h ?? new Float64Array(0);
    for (let i = 0; i < this.nodeCount; i++) {
      const left = this.leftChild[i] ?? -1;
      if (left === -1) {
        let G = 0;
        let H = 0;
        const e = this.end[i] ?? 0;
        for (let k = this.start[i] ?? 0; k < e; k++) {
          const r = this.rows[k] ?? 0;
          G += g[r] ?? 0;
          H += h[r] ?? 0;
        }
        tree.feature.push(-1);
        tree.threshold.push(0);
        tree.left.push(-1);
        tree.right.push(-1);
        tree.missingLeft.push(false);
        tree.value.push(H + l2 > 0 ? (-G / (H + l2)) * learningRate : 0);
      } else {
        const f = this.splitFeature[i] ?? 0;
        tree.feature.push(f);
        tree.threshold.push(this.data.edges[f]?.[this.splitBin[i] ?? 0] ?? 0);
        tree.left.push(left);
        tree.right.push(this.rightChild[i] ?? -1);
        tree.missingLeft.push(this.splitMissingLeft[i] === 1);
        tree.value.push(0);
      }
    }
    return tree;
  }
}
