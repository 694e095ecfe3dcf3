/**
 * Shared input checks for the binary metrics. They throw instead of guessing, because a silently
 * mis-shaped label array would produce plausible but wrong metrics.
 */
export function assertBinaryInputs(yTrue: ArrayLike<number>, score: ArrayLike<number>): void {
  if (yTrue.length !== score.length) {
    throw new RangeError(`yTrue has ${yTrue.length} entries but score has ${score.length}`);
  }
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    if (y !== 0 && y !== 1) throw new RangeError(`yTrue[${i}] = ${String(y)}: binary labels must be 0 or 1`);
    if (Number.isNaN(score[i])) throw new RangeError(`score[${i}] is NaN`);
  }
}
