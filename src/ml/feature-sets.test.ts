import { describe, expect, it } from 'vitest';
import { METRICS } from '../domain/device-types';
import { FEATURE_NAMES } from '../domain/temporal/window-features';
import { featureNamesProblem, featureSetOf } from './feature-sets';

describe('feature sets', () => {
  it('recognises the classic and temporal sets only in their exact order', () => {
    expect(featureSetOf(METRICS)).toBe('classic');
    expect(featureSetOf(FEATURE_NAMES)).toBe('temporal');
    expect(featureSetOf(METRICS.toReversed())).toBeNull();
    expect(featureSetOf(METRICS.slice(1))).toBeNull();
    expect(featureNamesProblem(METRICS)).toBeNull();
    expect(featureNamesProblem(FEATURE_NAMES)).toBeNull();
  });

  it('names what is wrong: nothing, duplicates, missing, another order', () => {
    expect(featureNamesProblem([])).toMatch(/^The model lists no features\./);
    expect(featureNamesProblem([...METRICS.slice(0, 10), 'response_time'])).toBe(
      'The feature list names "response_time" more than once.',
    );
    expect(featureNamesProblem(METRICS.slice(0, 9))).toBe(
      'The features are incomplete: "connection_drops", "data_transfer_rate" of the 11 classic metrics are missing.',
    );
    const swapped = [...FEATURE_NAMES];
    [swapped[3], swapped[4]] = [swapped[4] ?? '', swapped[3] ?? ''];
    expect(featureNamesProblem(swapped)).toMatch(
      new RegExp(
        `^The features are the ${FEATURE_NAMES.length} temporal window features in another order \\(position 4 holds "${FEATURE_NAMES[4]}" where "${FEATURE_NAMES[3]}" belongs\\)`,
      ),
    );
    expect(featureNamesProblem(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toMatch(
      /^Unknown features: "a", "b", "c", "d", "e" and 2 more\./,
    );
  });
});
