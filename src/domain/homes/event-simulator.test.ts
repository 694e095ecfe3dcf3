import { describe, expect, it } from 'vitest';
import type { Area, Device, DeviceDomain, Occupant } from './home-schema';
import { type HomeEvents, type SimulatedHome, simulateHomeEvents } from './event-simulator';
import { isoTimestamp } from './home-export';
import { localEventTimes } from './local-hours';
import { slugify } from './template-devices';

const areas: Area[] = [
  { name: 'Hallway', type: 'indoor', floor: 0 },
  { name: 'Living Room', type: 'indoor', floor: 0 },
  { name: 'Kitchen', type: 'indoor', floor: 0 },
  { name: 'Office', type: 'indoor', floor: 1 },
  { name: 'Master Bedroom', type: 'indoor', floor: 1 },
  { name: 'Bathroom', type: 'indoor', floor: 1 },
  { name: 'Garage', type: 'indoor', floor: 0 },
  { name: 'Garden', type: 'outdoor', floor: 0 },
];

function device(
  domain: DeviceDomain,
  area: string,
  label: string,
  deviceClass: string | null = null,
  power: Device['power'] = 'mains',
): Device {
  return {
    entity_id: `${domain}.${slugify(area)}_${slugify(label)}`,
    name: `${area} ${label}`,
    domain,
    device_class: deviceClass,
    category:
      domain === 'lock' || domain === 'camera' || domain === 'alarm_control_panel'
        ? 'security'
        : domain === 'climate' || domain === 'fan'
          ? 'climate'
          : domain === 'light'
            ? 'lighting'
            : domain === 'sensor'
              ? 'monitoring'
              : 'appliances',
    area,
    power,
  };
}

const devices: Device[] = [
  device('light', 'Hallway', 'Ceiling Light'),
  device('binary_sensor', 'Hallway', 'Motion Sensor', 'motion', 'battery'),
  device('binary_sensor', 'Hallway', 'Door Sensor', 'door', 'battery'),
  device('lock', 'Hallway', 'Door Lock', null, 'battery'),
  device('alarm_control_panel', 'Hallway', 'Alarm Panel'),
  device('light', 'Living Room', 'Ceiling Light'),
  device('light', 'Living Room', 'Lamp'),
  device('binary_sensor', 'Living Room', 'Motion Sensor', 'motion', 'battery'),
  device('media_player', 'Living Room', 'TV', 'tv'),
  device('climate', 'Living Room', 'Thermostat'),
  device('cover', 'Living Room', 'Blinds', 'blind'),
  device('vacuum', 'Living Room', 'Robot Vacuum', null, 'battery'),
  device('light', 'Kitchen', 'Ceiling Light'),
  device('binary_sensor', 'Kitchen', 'Motion Sensor', 'motion', 'battery'),
  device('switch', 'Kitchen', 'Coffee Maker', 'outlet'),
  device('media_player', 'Kitchen', 'Speaker', 'speaker'),
  device('light', 'Office', 'Ceiling Light'),
  device('binary_sensor', 'Office', 'Motion Sensor', 'motion', 'battery'),
  device('switch', 'Office', 'Smart Plug', 'outlet'),
  device('light', 'Master Bedroom', 'Ceiling Light'),
  device('sensor', 'Master Bedroom', 'Temperature', 'temperature', 'battery'),
  device('light', 'Bathroom', 'Ceiling Light'),
  device('sensor', 'Bathroom', 'Humidity', 'humidity', 'battery'),
  device('fan', 'Bathroom', 'Exhaust Fan'),
  device('cover', 'Garage', 'Garage Door', 'garage'),
  device('light', 'Garden', 'Outdoor Light'),
  device('camera', 'Garden', 'Camera'),
  device('switch', 'Garden', 'Irrigation Valve'),
  device('sensor', 'Hallway', 'Battery', 'battery', 'battery'),
  device('sensor', 'Kitchen', 'Power', 'power'),
  device('scene', 'Living Room', 'Good Night'),
];

const commuter = (name: string): Occupant => ({
  name,
  role: 'adult',
  works_from_home: false,
  weekday: { wake: '06:30', leave: '08:00', return: '17:45', sleep: '23:00' },
  weekend: { wake: '08:30', leave: null, return: null, sleep: '23:45' },
});
const remote = (name: string): Occupant => ({
  name,
  role: 'adult',
  works_from_home: true,
  weekday: { wake: '07:00', leave: null, return: null, sleep: '23:00' },
  weekend: { wake: '08:30', leave: null, return: null, sleep: '23:45' },
});

