import { createRng, deriveSeed } from '../random';
import type { TemporalCalendar } from './calendar';
import type { HomeProfile } from './homes';

/** Mean of the activity level over a typical week; patterns are written as deviations from it. */
export const MEAN_ACTIVITY = 0.35;

/** Soft step over half an hour: 0 before `at`, 1 after (piecewise linear, no transcendental calls). */
function up(h: number, at: number): number {
  const x = (h - at) * 2 + 0.5;
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/**
 * Fills `out[step]` (0–1) with how active home h is at each step's local time: asleep ≈ 0.03, a
 * morning peak between waking and leaving, an empty (or working-from-home) day, an evening peak from
 * returning until bedtime. Weekends start later, keep people home more and end later. Each day's times
 * wobble by up to half an hour on a per-home day stream, so days are not identical.
 */
export function fillActivity(seed: number, home: HomeProfile, cal: TemporalCalendar, out: Float32Array): void {
  const rng = createRng(deriveSeed(seed, 'home', home.homeIndex, 'days'));
  for (let d = 0; d < cal.days; d++) {
    const jitterWake = rng.uniform(-0.4, 0.4);
    const jitterRet = rng.uniform(-0.5, 0.5);
    const jitterSleep = rng.uniform(-0.4, 0.4);
    const outingStart = rng.uniform(10, 15);
    const outing = rng.chance(0.35);
    const weekend = (cal.weekday[d] ?? 0) >= 5;
    const shift = weekend ? home.weekendShift : 0;
    const w = home.wake + jitterWake + shift;
    const s = home.sleep + jitterSleep + shift * 0.5;
    const l = weekend ? outingStart : home.leave + jitterWake * 0.5;
    const r = weekend ? outingStart + 2.5 : home.ret + jitterRet;
    const awayDepth = weekend ? (outing ? 0.85 : 0) : home.worksFromHome ? 0.55 : 0.92;
    const morningEnd = weekend ? w + 2.5 : Math.max(w + 0.5, l);
    const eveningStart = weekend ? 17.5 : r;
    const eveningEnd = Math.min(s - 0.5, 22.75);
    const s0 = cal.dayStartStep[d] ?? 0;
    const s1 = cal.dayStartStep[d + 1] ?? s0;
    for (let k = s0; k < s1; k++) {
      const h = cal.localHour[k] ?? 0;
      const awake = up(h, w) * (1 - up(h, s)) + (1 - up(h, s - 24));
      const away = up(h, l) * (1 - up(h, r));
      const presence = 1 - away * awayDepth;
      const peak = Math.max(up(h, w) * (1 - up(h, morningEnd)), up(h, eveningStart) * (1 - up(h, eveningEnd)));
      const a = 0.03 + Math.min(1, awake) * presence * (0.45 + 0.5 * peak);
      out[k] = a > 1 ? 1 : a;
    }
  }
}
