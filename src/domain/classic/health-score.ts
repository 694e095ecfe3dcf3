/**
 * The original optional `health_score` (§1.9), computed on the rounded row (METRICS order). It is not a
 * model input; it is reported so files stay compatible with tools that read it.
 */
export function healthScoreOfRow(row: ArrayLike<number>): number {
  const response = row[0] ?? 0;
  const error = row[1] ?? 0;
  const battery = row[2] ?? 100;
  const signal = row[3] ?? -50;
  const restarts = row[8] ?? 0;
  const drops = row[9] ?? 0;
  let s = 1;
  if (error > 0.1) s -= 0.3;
  else if (error > 0.05) s -= 0.15;
  if (response > 2000) s -= 0.2;
  else if (response > 1000) s -= 0.1;
  if (battery < 20) s -= 0.2;
  else if (battery < 50) s -= 0.1;
  if (signal < -80) s -= 0.15;
  else if (signal < -70) s -= 0.08;
  if (drops > 5) s -= 0.15;
  else if (drops > 2) s -= 0.08;
  if (restarts > 10) s -= 0.1;
  s = Math.min(1, Math.max(0, s));
  return Math.round(s * 100) / 100;
}
