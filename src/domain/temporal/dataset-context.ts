import { buildCalendar, type TemporalCalendar } from './calendar';
import { createFailureSelector, type FailureSelector } from './failure-selection';
import { buildHomeDirectory, homeMixCumulative, type HomeDirectory } from './homes';
import type { TemporalSpec } from './spec';

/** What generation and regeneration share: the step grid, the device numbering and the failing set. */
export interface DatasetContext {
  spec: TemporalSpec;
  cal: TemporalCalendar;
  dir: HomeDirectory;
  homeMix: Float64Array;
  failures: FailureSelector;
  /** Local day index of each sample time (day W, W + stride, … before the last day ends). */
  sampleDays: Int32Array;
}

/** Sample days: the first at day W (one full window), every `strideDays`, all before the series ends. */
export function sampleDaysOf(spec: Pick<TemporalSpec, 'days' | 'windowDays' | 'strideDays'>): Int32Array {
  const out: number[] = [];
  for (let d = spec.windowDays; d < spec.days; d += spec.strideDays) out.push(d);
  return Int32Array.from(out);
}

export function createDatasetContext(spec: TemporalSpec): DatasetContext {
  const cal = buildCalendar(spec);
  const dir = buildHomeDirectory(spec);
  return {
    spec,
    cal,
    dir,
    homeMix: homeMixCumulative(spec),
    failures: createFailureSelector(spec.seed, dir.totalDevices, spec.failureRate),
    sampleDays: sampleDaysOf(spec),
  };
}
