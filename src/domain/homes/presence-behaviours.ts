import { type Intervals, contains, intersect } from './intervals';
import { DAY_END, DAY_START } from './occupancy';
import { type HomeSim, type SimDay, type SimDevice, emitIntervals, poisson, pulses } from './simulation-context';

/**
 * Devices that follow people: lights, motion, doors, locks, the garage door, the alarm, cameras,
 * scenes and the doorbell. Times are minutes after local midnight of the simulated day.
 */

const SEDENTARY = new Set(['living', 'office', 'bedroom', 'recreation', 'dining']);
const ALWAYS_DARK = new Set(['hallway', 'basement', 'storage', 'garage', 'laundry']);

/** When a room needs light: always for rooms without windows, otherwise around and after dusk. */
function darkness(dev: SimDevice, day: SimDay): Intervals {
  if (ALWAYS_DARK.has(dev.kind) || (dev.kind === 'bathroom' && dev.habit < 0.5)) return [DAY_START, DAY_END];
  const margin = day.outdoor.rain ? 45 : 20;
  return [DAY_START, day.sunrise + margin, day.sunset - margin, DAY_END];
}

/** Room lights: on when someone enters a dark room (after dusk, or a windowless room), off soon after they leave. */
export function roomLight(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const occupied = day.occupancy[dev.area] ?? [];
  const lit = intersect(occupied, darkness(dev, day));
  const use = dev.kind === 'bedroom' ? 0.75 : 0.9;
  const raw: number[] = [];
  for (let i = 0; i < lit.length; i += 2) {
    if (!rng.chance(use)) continue;
    const s = (lit[i] ?? 0) + rng.uniform(0, 0.2);
    const forgotten = rng.chance(0.06) ? rng.uniform(10, 60) : 0;
    raw.push(s, (lit[i + 1] ?? 0) + rng.uniform(0.1, 1.5) + forgotten);
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

/** Lamps and strips: on while anyone is up after dusk (bedroom lamps at bedtime, like a room light). */
export function ambientLight(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  if (dev.kind === 'bedroom') {
    const rng = dev.rng;
    const evening = intersect(day.occupancy[dev.area] ?? [], [Math.max(day.sunset - 20, 1140), DAY_END]);
    const raw: number[] = [];
    for (let i = 0; i < evening.length; i += 2) {
      if (rng.chance(0.55)) raw.push((evening[i] ?? 0) + rng.uniform(0, 1), (evening[i + 1] ?? 0) + rng.uniform(0, 1));
    }
    emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
    return;
  }
  const rng = dev.rng;
  const raw: number[] = [];
  const evening = intersect(day.household.anyoneActive, [day.sunset - rng.uniform(0, 30), DAY_END]);
  for (let i = 0; i < evening.length; i += 2) {
    if ((evening[i + 1] ?? 0) - (evening[i] ?? 0) < 15 || !rng.chance(sim.traits.ambientEvenings)) continue;
    raw.push((evening[i] ?? 0) + rng.uniform(0, 10), (evening[i + 1] ?? 0) - rng.uniform(0, 3));
  }
  const morning = intersect(day.household.anyoneActive, [DAY_START, day.sunrise]);
  for (let i = 0; i < morning.length; i += 2) {
    if ((morning[i + 1] ?? 0) - (morning[i] ?? 0) > 10 && rng.chance(0.3))
      raw.push(morning[i] ?? 0, morning[i + 1] ?? 0);
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

function arrivalsAfterDark(day: SimDay): number[] {
  const out: number[] = [];
  for (const r of day.household.returns) if (r.time > day.sunset || r.time < day.sunrise) out.push(r.time);
  for (const d of day.household.departures) if (d.time > day.sunset || d.time < day.sunrise) out.push(d.time);
  return out;
}

/** Outdoor lights: dusk until bedtime (or a timer), and briefly for arrivals and departures after dark. */
export function outdoorLight(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const raw: number[] = [];
  const dusk = day.sunset + rng.uniform(-10, 15);
  const home = contains(day.household.anyoneHome, dusk);
  if (sim.traits.outdoorTimer || home) {
    const bedtime = day.household.lastSleep ?? 1380;
    const off = sim.traits.outdoorTimer ? 1380 + rng.uniform(-20, 20) : Math.min(bedtime, 1410) - rng.uniform(0, 10);
    if (off > dusk) raw.push(dusk, off);
  }
  for (const t of arrivalsAfterDark(day)) raw.push(t - 1, t + rng.uniform(3, 6));
  const outside = intersect(day.occupancy[dev.area] ?? [], [day.sunset - 15, DAY_END]);
  for (let i = 0; i < outside.length; i += 2) raw.push(outside[i] ?? 0, (outside[i + 1] ?? 0) + 1);
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

/** Dusk to dawn: off at this morning's sunrise, on at this evening's sunset. */
export function pathLight(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  sim.out.emit(dev.index, day.sunrise + dev.rng.uniform(0, 10), sim.out.ids.off);
  sim.out.emit(dev.index, day.sunset + dev.rng.uniform(0, 10), sim.out.ids.on);
}

/** Motion in bursts while a room is used: frequent in kitchens and halls, sparse on the sofa. */
export function motion(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const occupied = day.occupancy[dev.area] ?? [];
  const sedentary = SEDENTARY.has(dev.kind);
  const raw: number[] = [];
  const burst = (s: number, e: number): void => {
    let t = s + rng.uniform(0, 0.3);
    while (t < e) {
      const len = sedentary ? rng.uniform(0.5, 3) : rng.uniform(1, 6);
      raw.push(t, Math.min(t + len, e) + 1.5);
      t += len + 1.5 + (sedentary ? rng.uniform(6, 30) : rng.uniform(0.5, 5));
    }
  };
  for (let i = 0; i < occupied.length; i += 2) burst(occupied[i] ?? 0, occupied[i + 1] ?? 0);
  // The robot vacuum trips the sensors of the rooms it cleans.
  if (dev.kind === 'living' || dev.kind === 'hallway' || dev.kind === 'kitchen') {
    for (let i = 0; i < day.vacuumRuns.length; i += 2) {
      if (dev.habit < 0.7)
        burst((day.vacuumRuns[i] ?? 0) + rng.uniform(0, 20), (day.vacuumRuns[i] ?? 0) + rng.uniform(25, 35));
    }
  }
  emitIntervals(sim.out, dev.index, raw, sim.out.ids.on, sim.out.ids.off);
}

/** What sets off an outdoor sensor or camera: people coming and going at the front, people in the yard, animals and passers-by. */
function outdoorTriggers(dev: SimDevice, day: SimDay, frontFacing: boolean): number[] {
  const rng = dev.rng;
  const times: number[] = [];
  if (frontFacing) {
    for (const d of day.household.departures) times.push(d.time + rng.uniform(0, 0.5));
    for (const r of day.household.returns) times.push(r.time - rng.uniform(0, 1));
    for (const v of day.visitors) times.push(v - rng.uniform(0, 0.5));
    for (const p of day.passersby) if (rng.chance(0.5)) times.push(p);
  }
  const occupied = day.occupancy[dev.area] ?? [];
  for (let i = 0; i < occupied.length; i += 2) {
    times.push(occupied[i] ?? 0);
    const e = occupied[i + 1] ?? 0;
    for (let t = (occupied[i] ?? 0) + rng.uniform(5, 20); t < e; t += rng.uniform(5, 25)) times.push(t);
  }
  const animals = poisson(rng, 1.2);
  for (let k = 0; k < animals; k++) {
    const t = rng.chance(0.6) ? rng.uniform(day.sunset, DAY_END) : rng.uniform(DAY_START, day.sunset);
    times.push(t);
  }
  return times.sort((a, b) => a - b);
}

function isFrontFacing(dev: SimDevice, sim: HomeSim, name: string): boolean {
  return dev.kind === 'porch' || dev.kind === 'driveway' || /front|door|entr/i.test(name) || !sim.layout.hasOutdoor;
}

/** Outdoor motion sensors: a short pulse per trigger. */
export function outdoorMotion(dev: SimDevice, day: SimDay, sim: HomeSim, areaName: string): void {
  const times = outdoorTriggers(dev, day, isFrontFacing(dev, sim, areaName));
  emitIntervals(sim.out, dev.index, pulses(times, dev.rng, 0.5, 2), sim.out.ids.on, sim.out.ids.off);
}

/** Outdoor and doorbell cameras: recording for a moment at each trigger, then idle. */
export function outdoorCamera(dev: SimDevice, day: SimDay, sim: HomeSim, areaName: string, deviceName: string): void {
  const times = outdoorTriggers(
    dev,
    day,
    isFrontFacing(dev, sim, `${areaName} ${deviceName}`) || /doorbell/i.test(deviceName),
  );
  emitIntervals(sim.out, dev.index, pulses(times, dev.rng, 0.3, 1.5), sim.out.ids.recording, sim.out.ids.idle);
}

/** Records the robot vacuum and remote look-ins while the home is empty, and now and then someone at home. */
export function indoorCamera(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const { recording, streaming, idle } = sim.out.ids;
  const events: [number, number][] = [];
  for (let i = 0; i < day.vacuumRuns.length; i += 2) {
    const s = day.vacuumRuns[i] ?? 0;
    if (!contains(day.household.empty, s)) continue;
    for (let k = 0; k < 3; k++) {
      const t = s + rng.uniform(0, 40);
      events.push([t, recording], [t + rng.uniform(0.3, 1.2), idle]);
    }
  }
  const empty = day.household.empty;
  for (let i = 0; i < empty.length; i += 2) {
    const s = empty[i] ?? 0;
    const e = empty[i + 1] ?? 0;
    if (e - s > 120 && rng.chance(0.4)) {
      const t = rng.uniform(s + 30, e - 30);
      events.push([t, streaming], [t + rng.uniform(1, 4), idle]);
    }
  }
  const occupied = day.occupancy[dev.area] ?? [];
  for (let i = 0; i < occupied.length; i += 2) {
    if (rng.chance(0.12)) {
      const t = (occupied[i] ?? 0) + rng.uniform(0, 1);
      events.push([t, recording], [t + rng.uniform(0.3, 1), idle]);
    }
  }
  events.sort((a, b) => a[0] - b[0]);
  for (const [t, s] of events) sim.out.emit(dev.index, t, s);
}

/** Front door: departures and returns on foot, and answering the doorbell. */
export function frontDoor(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const times: number[] = [];
  for (const d of day.household.departures)
    if (!(d.drives && sim.usesGarage)) times.push(d.time - rng.uniform(0.2, 0.8));
  for (const r of day.household.returns) if (!(r.drives && sim.usesGarage)) times.push(r.time);
  for (const v of day.visitors)
    if (contains(day.household.anyoneHome, v) && rng.chance(0.8)) times.push(v + rng.uniform(0.3, 1));
  emitIntervals(sim.out, dev.index, pulses(times, rng, 0.2, 0.8), sim.out.ids.on, sim.out.ids.off);
}

/** The door between the house and the garage: drivers coming and going, trips to the garage. */
export function garageEntryDoor(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const times: number[] = [];
  for (const d of day.household.departures) if (d.drives) times.push(d.time - rng.uniform(1, 2));
  for (const r of day.household.returns) if (r.drives) times.push(r.time + rng.uniform(0.5, 1.5));
  const occupied = day.occupancy[dev.area] ?? [];
  for (let i = 0; i < occupied.length; i += 2) {
    if ((occupied[i + 1] ?? 0) - (occupied[i] ?? 0) > 4) times.push(occupied[i] ?? 0, (occupied[i + 1] ?? 0) - 0.3);
  }
  times.sort((a, b) => a - b);
  emitIntervals(sim.out, dev.index, pulses(times, rng, 0.15, 0.5), sim.out.ids.on, sim.out.ids.off);
}

/** Doors to the garden, patio or balcony: stepping out and back in. */
export function backDoor(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const times: number[] = [];
  sim.layout.outdoor.forEach((isOut, area) => {
    if (!isOut) return;
    const occupied = day.occupancy[area] ?? [];
    for (let i = 0; i < occupied.length; i += 2) times.push((occupied[i] ?? 0) - 0.3, occupied[i + 1] ?? 0);
  });
  if (times.length === 0 && contains(day.household.anyoneActive, 720) && rng.chance(0.3))
    times.push(rng.uniform(600, 1200));
  times.sort((a, b) => a - b);
  emitIntervals(sim.out, dev.index, pulses(times, rng, 0.15, 0.6), sim.out.ids.on, sim.out.ids.off);
}

/** Unlocked around each departure and return, locked again behind; locked at bedtime. */
export function lock(dev: SimDevice, day: SimDay, sim: HomeSim, garage: boolean): void {
  const rng = dev.rng;
  const { locked, unlocked } = sim.out.ids;
  const serves = (drives: boolean): boolean => (garage ? drives : !(drives && sim.hasGarageLock));
  const events: [number, number][] = [];
  for (const d of day.household.departures) {
    if (!serves(d.drives)) continue;
    events.push([d.time - rng.uniform(0.5, 1.5), unlocked], [d.time + rng.uniform(0.3, 1.5), locked]);
  }
  for (const r of day.household.returns) {
    if (!serves(r.drives)) continue;
    events.push([r.time - rng.uniform(0, 0.3), unlocked], [r.time + rng.uniform(1, 5), locked]);
  }
  if (!garage) {
    for (const v of day.visitors) {
      if (contains(day.household.anyoneHome, v) && rng.chance(0.4)) {
        events.push([v + 0.3, unlocked], [v + rng.uniform(2, 6), locked]);
      }
    }
  }
  if (day.household.lastSleep !== null) events.push([day.household.lastSleep - rng.uniform(2, 15), locked]);
  events.sort((a, b) => a[0] - b[0]);
  for (const [t, s] of events) sim.out.emit(dev.index, t, s);
}

/**
 * Opens for the car at each driver's departure and return, and for weekend tinkering. With several
 * garage doors each driver has their own (`rank` of `doors`).
 */
export function garageDoor(dev: SimDevice, day: SimDay, sim: HomeSim, rank: number, doors: number): void {
  const rng = dev.rng;
  const raw: number[] = [];
  const mine = (occupant: number): boolean => occupant % doors === rank;
  for (const d of day.household.departures)
    if (d.drives && mine(d.occupant)) raw.push(d.time - rng.uniform(1, 1.5), d.time + rng.uniform(0.3, 1.2));
  for (const r of day.household.returns)
    if (r.drives && mine(r.occupant)) raw.push(r.time - rng.uniform(0.5, 1), r.time + rng.uniform(0.5, 2));
  const occupied = day.occupancy[dev.area] ?? [];
  for (let i = 0; i < occupied.length; i += 2) {
    if (day.weekend && (occupied[i + 1] ?? 0) - (occupied[i] ?? 0) > 10 && rng.chance(0.4 / doors))
      raw.push(occupied[i] ?? 0, occupied[i + 1] ?? 0);
  }
  coverCycles(sim, dev.index, raw);
}

/** A cover's open intervals as opening → open → closing → closed (12–20 s of motor travel). */
export function coverCycles(sim: HomeSim, device: number, raw: number[]): void {
  const { opening, open, closing, closed } = sim.out.ids;
  const pairs: [number, number][] = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i] ?? 0, raw[i + 1] ?? 0]);
  pairs.sort((a, b) => a[0] - b[0]);
  let curS = Number.NaN;
  let curE = Number.NaN;
  const flush = (): void => {
    if (Number.isNaN(curS)) return;
    sim.out.emit(device, curS, opening);
    sim.out.emit(device, curS + 0.25, open);
    sim.out.emit(device, Math.max(curE, curS + 0.3), closing);
    sim.out.emit(device, Math.max(curE, curS + 0.3) + 0.25, closed);
  };
  for (const [s, e] of pairs) {
    if (!Number.isNaN(curE) && s <= curE + 0.6) {
      curE = Math.max(curE, e);
      continue;
    }
    flush();
    curS = s;
    curE = e;
  }
  flush();
}

/** Armed away when the last person leaves, disarmed on return; armed for the night at bedtime. */
export function alarm(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  if (!rng.chance(sim.traits.alarmDiscipline)) return;
  const ids = sim.out.ids;
  const events: [number, number][] = [];
  const h = day.household;
  if (h.firstWake !== null) events.push([h.firstWake + rng.uniform(1, 10), ids.disarmed]);
  for (const d of h.departures) {
    if (!d.edge) continue;
    events.push([d.time, ids.arming], [d.time + 1, ids.armed_away]);
    if (rng.chance(0.01)) {
      const t = d.time + rng.uniform(20, 120);
      events.push([t, ids.triggered], [t + rng.uniform(1, 4), ids.disarmed], [t + 6, ids.armed_away]);
    }
  }
  for (const r of h.returns)
    if (r.edge) events.push([r.time - 0.2, ids.pending], [r.time + rng.uniform(0.2, 0.6), ids.disarmed]);
  if (h.lastSleep !== null)
    events.push([h.lastSleep - rng.uniform(0, 5), rng.chance(0.15) ? ids.armed_home : ids.armed_night]);
  events.sort((a, b) => a[0] - b[0]);
  for (const [t, s] of events) sim.out.emit(dev.index, t, s);
}

/** Scenes are activated (state "activated" each time) by the household's routine moments. */
export function scene(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const rng = dev.rng;
  const h = day.household;
  const activated = sim.out.ids.activated;
  const times: number[] = [];
  switch (dev.role) {
    case 'scene_morning':
      if (h.firstWake !== null && rng.chance(0.75)) times.push(h.firstWake + rng.uniform(1, 10));
      break;
    case 'scene_night':
      if (h.lastSleep !== null && rng.chance(0.8)) times.push(h.lastSleep - rng.uniform(0, 4));
      break;
    case 'scene_away':
      for (const d of h.departures) if (d.edge && rng.chance(0.75)) times.push(d.time + rng.uniform(0, 1));
      break;
    case 'scene_movie': {
      const occupied = intersect(day.occupancy[dev.area] ?? [], [1140, DAY_END]);
      for (let i = 0; i < occupied.length; i += 2) {
        if ((occupied[i + 1] ?? 0) - (occupied[i] ?? 0) > 60 && rng.chance(0.4))
          times.push((occupied[i] ?? 0) + rng.uniform(1, 5));
      }
      break;
    }
    default: {
      const evening = intersect(h.anyoneActive, [1080, DAY_END]);
      if (evening.length > 0 && rng.chance(0.25)) times.push((evening[0] ?? 0) + rng.uniform(0, 30));
    }
  }
  times.sort((a, b) => a - b);
  for (const t of times) sim.out.emit(dev.index, t, activated, true);
}

/** Doorbell presses: the day's visitors; other buttons pressed now and then by someone at home. */
export function button(dev: SimDevice, day: SimDay, sim: HomeSim): void {
  const pressed = sim.out.ids.pressed;
  if (dev.role === 'doorbell') {
    for (const v of day.visitors) sim.out.emit(dev.index, v, pressed, true);
    return;
  }
  const active = day.household.anyoneActive;
  if (active.length > 0 && dev.rng.chance(0.3)) {
    const i = 2 * Math.floor(dev.rng.next() * (active.length / 2));
    sim.out.emit(dev.index, dev.rng.uniform(active[i] ?? 0, active[i + 1] ?? 0), pressed, true);
  }
}
