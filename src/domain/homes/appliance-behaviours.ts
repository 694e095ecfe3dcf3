import { contains, intersect } from './intervals';
import { DAY_END, DAY_START } from './occupancy';
import { coverCycles } from './presence-behaviours';
import { type HomeSim, type SimDay, type SimDevice, emitIntervals, poisson } from './simulation-context';

/**
 * Appliances and comfort devices: media, the robot vacuum, blinds and awnings, plugs, the coffee maker,
 * heaters and fans, irrigation and the pool pump, and the safety sensors.
 */

/** A media session: playing, a few pauses, sometimes idle in a menu, then off. */
function mediaSession(dev: SimDevice, sim: HomeSim, s: number, e: number, endState: number): void {
  const rng = dev.rng;
  const { playing, paused, idle } = sim.out.ids;
  sim.out.emit(dev.index, s, playing);
  const n = poisson(rng, (e - s) / 55);
  const breaks: number[] = [];
  for (let k = 0; k < n; k++) breaks.push(rng.uniform(s + 2, e - 2));
  breaks.sort((a, b) => a - b);
  let t = s;
  for (const b of breaks) {
    if (b < t + 1) continue;
    const back = b + rng.uniform(0.5, 5);
    if (back >= e - 0.5) break;
    sim.out.emit(dev.index, b, paused);
    sim.out.emit(dev.index, back, playing);
    t = back;
  }
  if (rng.chance(0.3)) sim.out.emit(dev.index, e - rng.uniform(0, 0.5), idle);
  sim.out.emit(dev.index, e + rng.uniform(0, 1), endState);
}

/** TVs play in the evening, at weekends, and in the afternoon when children are home. */
export function tv(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const occupied = day.occupancy[dev.area] ?? [];
  const kidsHome = day.household.occupants.some((o) => o.role === 'child' && contains(o.active, 960));
  const p = dev.kind === 'bedroom' ? 0.35 : dev.kind === 'recreation' ? 0.6 : 0.75;
  for (let i = 0; i < occupied.length; i += 2) {
    const s = occupied[i] ?? 0;
    const e = occupied[i + 1] ?? 0;
    const hour = s / 60;
    const eligible =
      hour >= 17.5 || (day.weekend && hour >= 9.5) || (kidsHome && hour >= 15) || (hour < 9 && rng.chance(0.1));
    if (!eligible || e - s < 15 || !rng.chance(p)) continue;
    mediaSession(dev, sim, s + rng.uniform(0.3, 3), e - rng.uniform(0, 1), sim.out.ids.off);
  }
}

/** Speakers: news at breakfast, music while cooking or working, in the shower; idle after, off at night. */
export function speaker(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const occupied = day.occupancy[dev.area] ?? [];
  let played = false;
  for (let i = 0; i < occupied.length; i += 2) {
    const s = occupied[i] ?? 0;
    const e = occupied[i + 1] ?? 0;
    const hour = s / 60;
    let p = 0.15;
    if (dev.kind === 'kitchen') p = hour < 9.5 || (hour >= 17 && hour < 20) ? 0.5 : 0.15;
    else if (dev.kind === 'office') p = 0.4;
    else if (dev.kind === 'bathroom') p = hour < 10 ? 0.3 : 0.1;
    else if (dev.kind === 'living' || dev.kind === 'recreation') p = day.weekend && hour < 18 ? 0.35 : 0.2;
    else if (dev.kind === 'bedroom') p = hour >= 20 ? 0.2 : 0.1;
    if (e - s < 4 || !rng.chance(p)) continue;
    mediaSession(dev, sim, s + rng.uniform(0.1, 1), e, sim.out.ids.idle);
    played = true;
  }
  if (played) {
    const bedtime = day.household.lastSleep ?? DAY_END - 30;
    sim.out.emit(dev.index, bedtime + rng.uniform(0, 20), sim.out.ids.off);
  }
}

/** The day's cleaning runs (planned once per home), with an occasional stuck moment. */
export function vacuum(dev: SimDevice, day: SimDay, sim: HomeSim, nth: number): void {
  const rng = dev.rng;
  const { cleaning, returning, docked, idle } = sim.out.ids;
  for (let i = 0; i < day.vacuumRuns.length; i += 2) {
    const s = (day.vacuumRuns[i] ?? 0) + nth * rng.uniform(2, 12);
    const e = Math.max(s + 10, (day.vacuumRuns[i + 1] ?? 0) + rng.uniform(-5, 5));
    sim.out.emit(dev.index, s, cleaning);
    if (rng.chance(0.06)) {
      const stuck = rng.uniform(s + 5, e - 3);
      sim.out.emit(dev.index, stuck, idle);
      sim.out.emit(dev.index, stuck + rng.uniform(1, 2.5), cleaning);
    }
    sim.out.emit(dev.index, e, returning);
    sim.out.emit(dev.index, e + rng.uniform(1, 4), docked);
  }
}

