import type { ClassicColumns } from '../domain/classic/classic-generator';
import { NO_HOME_TYPE } from '../domain/classic/classic-generator';
import { DEVICE_TYPES, FAILURE_SCENARIOS } from '../domain/device-types';
import { HOME_TYPES } from '../domain/home-types';
import type { DatasetSummary } from '../storage/records';

/** Accumulates the dataset summary chunk by chunk in typed counters, so it is computed from the data, never assumed. */
export function createClassicSummary(): { add(c: ClassicColumns): void; result(): DatasetSummary } {
  let rows = 0;
  let positives = 0;
  const homes = new Float64Array(256);
  const types = new Float64Array(DEVICE_TYPES.length);
  const scenarios = new Float64Array(FAILURE_SCENARIOS.length + 1);
  const named = (names: readonly string[], counts: Float64Array): Record<string, number> =>
    Object.fromEntries(names.map((n, i) => [n, counts[i] ?? 0]).filter(([, v]) => Number(v) > 0));
  return {
    add(c) {
      for (let r = 0; r < c.length; r++) {
        const h = c.homeType[r] ?? NO_HOME_TYPE;
        homes[h] = (homes[h] ?? 0) + 1;
        const t = c.deviceType[r] ?? 0;
        types[t] = (types[t] ?? 0) + 1;
        const sc = (c.scenario[r] ?? -1) + 1;
        scenarios[sc] = (scenarios[sc] ?? 0) + 1;
        positives += c.legacyLabel[r] ?? 0;
      }
      rows += c.length;
    },
    result() {
      const byHomeType = named(HOME_TYPES, homes);
      if ((homes[NO_HOME_TYPE] ?? 0) > 0) byHomeType.none = homes[NO_HOME_TYPE] ?? 0;
      return {
        rows,
        devices: rows,
        homes: null,
        labelRate: rows === 0 ? 0 : positives / rows,
        labelName: 'legacy rule label',
        byHomeType,
        byDeviceType: named(DEVICE_TYPES, types),
        byScenario: named(['none', ...FAILURE_SCENARIOS], scenarios),
      };
    },
  };
}