const home = (id: string, occupants: Occupant[]): SimulatedHome => ({ id, areas, devices, occupants });
const commuterHome = home('home_001', [commuter('A'), commuter('B')]);
const remoteHome = home('home_001', [remote('A'), remote('B')]);
const options = { startDate: '2025-03-03', days: 28, timeZone: 'Europe/Berlin', seed: 7 };

const NUMBER = /^-?\d+(\.\d+)?$/;
const ALLOWED: Partial<Record<DeviceDomain, readonly string[]>> = {
  light: ['on', 'off'],
  switch: ['on', 'off'],
  fan: ['on', 'off'],
  binary_sensor: ['on', 'off'],
  lock: ['locked', 'unlocked'],
  cover: ['open', 'closed', 'opening', 'closing'],
  media_player: ['playing', 'paused', 'idle', 'off'],
  vacuum: ['cleaning', 'docked', 'idle', 'returning'],
  camera: ['idle', 'recording', 'streaming'],
  alarm_control_panel: ['disarmed', 'arming', 'armed_away', 'armed_home', 'armed_night', 'pending', 'triggered'],
  scene: ['activated'],
  button: ['pressed'],
};

function count(
  ev: HomeEvents,
  test: (device: Device, state: string, hour: number, weekday: number) => boolean,
): number {
  const local = localEventTimes(ev, options.timeZone);
  let n = 0;
  for (let i = 0; i < ev.time.length; i++) {
    const d = devices[ev.entityIndex[i] ?? 0];
    if (d !== undefined && test(d, ev.states[ev.state[i] ?? 0] ?? '', local.hour[i] ?? 0, local.weekday[i] ?? 0)) n++;
  }
  return n;
}

