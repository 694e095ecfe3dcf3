import { describe, expect, it } from 'vitest';
import { areaKind, isOutdoorKind } from './area-kinds';

describe('areaKind', () => {
  it('reads the kind of room from its name', () => {
    const cases: [string, 'indoor' | 'outdoor', string][] = [
      ['Master Bathroom', 'indoor', 'bathroom'],
      ['Master Bedroom', 'indoor', 'bedroom'],
      ['Kitchen Area', 'indoor', 'kitchen'],
      ['Main Room', 'indoor', 'living'],
      ['Den', 'indoor', 'living'],
      ['Foyer', 'indoor', 'hallway'],
      ['Parking Garage', 'indoor', 'garage'],
      ['Mudroom', 'indoor', 'laundry'],
      ['Wine Cellar', 'indoor', 'basement'],
      ['Playroom', 'indoor', 'recreation'],
      ['Garden', 'outdoor', 'garden'],
      ['Garden Shed', 'outdoor', 'garden'],
      ['Front Stoop', 'outdoor', 'porch'],
      ['Roof Terrace', 'outdoor', 'balcony'],
      ['Deck', 'outdoor', 'patio'],
      ['Front Yard', 'outdoor', 'yard'],
      ['Pool', 'outdoor', 'pool'],
      ['Driveway', 'outdoor', 'driveway'],
      ['Sunroom', 'indoor', 'recreation'],
      ['Mystery Room', 'indoor', 'living'],
      ['Somewhere Outside', 'outdoor', 'yard'],
    ];
    for (const [name, type, kind] of cases) expect([name, areaKind({ name, type })]).toEqual([name, kind]);
  });

  it('lets the declared indoor/outdoor type win over the name', () => {
    expect(areaKind({ name: 'Covered Patio', type: 'indoor' })).toBe('living');
    expect(areaKind({ name: 'Outdoor Kitchen', type: 'outdoor' })).toBe('yard');
    expect(isOutdoorKind(areaKind({ name: 'Balcony', type: 'outdoor' }))).toBe(true);
    expect(isOutdoorKind(areaKind({ name: 'Garage', type: 'indoor' }))).toBe(false);
  });
});
