import type { ClassicColumns } from '../domain/classic/classic-generator';
import { metricValue, homeTypeName } from '../domain/classic/classic-format';
import { DEVICE_TYPES, FAILURE_SCENARIOS } from '../domain/device-types';
import { legacyLabel } from '../domain/legacy-label';
import type { DatasetSummary } from '../storage/records';

/** Accumulates the dataset summary chunk by chunk, so it is computed from the data, never assumed. */
export function createClassicSummary(): { add(c: ClassicColumns): void; result(): DatasetSummary } {
  let rows = 0;
  let positives = 0;
  const byHomeType: Record<string, number> = {};
  const byDeviceType: Record<string, number> = {};
  const byScenario: Record<string, number> = {};
  const bump = (m: Record<string, number>, k: string): void => {
    m[k] = (m[k] ?? 0) + 1;
  };
  return {
    add(c) {
      for (let r = 0; r < c.length; r++) {
        bump(byHomeType, homeTypeName(c.homeType[r] ?? 255) ?? 'none');
        bump(byDeviceType, DEVICE_TYPES[c.deviceType[r] ?? 0] ?? 'sensor');
        const sc = c.scenario[r] ?? -1;
        bump(byScenario, sc < 0 ? 'none' : (FAILURE_SCENARIOS[sc] ?? 'none'));
        positives += legacyLabel(metricValue(c, r, 0), metricValue(c, r, 1), metricValue(c, r, 2));
      }
      rows += c.length;
    },
    result() {
      return {
        rows,
        devices: rows,
        homes: null,
        labelRate: rows === 0 ? 0 : positives / rows,
        labelName: 'legacy rule label',
        byHomeType,
        byDeviceType,
        byScenario,
      };
    },
  };
}
