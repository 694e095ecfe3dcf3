/** Distribution of one feature for negative and positive samples, as shares per bin (each sums to 1). */
export interface LabelHistogram {
  edges: number[];
  negative: number[];
  positive: number[];
  negatives: number;
  positives: number;
}

/**
 * Two-pass histogram over row-major feature chunks: bins span the 0.5th–99.5th percentile range of a
 * sample (outliers go to the end bins), so one extreme value cannot squash the picture.
 */
export function labelHistogram(
  chunks: Iterable<{ features: Float32Array; label: Uint8Array }>,
  d: number,
  feature: number,
  bins = 30,
): LabelHistogram {
  const list = [...chunks];
  const probe: number[] = [];
  for (const c of list) {
    const step = Math.max(1, Math.floor(c.label.length / 2000));
    for (let i = 0; i < c.label.length; i += step) {
      const v = c.features[i * d + feature] ?? Number.NaN;
      if (v === v) probe.push(v);
    }
  }
  probe.sort((a, b) => a - b);
  const lo = probe[Math.floor(probe.length * 0.005)] ?? 0;
  const hi = probe[Math.min(probe.length - 1, Math.floor(probe.length * 0.995))] ?? 1;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const neg = new Float64Array(bins);
  const pos = new Float64Array(bins);
  let negatives = 0;
  let positives = 0;
  for (const c of list) {
    for (let i = 0; i < c.label.length; i++) {
      const v = c.features[i * d + feature] ?? Number.NaN;
      if (v !== v) continue;
      const b = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
      if (c.label[i] === 1) {
        pos[b] = (pos[b] ?? 0) + 1;
        positives++;
      } else {
        neg[b] = (neg[b] ?? 0) + 1;
        negatives++;
      }
    }
  }
  return {
    edges: Array.from({ length: bins + 1 }, (_, i) => lo + i * width),
    negative: Array.from(neg, (x) => (negatives ? x / negatives : 0)),
    positive: Array.from(pos, (x) => (positives ? x / positives : 0)),
    negatives,
    positives,
  };
}
