import type { BootstrapInterval } from '../evaluation/bootstrap';
import type { MetricSet } from './run-types';

/*
 * Valid run vocabulary for tests of anything that trains, stores or shows runs and models. Kept out of the
 * test files so that several suites (and the record fixtures in storage) can share them.
 */

const interval: BootstrapInterval = { estimate: 0.9, low: 0.8, high: 0.95, level: 0.95, resamples: 100, valid: 100 };

/** The same interval for every metric. */
export function metricSetFixture(iv: BootstrapInterval = interval): MetricSet {
  return { accuracy: iv, precision: iv, recall: iv, f1: iv, rocAuc: iv, prAuc: iv, logLoss: iv };
}