describe('simulateHomeEvents', () => {
  const ev = simulateHomeEvents(commuterHome, options);

  it('is identical for the same seed and differs for another seed or home id', () => {
    const again = simulateHomeEvents(commuterHome, options);
    expect(again.time).toEqual(ev.time);
    expect(again.entityIndex).toEqual(ev.entityIndex);
    expect(again.states).toEqual(ev.states);
    expect(simulateHomeEvents(commuterHome, { ...options, seed: 8 }).time).not.toEqual(ev.time);
    expect(simulateHomeEvents({ ...commuterHome, id: 'home_002' }, options).time).not.toEqual(ev.time);
  });

  it('gives fixed events for a fixed seed', () => {
    const first = Array.from({ length: 5 }, (_, i) => [
      devices[ev.entityIndex[i] ?? 0]?.entity_id,
      isoTimestamp(ev.time[i] ?? 0),
      ev.states[ev.state[i] ?? 0],
    ]);
    expect({ events: ev.time.length, states: ev.states.length, first }).toMatchInlineSnapshot(`
      {
        "events": 8448,
        "first": [
          [
            "climate.living_room_thermostat",
            "2025-03-03T03:01:00+00:00",
            "67",
          ],
          [
            "sensor.bathroom_humidity",
            "2025-03-03T03:02:41+00:00",
            "34",
          ],
          [
            "sensor.master_bedroom_temperature",
            "2025-03-03T03:13:39+00:00",
            "19.2",
          ],
          [
            "sensor.kitchen_power",
            "2025-03-03T03:16:04+00:00",
            "1900",
          ],
          [
            "climate.living_room_thermostat",
            "2025-03-03T04:47:04+00:00",
            "71",
          ],
        ],
        "states": 307,
      }
    `);
  });

  it('writes sorted whole-second events with valid devices and legal states, and only changes', () => {
    // Problems are collected and compared once: an expect per event would dominate the run time.
    const problems: string[] = [];
    const last = new Map<number, string>();
    for (let i = 0; i < ev.time.length; i++) {
      const t = ev.time[i] ?? 0;
      if (i > 0 && t < (ev.time[i - 1] ?? 0)) problems.push(`event ${i} is out of order`);
      if (t % 1000 !== 0) problems.push(`event ${i} is not on a whole second`);
      const e = ev.entityIndex[i] ?? 0;
      const d = devices[e];
      if (d === undefined) {
        problems.push(`event ${i} names device ${e}`);
        continue;
      }
      const s = ev.states[ev.state[i] ?? 0] ?? '';
      const allowed = ALLOWED[d.domain];
      const legal =
        allowed !== undefined
          ? allowed.includes(s)
          : d.domain === 'climate'
            ? s === 'off' || (NUMBER.test(s) && Number(s) >= 55 && Number(s) <= 85)
            : NUMBER.test(s);
      if (!legal) problems.push(`${d.entity_id} has state "${s}"`);
      if (d.domain !== 'scene' && d.domain !== 'button' && last.get(e) === s)
        problems.push(`${d.entity_id} repeats "${s}"`);
      last.set(e, s);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(ev.time[0]).toBeGreaterThanOrEqual(Date.UTC(2025, 2, 3, 3));
    expect(ev.time[ev.time.length - 1]).toBeLessThan(Date.UTC(2025, 2, 31, 3));
  });

  it('has a daily rhythm: far more light and motion in the evening than at 3 am', () => {
    const people = (d: Device, s: string): boolean =>
      s === 'on' && (d.domain === 'light' || d.device_class === 'motion');
    const evening = count(ev, (d, s, h) => people(d, s) && h >= 19 && h < 22);
    const night = count(ev, (d, s, h) => people(d, s) && h >= 3 && h < 4);
    expect(evening).toBeGreaterThan(10 * Math.max(1, night));
  });

  it('has a weekly rhythm: locks follow weekday commutes, weekends start later', () => {
    const lockPerDay = (weekend: boolean): number =>
      count(ev, (d, _s, _h, w) => d.domain === 'lock' && w >= 5 === weekend) / (weekend ? 8 : 20);
    expect(lockPerDay(false)).toBeGreaterThan(2 * lockPerDay(true));
    const early = (weekend: boolean): number =>
      count(ev, (d, s, h, w) => d.device_class === 'motion' && s === 'on' && h >= 6 && h < 8 && w >= 5 === weekend) /
      (weekend ? 8 : 20);
    expect(early(false)).toBeGreaterThan(2 * early(true));
  });

  it('lets occupancy drive activity: working from home keeps the sensors busy during office hours', () => {
    const remoteEvents = simulateHomeEvents(remoteHome, options);
    const officeHours = (e: HomeEvents): number =>
      count(e, (d, s, h, w) => d.device_class === 'motion' && s === 'on' && h >= 10 && h < 16 && w < 5);
    expect(officeHours(remoteEvents)).toBeGreaterThan(5 * Math.max(1, officeHours(ev)));
    // The robot vacuum runs while the commuters are out.
    const cleaning = count(ev, (d, s, h, w) => d.domain === 'vacuum' && s === 'cleaning' && w < 5 && h >= 8 && h < 18);
    const allCleaning = count(ev, (d, s) => d.domain === 'vacuum' && s === 'cleaning');
    expect(allCleaning).toBeGreaterThan(4);
    expect(cleaning / allCleaning).toBeGreaterThan(0.8);
  });

  it('follows the season: heating setpoints in winter, cooling ones in summer, irrigation only when warm', () => {
    const winter = simulateHomeEvents(commuterHome, { ...options, startDate: '2025-01-06', days: 14 });
    const summer = simulateHomeEvents(commuterHome, { ...options, startDate: '2025-07-07', days: 14, latitude: 35 });
    const setpoints = (e: HomeEvents): number[] => {
      const out: number[] = [];
      for (let i = 0; i < e.time.length; i++) {
        if (devices[e.entityIndex[i] ?? 0]?.domain !== 'climate') continue;
        const v = Number(e.states[e.state[i] ?? 0]);
        if (Number.isFinite(v)) out.push(v);
      }
      return out;
    };
    const w = setpoints(winter);
    const s = setpoints(summer);
    expect(w.length).toBeGreaterThan(14);
    expect(s.length).toBeGreaterThan(14);
    expect(Math.max(...w)).toBeLessThanOrEqual(72);
    expect(Math.min(...s)).toBeGreaterThanOrEqual(72);
    const irrigation = (e: HomeEvents): number => {
      let n = 0;
      for (let i = 0; i < e.time.length; i++)
        if (devices[e.entityIndex[i] ?? 0]?.entity_id === 'switch.garden_irrigation_valve') n++;
      return n;
    };
    expect(irrigation(winter)).toBe(0);
    expect(irrigation(summer)).toBeGreaterThan(4);
  });

  it('drains batteries slowly and only jumps up on replacement', () => {
    const long = simulateHomeEvents(commuterHome, { ...options, days: 90 });
    const levels: number[] = [];
    for (let i = 0; i < long.time.length; i++) {
      if (devices[long.entityIndex[i] ?? 0]?.device_class === 'battery')
        levels.push(Number(long.states[long.state[i] ?? 0]));
    }
    expect(levels.length).toBeGreaterThan(2);
    for (let i = 1; i < levels.length; i++) {
      const prev = levels[i - 1] ?? 0;
      const cur = levels[i] ?? 0;
      expect(cur < prev || cur === 100).toBe(true);
    }
  });

  it('keeps local routines across a daylight-saving change', () => {
    const e = simulateHomeEvents(commuterHome, { ...options, startDate: '2025-03-17', days: 28 });
    const local = localEventTimes(e, options.timeZone);
    const utcWakeHours: number[][] = [[], []];
    const localWake: number[] = [];
    let lastDay = -1;
    for (let i = 0; i < e.time.length; i++) {
      const d = devices[e.entityIndex[i] ?? 0];
      const day = local.day[i] ?? 0;
      if (d?.device_class !== 'motion' || (local.hour[i] ?? 0) < 5 || day === lastDay || (local.weekday[i] ?? 0) >= 5)
        continue;
      lastDay = day;
      const t = e.time[i] ?? 0;
      utcWakeHours[t < Date.UTC(2025, 2, 30, 1) ? 0 : 1]?.push(
        new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60,
      );
      localWake.push((local.minute[i] ?? 0) / 60);
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    // In local time people still get up around 06:30; in UTC that moves an hour earlier.
    expect(Math.abs(mean(localWake) - 6.6)).toBeLessThan(0.5);
    expect(mean(utcWakeHours[0] ?? []) - mean(utcWakeHours[1] ?? [])).toBeCloseTo(1, 0);
  });

  it('copes with free-named devices of an LLM home', () => {
    const llmHome: SimulatedHome = {
      id: 'home_042',
      areas: [
        { name: 'Great Room', type: 'indoor', floor: 0 },
        { name: 'Sunny Terrace', type: 'outdoor', floor: 0 },
      ],
      devices: [
        {
          entity_id: 'sensor.air_quality',
          name: 'Air Quality Monitor',
          domain: 'sensor',
          device_class: 'pm25',
          category: 'monitoring',
          area: 'Great Room',
          power: 'mains',
        },
        {
          entity_id: 'binary_sensor.vibration',
          name: 'Washer Vibration',
          domain: 'binary_sensor',
          device_class: 'vibration',
          category: 'monitoring',
          area: 'Great Room',
          power: 'battery',
        },
        {
          entity_id: 'button.restart',
          name: 'Restart Router',
          domain: 'button',
          device_class: null,
          category: 'appliances',
          area: 'Great Room',
          power: 'mains',
        },
        {
          entity_id: 'light.terrace_string',
          name: 'Terrace String Lights',
          domain: 'light',
          device_class: null,
          category: 'lighting',
          area: 'Sunny Terrace',
          power: 'mains',
        },
        {
          entity_id: 'light.ghost',
          name: 'Ghost Light',
          domain: 'light',
          device_class: null,
          category: 'lighting',
          area: 'Nowhere',
          power: 'mains',
        },
      ],
      occupants: [commuter('Solo')],
    };
    const e = simulateHomeEvents(llmHome, { ...options, days: 7 });
    expect(new Set(e.entityIndex).size).toBeGreaterThanOrEqual(4);
  });

  it('rejects bad options', () => {
    expect(() => simulateHomeEvents(commuterHome, { ...options, days: 0 })).toThrow(/days/);
    expect(() => simulateHomeEvents(commuterHome, { ...options, startDate: '2025-13-01' })).toThrow();
    expect(() => simulateHomeEvents(commuterHome, { ...options, timeZone: 'Nowhere/Land' })).toThrow(/time zone/);
  });
});
