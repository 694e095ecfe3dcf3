import { DEVICE_TYPES, FAILURE_SCENARIOS } from '../domain/device-types';
import { HOME_TYPES } from '../domain/home-types';
import type { TemporalChunk } from '../domain/temporal/temporal-types';
import type { DatasetSummary } from '../storage/records';

/** Accumulates a temporal dataset's summary chunk by chunk: counts by device, label rate over samples. */
export function createTemporalSummary(): { add(c: TemporalChunk): void; result(): DatasetSummary } {
  let rows = 0;
  let positives = 0;
  let devices = 0;
  let homes = 0;
  const byHomeType: Record<string, number> = {};
  const byDeviceType: Record<string, number> = {};
  const byScenario: Record<string, number> = {};
  const bump = (m: Record<string, number>, k: string): void => {
    m[k] = (m[k] ?? 0) + 1;
  };
  return {
    add(c) {
      homes += c.homes.length;
      const d = c.devices;
      for (let i = 0; i < d.deviceIndex.length; i++) {
        bump(byHomeType, HOME_TYPES[d.homeType[i] ?? 0] ?? 'none');
        bump(byDeviceType, DEVICE_TYPES[d.deviceType[i] ?? 0] ?? 'sensor');
        const sc = d.scenario[i] ?? -1;
        bump(byScenario, sc < 0 ? 'none' : (FAILURE_SCENARIOS[sc] ?? 'none'));
      }
      devices += d.deviceIndex.length;
      rows += c.samples.label.length;
      for (const l of c.samples.label) positives += l;
    },
    result() {
      return {
        rows,
        devices,
        homes,
        labelRate: rows === 0 ? 0 : positives / rows,
        labelName: 'label "fails within H days" (samples)',
        byHomeType,
        byDeviceType,
        byScenario,
      };
    },
  };
}
