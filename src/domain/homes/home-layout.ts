import { type AreaKind, areaKind, isOutdoorKind } from './area-kinds';
import type { HomeContent } from './home-schema';

/** The parts of a home's floor plan the simulator needs, resolved once per home. */
export interface HomeLayout {
  kinds: AreaKind[];
  outdoor: boolean[];
  /** Area indices per kind present in the home. */
  byKind: Map<AreaKind, number[]>;
  /** The kinds present, in first-appearance order. */
  kindList: AreaKind[];
  /** Each occupant's bed: their bedroom, or a living area in a studio. */
  bedOf: number[];
  /** The room people come and go through. */
  front: number;
  /** The garage, or -1. */
  garage: number;
  /** Hallways, landings and entries: passed through between rooms on multi-level homes. */
  hallways: number[];
  multiLevel: boolean;
  hasOutdoor: boolean;
}

/** Resolves room kinds, beds, the front room and the garage of a home. */
export function buildHomeLayout(home: Pick<HomeContent, 'areas' | 'occupants'>): HomeLayout {
  const kinds = home.areas.map((a) => areaKind(a));
  const outdoor = kinds.map((k) => isOutdoorKind(k));
  const byKind = new Map<AreaKind, number[]>();
  kinds.forEach((k, i) => {
    const list = byKind.get(k);
    if (list === undefined) byKind.set(k, [i]);
    else list.push(i);
  });
  const indoor = kinds.map((_, i) => i).filter((i) => !(outdoor[i] ?? false));
  const living = byKind.get('living')?.[0] ?? indoor[0] ?? 0;
  const bedrooms = byKind.get('bedroom') ?? [];
  const master = bedrooms.find((i) => /master|main|primary/i.test(home.areas[i]?.name ?? '')) ?? bedrooms[0];
  const others = bedrooms.filter((i) => i !== master);
  let nextChildRoom = 0;
  const bedOf = home.occupants.map((o) => {
    if (master === undefined) return living;
    if (o.role !== 'child' || others.length === 0) return master;
    const room = others[nextChildRoom % others.length] ?? master;
    nextChildRoom++;
    return room;
  });
  const hallways = byKind.get('hallway') ?? [];
  const front =
    hallways.find((i) => /entry|foyer|hall|front/i.test(home.areas[i]?.name ?? '')) ?? hallways[0] ?? living;
  const floors = new Set(indoor.map((i) => home.areas[i]?.floor ?? 0));
  return {
    kinds,
    outdoor,
    byKind,
    kindList: [...byKind.keys()],
    bedOf,
    front,
    garage: byKind.get('garage')?.[0] ?? -1,
    hallways,
    multiLevel: floors.size > 1,
    hasOutdoor: outdoor.some(Boolean),
  };
}