/** Blinds open after the first person is up (or at sunrise on a timer) and close at dusk or bedtime. */
export function blinds(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const h = day.household;
  let openAt: number | null = null;
  if (sim.traits.blindsTimer) openAt = day.sunrise + rng.uniform(0, 20);
  else if (h.firstWake !== null) openAt = Math.max(h.firstWake, day.sunrise - 20) + rng.uniform(5, 40);
  else {
    const firstHome = h.anyoneActive[0];
    if (firstHome !== undefined) openAt = firstHome + rng.uniform(5, 30);
  }
  if (openAt === null) return;
  const dusk = day.sunset + rng.uniform(0, 40);
  const closeAt =
    sim.traits.blindsTimer || h.lastSleep === null ? dusk : Math.min(dusk, h.lastSleep - rng.uniform(0, 10));
  if (closeAt > openAt + 10) coverCycles(sim, dev.index, [openAt, closeAt]);
}

/** Awnings out on warm dry afternoons when someone is home to enjoy the shade. */
export function awning(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  if (day.outdoor.rain || day.outdoor.mean < 19) return;
  const s = rng.uniform(660, 800);
  if (!contains(day.household.anyoneHome, s)) return;
  coverCycles(sim, dev.index, [s, rng.uniform(1080, 1200)]);
}

