/** Throws unless every label is an integer class index in [0, k). */
export function assertClassLabels(labels: ArrayLike<number>, k: number, name = 'labels'): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (c === undefined || !Number.isInteger(c) || c < 0 || c >= k) {
      throw new RangeError(`${name}[${i}] = ${String(c)} is not a class index in [0, ${k})`);
    }
  }
}
