import type { ClassicColumns } from '../domain/classic/classic-generator';
import type { Columns } from './records';

/** Classic columns as a stored chunk: the same typed arrays under fixed names. */
export function classicToColumns(c: ClassicColumns): Columns {
  return {
    deviceNumber: c.deviceNumber,
    homeType: c.homeType,
    deviceType: c.deviceType,
    scenario: c.scenario,
    metrics: c.metrics,
    healthScore: c.healthScore,
    legacyLabel: c.legacyLabel,
  };
}

export const CLASSIC_COLUMN_NAMES = Object.keys(
  classicToColumns({
    length: 0,
    deviceNumber: new Uint32Array(0),
    homeType: new Uint8Array(0),
    deviceType: new Uint8Array(0),
    scenario: new Int8Array(0),
    metrics: new Float32Array(0),
    healthScore: new Float32Array(0),
    legacyLabel: new Uint8Array(0),
  }),
);

/** Reads a stored chunk back, checking every column's type and length: a damaged chunk is an error, not garbage. */
export function columnsToClassic(cols: Columns, rows: number): ClassicColumns {
  const { deviceNumber, homeType, deviceType, scenario, metrics, healthScore, legacyLabel } = cols;
  if (
    !(deviceNumber instanceof Uint32Array) ||
    !(homeType instanceof Uint8Array) ||
    !(deviceType instanceof Uint8Array) ||
    !(scenario instanceof Int8Array) ||
    !(metrics instanceof Float32Array) ||
    !(healthScore instanceof Float32Array) ||
    !(legacyLabel instanceof Uint8Array) ||
    deviceNumber.length !== rows ||
    metrics.length !== rows * 11
  ) {
    throw new Error('A stored chunk of this classic dataset is damaged (wrong column types or lengths).');
  }
  return { length: rows, deviceNumber, homeType, deviceType, scenario, metrics, healthScore, legacyLabel };
}
