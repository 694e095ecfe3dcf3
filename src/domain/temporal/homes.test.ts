import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES, type DeviceType } from '../device-types';
import { HOME_TYPES, HOME_TYPE_PATTERNS, type HomeType } from '../home-types';
import { buildCalendar } from './calendar';
import { createFailureSelector } from './failure-selection';
import { deviceRng, drawDeviceSetup, type DeviceSetup } from './device-model';
import { deviceTypeWeights } from './home-mix';
import { buildHomeDirectory, drawHome, homeOfDevice } from './homes';
import { MEAN_ACTIVITY, fillActivity } from './occupancy';
import { defaultTemporalSpec, type TemporalSpec } from './spec';

const only = (type: HomeType): Record<HomeType, number> =>
  Object.fromEntries(HOME_TYPES.map((t) => [t, t === type ? 1 : 0])) as Record<HomeType, number>;

/** Draws every device setup of a spec without simulating (cheap). */
function devicesOf(spec: TemporalSpec): DeviceSetup[] {
  const cal = buildCalendar(spec);
  const dir = buildHomeDirectory(spec);
  const out: DeviceSetup[] = [];
  for (let h = 0; h < spec.homes; h++) {
    const home = drawHome(spec, h);
    const first = dir.firstDevice[h] ?? 0;
    for (let d = first; d < first + home.deviceCount; d++) {
      out.push(drawDeviceSetup(deviceRng(spec.seed, d), spec, cal, d, h, dir.homeType[h] ?? 0, home.homeType, false));
    }
  }
  return out;
}

function shares(devices: readonly DeviceSetup[]): Record<DeviceType, number> {
  const out = Object.fromEntries(DEVICE_TYPES.map((t) => [t, 0])) as Record<DeviceType, number>;
  for (const d of devices) out[d.type] += 1 / devices.length;
  return out;
}