/** Smart plugs follow what is plugged in: used during some of the longer stays in their room. */
export function plug(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const occupied = day.occupancy[dev.area] ?? [];
  const p = dev.kind === 'office' ? 0.85 : 0.2 + 0.5 * dev.habit;
  const raw: number[] = [];
  for (let i = 0; i < occupied.length; i += 2) {
    const s = occupied[i] ?? 0;
    const e = occupied[i + 1] ?? 0;
    if (e - s >= 15 && rng.chance(p)) raw.push(s + rng.uniform(0.2, 2), e + rng.uniform(0, 2));
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

/** On at the first kitchen visit of the morning, off by its auto-off; a second cup at weekends. */
export function coffeeMaker(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const occupied = day.occupancy[dev.area] ?? [];
  const raw: number[] = [];
  const first = occupied[0];
  if (first !== undefined && first < 660 && rng.chance(0.85)) {
    const s = first + rng.uniform(0.5, 3);
    raw.push(s, s + rng.uniform(15, 40));
  }
  if (day.weekend) {
    const afternoon = intersect(occupied, [840, 990]);
    if (afternoon.length > 0 && rng.chance(0.35)) {
      const s = (afternoon[0] ?? 0) + 0.5;
      raw.push(s, s + rng.uniform(10, 25));
    }
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

/** Space heaters and fireplaces on cold evenings while the room is used (fireplaces more at weekends). */
export function heater(dev: SimDevice, day: SimDay, sim: HomeSim, fireplace: boolean): void {
  if (day.mode !== 'heat' && day.outdoor.mean > 12) return;
  const rng = dev.rng;
  const occupied = day.occupancy[dev.area] ?? [];
  const p = fireplace ? (day.weekend ? 0.6 : 0.3) : 0.55;
  const from = dev.kind === 'bathroom' ? DAY_START : fireplace ? 1020 : 960;
  const raw: number[] = [];
  for (let i = 0; i < occupied.length; i += 2) {
    const s = occupied[i] ?? 0;
    const e = occupied[i + 1] ?? 0;
    const minLen = dev.kind === 'bathroom' ? 6 : 25;
    if (e - s >= minLen && (s >= from || (dev.kind !== 'bathroom' && e > from + 30)) && rng.chance(p)) {
      raw.push(Math.max(s, from) + rng.uniform(0, 4), e + rng.uniform(-2, 3));
    }
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

/** Early-morning watering every one to three days in the growing season, skipped after rain. */
export function irrigation(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  if (day.outdoor.mean < 12 || day.outdoor.rain) return;
  const rng = dev.rng;
  const every = day.outdoor.mean > 22 ? 1 : 1 + Math.floor(dev.habit * 3);
  if (day.index % every !== 0) return;
  const s = 330 + dev.habit * 60 + rng.uniform(-3, 3);
  const raw = [s, s + rng.uniform(10, 25)];
  if (day.outdoor.mean > 24) {
    const ev = 1230 + rng.uniform(-10, 10);
    raw.push(ev, ev + rng.uniform(10, 20));
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

/** A pump timer through the swimming season. */
export function poolPump(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  if (day.outdoor.mean < 16) {
    sim.out.emit(dev.index, 540, sim.out.ids.off);
    return;
  }
  emitIntervals(
    sim.out,
    dev.index,
    [540 + dev.rng.uniform(-2, 2), 1020 + dev.rng.uniform(-2, 2)],
    sim.out.ids.on,
    sim.out.ids.off,
  );
}

/** Ceiling fans on warm days while a room is used; bedroom fans through the night (off after waking). */
export function ceilingFan(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const warm = day.mode === 'cool' || day.outdoor.mean > 20;
  const { on, off } = sim.out.ids;
  if (dev.kind === 'bedroom') {
    const wake = day.household.firstWake;
    if (wake !== null) sim.out.emit(dev.index, wake + rng.uniform(0, 20), off);
    if (warm && day.household.lastSleep !== null && rng.chance(0.8)) {
      sim.out.emit(dev.index, day.household.lastSleep - rng.uniform(5, 30), on);
    }
    return;
  }
  if (!warm) return;
  const occupied = day.occupancy[dev.area] ?? [];
  const raw: number[] = [];
  for (let i = 0; i < occupied.length; i += 2) {
    if ((occupied[i + 1] ?? 0) - (occupied[i] ?? 0) >= 20 && rng.chance(0.7))
      raw.push((occupied[i] ?? 0) + 1, (occupied[i + 1] ?? 0) + 0.5);
  }
  emitIntervals(sim.out, dev.index, raw, on, off);
}

/** Bathroom and laundry fans after showers and loads, running on a few minutes. */
export function exhaustFan(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const occupied = day.occupancy[dev.area] ?? [];
  const raw: number[] = [];
  for (let i = 0; i < occupied.length; i += 2) {
    const s = occupied[i] ?? 0;
    const e = occupied[i + 1] ?? 0;
    if (e - s >= 6 && rng.chance(0.7)) raw.push(s + rng.uniform(0.5, 2), e + rng.uniform(4, 15));
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

/** Windows aired in mild weather, briefly in winter, kept shut in the heat with the AC on. */
export function windowSensor(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const active = day.household.anyoneActive;
  if (active.length === 0 || day.outdoor.rain) return;
  const [p, lo, hi] = day.mode === 'off' ? [0.45, 15, 120] : day.mode === 'heat' ? [0.15, 5, 15] : [0.05, 5, 20];
  if (!rng.chance(p * (0.6 + 0.8 * dev.habit))) return;
  const i = 2 * Math.floor(rng.next() * (active.length / 2));
  const s = active[i] ?? 0;
  const e = active[i + 1] ?? 0;
  if (e - s < hi + 5) return;
  const t = rng.uniform(s, e - hi - 2);
  emitIntervals(sim.out, dev.index, [t, t + rng.uniform(lo, hi)], sim.out.ids.on, sim.out.ids.off);
}

/** A monthly test press; in kitchens a rare burnt dinner. */
export function smoke(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const raw: number[] = [];
  if (day.smokeTest !== null) raw.push(day.smokeTest + dev.rng.uniform(0, 3), day.smokeTest + 3.3);
  if (dev.kind === 'kitchen') {
    const dinner = intersect(day.occupancy[dev.area] ?? [], [1050, 1200]);
    if (dinner.length > 0 && dev.rng.chance(0.004)) {
      const t = (dinner[0] ?? 0) + dev.rng.uniform(5, 20);
      raw.push(t, t + dev.rng.uniform(1, 3));
    }
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

/** Leaks are rare and dried up within hours. */
export function leak(dev: SimDevice, _day: SimDay, sim: HomeSim): void {
  if (!dev.rng.chance(0.002)) return;
  const t = dev.rng.uniform(DAY_START, DAY_END - 150);
  emitIntervals(sim.out, dev.index, [t, t + dev.rng.uniform(20, 120)], sim.out.ids.on, sim.out.ids.off);
}

/** Unrecognised binary sensors: a few switches while people are around. */
export function genericBinary(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const active = day.household.anyoneActive;
  if (active.length === 0) return;
  const raw: number[] = [];
  const n = poisson(dev.rng, 1.5);
  for (let k = 0; k < n; k++) {
    const i = 2 * Math.floor(dev.rng.next() * (active.length / 2));
    const t = dev.rng.uniform(active[i] ?? 0, active[i + 1] ?? 0);
    raw.push(t, t + dev.rng.uniform(1, 30));
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}
