import { describe, expect, it } from 'vitest';
import type { HomeEvents } from './event-buffer';
import {
  HOME_FEATURES,
  HOME_FEATURE_GROUP_NAMES,
  HOME_FEATURE_NAMES,
  featureGroupColumns,
  homeFeatureGroup,
  homeFeatures,
} from './home-features';
import type { Device, HomeContent } from './home-schema';

const dev = (
  entity_id: string,
  domain: Device['domain'],
  area: string,
  device_class: string | null,
  power: Device['power'],
): Device => ({
  entity_id,
  name: entity_id,
  domain,
  device_class,
  category: 'monitoring',
  area,
  power,
});

const home: Pick<HomeContent, 'areas' | 'devices' | 'occupants'> = {
  areas: [
    { name: 'Living Room', type: 'indoor', floor: 0 },
    { name: 'Bedroom', type: 'indoor', floor: 1 },
    { name: 'Hallway', type: 'indoor', floor: 0 },
    { name: 'Garden', type: 'outdoor', floor: 0 },
  ],
  devices: [
    dev('light.bedroom', 'light', 'Bedroom', null, 'mains'),
    dev('binary_sensor.living_motion', 'binary_sensor', 'Living Room', 'motion', 'battery'),
    dev('lock.front', 'lock', 'Hallway', null, 'battery'),
    dev('sensor.garden_temperature', 'sensor', 'Garden', 'temperature', 'battery'),
  ],
  occupants: [
    {
      name: 'A',
      role: 'adult',
      works_from_home: false,
      weekday: { wake: '07:00', leave: '08:00', return: '18:00', sleep: '22:30' },
      weekend: { wake: '09:00', leave: null, return: null, sleep: '23:00' },
    },
  ],
};

/**
 * Two weeks from Monday 2025-03-03 (UTC): motion at 07:00 on weekdays and at 09:00 and 14:00 at weekends,
 * the bedroom light on at 22:00 and off at 22:30, the lock at 08:00 on weekdays, the garden sensor hourly.
 */
function handMadeEvents(): HomeEvents {
  const rows: [number, number][] = [];
  for (let d = 0; d < 14; d++) {
    const day = Date.UTC(2025, 2, 3 + d);
    const weekend = d % 7 >= 5;
    rows.push([1, day + (weekend ? 9 : 7) * 3_600_000]);
    if (weekend) rows.push([1, day + 14 * 3_600_000]);
    if (!weekend) rows.push([2, day + 8 * 3_600_000]);
    rows.push([0, day + 22 * 3_600_000], [0, day + 22.5 * 3_600_000]);
    for (let h = 0; h < 24; h++) rows.push([3, day + h * 3_600_000 + 60_000]);
  }
  rows.sort((a, b) => a[1] - b[1]);
  return {
    entityIndex: Uint16Array.from(rows.map((r) => r[0])),
    time: Float64Array.from(rows.map((r) => r[1])),
    state: Uint16Array.from(rows.map(() => 0)),
    states: ['on'],
  };
}

describe('home feature groups', () => {
  it('give every feature exactly one group, in one place', () => {
    expect(HOME_FEATURES.map((f) => f.name)).toEqual(HOME_FEATURE_NAMES);
    const columns = HOME_FEATURE_GROUP_NAMES.flatMap((g) => featureGroupColumns(HOME_FEATURE_NAMES, g));
    expect(columns.toSorted((a, b) => a - b)).toEqual(HOME_FEATURE_NAMES.map((_, i) => i));
    expect(homeFeatureGroup('bedroom_count')).toBe('structure');
    expect(homeFeatureGroup('occupant_count')).toBe('household');
    expect(homeFeatureGroup('first_activity_hour')).toBe('behaviour');
    expect(homeFeatureGroup('category_share_security')).toBeUndefined();
  });

  it("find a group's columns within any list of names (an older model's, say)", () => {
    expect(featureGroupColumns(['night_share', 'old_feature', 'area_count', 'child_count'], 'structure')).toEqual([2]);
    expect(featureGroupColumns(['night_share', 'old_feature', 'area_count', 'child_count'], 'behaviour')).toEqual([0]);
  });

  it("no longer key on one maker's conventions", () => {
    for (const gone of ['main_floor', 'above_ground', 'has_separate_bedroom', 'single_level', 'three_plus_levels']) {
      expect(HOME_FEATURE_NAMES).not.toContain(gone);
    }
    expect(HOME_FEATURE_NAMES.some((n) => n.startsWith('category_share_'))).toBe(false);
  });
});

