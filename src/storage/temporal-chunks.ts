import { HOME_TYPES } from '../domain/home-types';
import type { HomeProfile } from '../domain/temporal/homes';
import type { TemporalChunk } from '../domain/temporal/temporal-types';
import { FEATURE_COUNT } from '../domain/temporal/window-features';
import type { Columns } from './records';

/** A temporal chunk (whole homes, their devices and samples) as stored typed-array columns. */
export function temporalToColumns(c: TemporalChunk): Columns {
  const h = c.homes;
  return {
    'home.index': Uint32Array.from(h, (x) => x.homeIndex),
    'home.type': Uint8Array.from(h, (x) => HOME_TYPES.indexOf(x.homeType)),
    'home.deviceCount': Uint32Array.from(h, (x) => x.deviceCount),
    'home.wake': Float32Array.from(h, (x) => x.wake),
    'home.leave': Float32Array.from(h, (x) => x.leave),
    'home.ret': Float32Array.from(h, (x) => x.ret),
    'home.sleep': Float32Array.from(h, (x) => x.sleep),
    'home.worksFromHome': Uint8Array.from(h, (x) => (x.worksFromHome ? 1 : 0)),
    'home.weekendShift': Float32Array.from(h, (x) => x.weekendShift),
    'device.index': c.devices.deviceIndex,
    'device.home': c.devices.homeIndex,
    'device.homeType': c.devices.homeType,
    'device.type': c.devices.deviceType,
    'device.battery': c.devices.batteryPowered,
    'device.outdoor': c.devices.outdoor,
    'device.scenario': c.devices.scenario,
    'device.precursorStart': c.devices.precursorStart,
    'device.failureTime': c.devices.failureTime,
    'sample.device': c.samples.deviceIndex,
    'sample.time': c.samples.time,
    'sample.features': c.samples.features,
    'sample.label': c.samples.label,
    'sample.legacyLabel': c.samples.legacyLabel,
  };
}

export const TEMPORAL_COLUMN_NAMES = [
  'home.index',
  'home.type',
  'home.deviceCount',
  'home.wake',
  'home.leave',
  'home.ret',
  'home.sleep',
  'home.worksFromHome',
  'home.weekendShift',
  'device.index',
  'device.home',
  'device.homeType',
  'device.type',
  'device.battery',
  'device.outdoor',
  'device.scenario',
  'device.precursorStart',
  'device.failureTime',
  'sample.device',
  'sample.time',
  'sample.features',
  'sample.label',
  'sample.legacyLabel',
];

function col<T extends abstract new (...args: never[]) => unknown>(
  cols: Columns,
  name: string,
  type: T,
): InstanceType<T> {
  const c = cols[name];
  if (!(c instanceof type)) throw new Error(`A stored chunk of this temporal dataset is damaged (column ${name}).`);
  return c as InstanceType<T>;
}

/** Reads a stored chunk back, checking every column: a damaged chunk is an error, not garbage. */
export function columnsToTemporal(cols: Columns): Omit<TemporalChunk, 'progress'> {
  const homeIndex = col(cols, 'home.index', Uint32Array);
  const homeType = col(cols, 'home.type', Uint8Array);
  const deviceCount = col(cols, 'home.deviceCount', Uint32Array);
  const wake = col(cols, 'home.wake', Float32Array);
  const leave = col(cols, 'home.leave', Float32Array);
  const ret = col(cols, 'home.ret', Float32Array);
  const sleep = col(cols, 'home.sleep', Float32Array);
  const wfh = col(cols, 'home.worksFromHome', Uint8Array);
  const shift = col(cols, 'home.weekendShift', Float32Array);
  const homes: HomeProfile[] = Array.from(homeIndex, (idx, i) => ({
    homeIndex: idx,
    homeType: HOME_TYPES[homeType[i] ?? 0] ?? 'single_family_house',
    deviceCount: deviceCount[i] ?? 0,
    wake: wake[i] ?? 0,
    leave: leave[i] ?? 0,
    ret: ret[i] ?? 0,
    sleep: sleep[i] ?? 0,
    worksFromHome: wfh[i] === 1,
    weekendShift: shift[i] ?? 0,
  }));
  const samples = {
    deviceIndex: col(cols, 'sample.device', Uint32Array),
    time: col(cols, 'sample.time', Float64Array),
    features: col(cols, 'sample.features', Float32Array),
    label: col(cols, 'sample.label', Uint8Array),
    legacyLabel: col(cols, 'sample.legacyLabel', Uint8Array),
  };
  if (samples.features.length !== samples.deviceIndex.length * FEATURE_COUNT) {
    throw new Error('A stored chunk of this temporal dataset is damaged (feature matrix size).');
  }
  return {
    homes,
    devices: {
      deviceIndex: col(cols, 'device.index', Uint32Array),
      homeIndex: col(cols, 'device.home', Uint32Array),
      homeType: col(cols, 'device.homeType', Uint8Array),
      deviceType: col(cols, 'device.type', Uint8Array),
      batteryPowered: col(cols, 'device.battery', Uint8Array),
      outdoor: col(cols, 'device.outdoor', Uint8Array),
      scenario: col(cols, 'device.scenario', Int8Array),
      precursorStart: col(cols, 'device.precursorStart', Float64Array),
      failureTime: col(cols, 'device.failureTime', Float64Array),
    },
    samples,
  };
}
