import type { Rng } from '../random';
import { areaKind, isOutdoorKind } from './area-kinds';
import type { HomeEvents } from './event-buffer';
import type { HomeContent } from './home-schema';

/**
 * Perturbations of a home's description that leave the lived-in home unchanged: the same people, the
 * same devices switched at the same times. A classifier that recognises home types (rather than one
 * maker's way of writing them down) should barely move under them. Each is a pure function; the caller
 * recomputes the features from the perturbed home and its (possibly filtered) events.
 */

export const HOME_PERTURBATIONS = ['shuffled-floors', 'renamed-rooms', 'dropped-outdoor'] as const;
/** One of HOME_PERTURBATIONS. */
export type HomePerturbation = (typeof HOME_PERTURBATIONS)[number];

/** How each perturbation is named on the page. */
export const HOME_PERTURBATION_LABELS: Readonly<Record<HomePerturbation, string>> = {
  'shuffled-floors': 'Shuffled floor numbers',
  'renamed-rooms': 'Rooms renamed "Room 1", "Room 2"…',
  'dropped-outdoor': 'Outdoor areas dropped',
};

type Layout = Pick<HomeContent, 'areas' | 'devices'>;

/** Floor numbers a level may be given: from a basement to a mid-rise flat, as makers number them. */
const FLOOR_CHOICES = [-1, 0, 1, 2, 3, 4, 5, 6] as const;

/**
 * Every distinct floor number is replaced by a different one drawn without replacement from −1…6, in a
 * random order: the number of levels and which rooms share a level stay, the numbering does not. This is
 * what a maker that counts the ground floor as 1, or numbers a flat by its building, would write.
 */
export function shuffleFloors<T extends Layout>(home: T, rng: Rng): T {
  const floors = [...new Set(home.areas.map((a) => a.floor))].sort((a, b) => a - b);
  const pool: number[] = rng.shuffle([...FLOOR_CHOICES]);
  // A home with more levels than choices keeps counting upwards (the schema allows up to 10).
  for (let extra = FLOOR_CHOICES.length; pool.length < floors.length; extra++) pool.push(extra - 1);
  const renumber = new Map(floors.map((f, i) => [f, pool[i] ?? f]));
  return { ...home, areas: home.areas.map((a) => ({ ...a, floor: renumber.get(a.floor) ?? a.floor })) };
}

/**
 * Every area renamed "Room 1", "Room 2"… in order (its type, indoor or outdoor, kept), and each device
 * moved along with its area: nothing about the home changes but the words a maker chose.
 */
export function renameRooms<T extends Layout>(home: T): T {
  const rename = new Map<string, string>();
  const areas = home.areas.map((a, i) => {
    const name = `Room ${i + 1}`;
    if (!rename.has(a.name)) rename.set(a.name, name);
    return { ...a, name };
  });
  return { ...home, areas, devices: home.devices.map((d) => ({ ...d, area: rename.get(d.area) ?? d.area })) };
}

/**
 * The home without its outdoor areas and the devices in them. `keptDevices[i]` is the original index
 * of the i-th remaining device, for `keepDeviceEvents`.
 */
export function dropOutdoorAreas<T extends Layout>(home: T): { home: T; keptDevices: number[] } {
  const outdoor = new Set(home.areas.filter((a) => isOutdoorKind(areaKind(a))).map((a) => a.name));
  const keptDevices: number[] = [];
  home.devices.forEach((d, i) => {
    if (!outdoor.has(d.area)) keptDevices.push(i);
  });
  return {
    home: {
      ...home,
      areas: home.areas.filter((a) => !outdoor.has(a.name)),
      devices: keptDevices.map((i) => home.devices[i]).filter((d) => d !== undefined),
    },
    keptDevices,
  };
}

/** The events of the kept devices only, re-indexed to their new positions (time order kept). */
export function keepDeviceEvents(events: HomeEvents, keptDevices: readonly number[]): HomeEvents {
  const newIndex = new Map(keptDevices.map((old, i) => [old, i]));
  const n = events.time.length;
  const entityIndex: number[] = [];
  const time: number[] = [];
  const state: number[] = [];
  for (let i = 0; i < n; i++) {
    const to = newIndex.get(events.entityIndex[i] ?? -1);
    if (to === undefined) continue;
    entityIndex.push(to);
    time.push(events.time[i] ?? 0);
    state.push(events.state[i] ?? 0);
  }
  return {
    entityIndex: Uint16Array.from(entityIndex),
    time: Float64Array.from(time),
    state: Uint16Array.from(state),
    states: events.states,
  };
}

/** One perturbation applied to a home and its events (events change only when devices are dropped). */
export function perturbHome<T extends Layout>(
  kind: HomePerturbation,
  home: T,
  events: HomeEvents,
  rng: Rng,
): { home: T; events: HomeEvents } {
  switch (kind) {
    case 'shuffled-floors':
      return { home: shuffleFloors(home, rng), events };
    case 'renamed-rooms':
      return { home: renameRooms(home), events };
    case 'dropped-outdoor': {
      const dropped = dropOutdoorAreas(home);
      return { home: dropped.home, events: keepDeviceEvents(events, dropped.keptDevices) };
    }
  }
}
