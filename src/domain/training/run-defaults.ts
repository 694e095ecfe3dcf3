import { defaultGbdtConfig } from '../evaluation/gbdt';
import { DEFAULT_THRESHOLD_RULE } from '../evaluation/operating-threshold';
import { defaultNetworkConfig } from './network-config';
import type { RunConfig } from './run-types';

/**
 * Default run settings of the command line and the tests: the original's 80/20 test split plus a validation
 * part. Plain data, so it lives in the domain, where storage fixtures can build on it too.
 */
export function defaultRunConfig(kind: 'classic' | 'temporal' = 'classic'): RunConfig {
  return {
    network: defaultNetworkConfig(kind),
    families: ['network', 'trees'],
    trees: defaultGbdtConfig(),
    backend: 'wasm',
    label: 'injected',
    split: 'grouped',
    testFraction: 0.2,
    valFraction: 0.1,
    perHomeType: true,
    global: true,
    bootstrapResamples: 500,
    thresholdRule: DEFAULT_THRESHOLD_RULE,
    negativesPerPositive: 20,
    calibration: 'platt',
  };
}
