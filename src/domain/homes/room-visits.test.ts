import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { buildHomeLayout } from './home-layout';
import type { Area, Occupant } from './home-schema';
import { intersect, totalLength } from './intervals';
import { planOccupantDay } from './occupancy';
import { emptyVisits, occupancyByArea, planVisits } from './room-visits';

const areas: Area[] = [
  { name: 'Living Room', type: 'indoor', floor: 0 },
  { name: 'Kitchen', type: 'indoor', floor: 0 },
  { name: 'Hallway', type: 'indoor', floor: 0 },
  { name: 'Office', type: 'indoor', floor: 1 },
  { name: 'Master Bedroom', type: 'indoor', floor: 1 },
  { name: 'Bedroom 2', type: 'indoor', floor: 1 },
  { name: 'Bathroom', type: 'indoor', floor: 1 },
  { name: 'Garage', type: 'indoor', floor: 0 },
  { name: 'Garden', type: 'outdoor', floor: 0 },
];
const remote: Occupant = {
  name: 'R',
  role: 'adult',
  works_from_home: true,
  weekday: { wake: '07:00', leave: null, return: null, sleep: '23:00' },
  weekend: { wake: '08:00', leave: null, return: null, sleep: '23:00' },
};
const child: Occupant = {
  name: 'C',
  role: 'child',
  works_from_home: false,
  weekday: { wake: '06:45', leave: '07:40', return: '15:30', sleep: '20:30' },
  weekend: { wake: '08:00', leave: null, return: null, sleep: '21:00' },
};
const conditions = { weekend: false, sunrise: 420, sunset: 1140, outdoorMean: 18, rain: false };

describe('planVisits', () => {
  const layout = buildHomeLayout({ areas, occupants: [remote, child] });

  it('assigns beds: adults the master bedroom, children another room', () => {
    expect(layout.bedOf).toEqual([4, 5]);
    expect(layout.front).toBe(2);
    expect(layout.garage).toBe(7);
    expect(layout.multiLevel).toBe(true);
  });

  it('keeps a remote worker in the office through the working day', () => {
    const rng = createRng(1);
    let office = 0;
    let day = 0;
    for (let k = 0; k < 20; k++) {
      const d = planOccupantDay(remote, false, false, false, rng);
      const visits = emptyVisits();
      planVisits(d, 4, layout, conditions, rng, visits);
      const occ = occupancyByArea(visits, areas.length);
      office += totalLength(intersect(occ[3] ?? [], [540, 1020]));
      day += 480;
    }
    expect(office / day).toBeGreaterThan(0.5);
  });

  it('puts nobody in the house while they are out, and starts the day in the bedroom', () => {
    const rng = createRng(2);
    for (let k = 0; k < 20; k++) {
      const d = planOccupantDay(child, false, false, false, rng);
      const visits = emptyVisits();
      planVisits(d, 5, layout, conditions, rng, visits);
      for (let i = 0; i < visits.area.length; i++) {
        for (let j = 0; j < d.away.length; j += 2) {
          const overlap =
            Math.min(visits.end[i] ?? 0, d.away[j + 1] ?? 0) - Math.max(visits.start[i] ?? 0, d.away[j] ?? 0);
          expect(overlap).toBeLessThanOrEqual(0);
        }
      }
      expect(visits.area[0]).toBe(5);
      expect(visits.start[0]).toBeCloseTo(d.wake, 6);
    }
  });
});