describe('homes', () => {
  it('draws each home type with its device-count range, and the mix shares over many homes', () => {
    const spec = defaultTemporalSpec({ homes: 4000, days: 8 });
    const dir = buildHomeDirectory(spec);
    const counts = Object.fromEntries(HOME_TYPES.map((t) => [t, 0])) as Record<HomeType, number>;
    for (let h = 0; h < spec.homes; h++) {
      const home = drawHome(spec, h);
      const type = HOME_TYPES[dir.homeType[h] ?? 0] ?? 'studio';
      expect(home.homeType).toBe(type);
      expect(home.deviceCount).toBe(dir.deviceCount[h]);
      const [lo, hi] = HOME_TYPE_PATTERNS[type].deviceCountRange;
      expect(home.deviceCount >= lo && home.deviceCount <= hi).toBe(true);
      counts[type]++;
    }
    expect(counts.single_family_house / spec.homes).toBeCloseTo(0.35, 1);
    expect(counts.apartment / spec.homes).toBeCloseTo(0.2, 1);
    expect(counts.studio / spec.homes).toBeGreaterThan(0.01);
    expect(counts.studio / spec.homes).toBeLessThan(0.035);
    expect(dir.totalDevices).toBe(dir.deviceCount.reduce((a, b) => a + b, 0));
  });

  it('numbers devices globally: homeOfDevice inverts the directory', () => {
    const dir = buildHomeDirectory(defaultTemporalSpec({ homes: 50 }));
    for (let h = 0; h < 50; h++) {
      const first = dir.firstDevice[h] ?? 0;
      expect(homeOfDevice(dir, first)).toBe(h);
      expect(homeOfDevice(dir, first + (dir.deviceCount[h] ?? 1) - 1)).toBe(h);
    }
  });

  it('gives home types visibly different device counts and mixes (studios media-heavy, multi-story climate/security-heavy)', () => {
    const studio = devicesOf(defaultTemporalSpec({ homes: 300, days: 8, homeTypeMix: only('studio') }));
    const multi = devicesOf(defaultTemporalSpec({ homes: 40, days: 8, homeTypeMix: only('multi_story') }));
    const house = devicesOf(defaultTemporalSpec({ homes: 60, days: 8, homeTypeMix: only('single_family_house') }));
    expect(studio.length / 300).toBeGreaterThan(8);
    expect(studio.length / 300).toBeLessThan(12);
    expect(multi.length / 40).toBeGreaterThan(55);
    const s = shares(studio);
    const m = shares(multi);
    const f = shares(house);
    expect(s.media).toBeGreaterThan(1.8 * m.media);
    expect(s.media).toBeGreaterThan(2 * f.media);
    expect(m.climate + m.security).toBeGreaterThan(1.6 * (s.climate + s.security));
    // The weights themselves: the original's ratios survive as real multipliers.
    const w = deviceTypeWeights('studio');
    expect(w[DEVICE_TYPES.indexOf('media')]).toBeCloseTo(5 * 2.5 * 1.8, 10);
    expect(deviceTypeWeights('apartment')[DEVICE_TYPES.indexOf('climate')]).toBeCloseTo(30, 10);
  });

  it('places outdoor devices only in home types with outdoor space, and only outdoor-capable types', () => {
    const all = devicesOf(defaultTemporalSpec({ homes: 120, days: 8 }));
    const outdoor = all.filter((d) => d.outdoor);
    expect(outdoor.length).toBeGreaterThan(100);
    for (const d of outdoor) {
      expect(HOME_TYPE_PATTERNS[d.homeType].outdoorDevices).toBe(true);
      expect(['sensor', 'light', 'security', 'battery_powered']).toContain(d.type);
    }
    const cameras = all.filter((d) => d.type === 'security' && HOME_TYPE_PATTERNS[d.homeType].outdoorDevices);
    expect(cameras.filter((d) => d.outdoor).length / cameras.length).toBeGreaterThan(0.4);
  });

  it('draws base values from the original per-type ranges; mains devices start at battery 100', () => {
    for (const d of devicesOf(defaultTemporalSpec({ homes: 30, days: 8 }))) {
      expect(d.battery).toBe(['sensor', 'security', 'battery_powered', 'vacuum'].includes(d.type));
      if (!d.battery) expect(d.batteryStart).toBe(100);
      expect(d.errBase).toBeGreaterThanOrEqual(0);
      expect(d.respBase).toBeGreaterThanOrEqual(50);
      expect(d.respBase).toBeLessThanOrEqual(800);
    }
  });

  it('draws an occupancy profile per home and turns it into morning and evening activity peaks', () => {
    const spec = defaultTemporalSpec({ homes: 200, days: 8, startDate: '2025-06-02', timeZone: 'Europe/Berlin' });
    const cal = buildCalendar(spec);
    const byHour = new Float64Array(24);
    const n = new Float64Array(24);
    const act = new Float32Array(cal.stepCount);
    let wfh = 0;
    for (let h = 0; h < spec.homes; h++) {
      const home = drawHome(spec, h);
      expect(home.wake).toBeGreaterThanOrEqual(5.5);
      expect(home.leave).toBeGreaterThan(home.wake);
      expect(home.ret).toBeGreaterThan(home.leave);
      expect(home.sleep).toBeGreaterThan(home.ret);
      if (home.worksFromHome) wfh++;
      fillActivity(spec.seed, home, cal, act);
      for (let k = 0; k < (cal.dayStartStep[5] ?? 0); k++) {
        const hour = Math.floor(cal.localHour[k] ?? 0);
        byHour[hour] = (byHour[hour] ?? 0) + (act[k] ?? 0);
        n[hour] = (n[hour] ?? 0) + 1;
      }
    }
    const mean = Array.from(byHour, (s, i) => s / (n[i] ?? 1));
    const [night, morning, midday, evening] = [mean[3] ?? 0, mean[7] ?? 0, mean[13] ?? 0, mean[20] ?? 0];
    expect(morning).toBeGreaterThan(2 * midday);
    expect(evening).toBeGreaterThan(2 * midday);
    expect(midday).toBeGreaterThan(night);
    expect(wfh / spec.homes).toBeGreaterThan(0.15);
    expect(wfh / spec.homes).toBeLessThan(0.45);
    expect(mean.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(MEAN_ACTIVITY, 1);
  });
});

describe('failure selection', () => {
  it('fails exactly floor(rate · N) devices, a seeded subset', () => {
    for (const [n, rate] of [
      [1000, 0.15],
      [37, 0.5],
      [5, 1],
      [12, 0],
      [4097, 0.29],
    ] as const) {
      const sel = createFailureSelector(9, n, rate);
      const failing = Array.from({ length: n }, (_, d) => d).filter((d) => sel.isFailing(d));
      expect(failing).toHaveLength(Math.floor(rate * n + 1e-9));
      expect(sel.failingCount).toBe(failing.length);
    }
    const a = createFailureSelector(1, 1000, 0.1);
    const b = createFailureSelector(2, 1000, 0.1);
    const setA = Array.from({ length: 1000 }, (_, d) => a.isFailing(d));
    const setB = Array.from({ length: 1000 }, (_, d) => b.isFailing(d));
    expect(setA).not.toEqual(setB);
  });
});