describe('homeFeatures', () => {
  const f = homeFeatures(home, handMadeEvents(), 'UTC');
  const get = (name: string): number => {
    const i = HOME_FEATURE_NAMES.indexOf(name);
    if (i < 0) throw new Error(`no feature ${name}`);
    return f[i] ?? Number.NaN;
  };

  it('has one finite value per named feature, names unique', () => {
    expect(f).toHaveLength(HOME_FEATURE_NAMES.length);
    expect(new Set(HOME_FEATURE_NAMES).size).toBe(HOME_FEATURE_NAMES.length);
    expect(Array.from(f).every(Number.isFinite)).toBe(true);
  });

  it('describes the structure', () => {
    expect(get('log_devices')).toBeCloseTo(Math.log(5), 5);
    expect(get('area_count')).toBe(4);
    expect(get('outdoor_area_count')).toBe(1);
    expect(get('floor_count')).toBe(2);
    expect(get('lowest_floor')).toBe(0);
    expect(get('rooms_per_floor')).toBe(1.5);
    expect(get('devices_per_area')).toBe(1);
    expect(get('bedroom_count')).toBe(1);
    expect(get('has_yard')).toBe(1);
    expect(get('domain_share_light')).toBe(0.25);
    expect(get('domain_share_sensor')).toBe(0.25);
    expect(get('battery_share')).toBe(0.75);
    expect(get('outdoor_device_share')).toBe(0.25);
    expect(get('occupant_count')).toBe(1);
    expect(get('remote_worker_share')).toBe(0);
  });

  it('describes the rhythm from the events (sensor reports are not activity)', () => {
    expect(get('log_events_per_day')).toBeCloseTo(Math.log1p(392 / 14), 5);
    expect(get('activity_per_device_day')).toBeCloseTo(56 / 4 / 14, 5);
    expect(get('activity_04_08')).toBeCloseTo(10 / 46, 5);
    expect(get('activity_08_12')).toBeCloseTo(4 / 46, 5);
    expect(get('activity_12_16')).toBeCloseTo(4 / 46, 5);
    expect(get('activity_20_24')).toBeCloseTo(28 / 46, 5);
    expect(get('activity_16_20')).toBe(0);
    expect(get('weekday_daytime_share')).toBe(0);
    expect(get('first_activity_hour')).toBe(7);
    expect(get('last_activity_hour')).toBe(22.5);
    expect(get('weekend_wake_delay_hours')).toBe(2);
    expect(get('lock_events_per_day')).toBeCloseTo(10 / 14, 5);
    expect(get('log_weekend_ratio')).toBeCloseTo(Math.log((4 + 1) / (3 + 1)), 5);
    expect(get('active_day_share')).toBe(1);
    // The busiest weekday hour (smoothed) is the 22:00 light; as a point on the 24-hour circle.
    expect(get('weekday_peak_sin')).toBeCloseTo(Math.sin((2 * Math.PI * 22) / 24), 5);
    expect(get('weekday_peak_cos')).toBeCloseTo(Math.cos((2 * Math.PI * 22) / 24), 5);
  });

  it('describes occupancy and room use, per room rather than per home', () => {
    // Human (indoor light and motion) events fill hours 7 and 22 on the 10 weekdays and 9, 14 and 22 at
    // the 4 weekend days; none between 10:00 and 16:00 on a weekday.
    expect(get('occupied_hour_share')).toBeCloseTo((10 * 2 + 4 * 3) / (14 * 24), 6);
    expect(get('weekday_daytime_occupied_share')).toBe(0);
    // 46 human events over 3 indoor rooms and 14 days; the living room and the bedroom are used daily.
    expect(get('activity_per_room_day')).toBeCloseTo(46 / 3 / 14, 5);
    expect(get('rooms_used_per_day_share')).toBeCloseTo(2 / 3, 6);
    expect(get('climate_changes_per_device_day')).toBe(0);
  });

  it('reads hours in the home time zone', () => {
    const tokyo = homeFeatures(home, handMadeEvents(), 'Asia/Tokyo');
    // 22:00 and 22:30 UTC are 07:00 and 07:30 the next morning in Tokyo.
    expect(tokyo[HOME_FEATURE_NAMES.indexOf('activity_04_08')]).toBeCloseTo(28 / 46, 5);
  });

  it('copes with a home without events', () => {
    const empty: HomeEvents = {
      entityIndex: new Uint16Array(0),
      time: new Float64Array(0),
      state: new Uint16Array(0),
      states: [],
    };
    expect(Array.from(homeFeatures(home, empty, 'UTC')).every(Number.isFinite)).toBe(true);
  });
});
