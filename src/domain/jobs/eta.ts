/**
 * Time left from the share done and the time spent, null until there is enough to go on (a few percent and
 * half a second), so the first wild guesses are not shown.
 */
export function estimateEtaMs(fraction: number, elapsedMs: number): number | null {
  if (!(fraction > 0.02) || elapsedMs < 500 || fraction >= 1) return fraction >= 1 ? 0 : null;
  return Math.max(0, (elapsedMs * (1 - fraction)) / fraction);
}

/** "12 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
