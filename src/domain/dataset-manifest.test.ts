import { describe, expect, it } from 'vitest';
import { defaultClassicSpec } from './classic/classic-spec';
import { datasetContentKey } from './dataset-manifest';
import { defaultTemporalSpec } from './temporal/spec';

describe('datasetContentKey', () => {
  it('is the same for the same kind and spec, whatever the order of the keys', () => {
    const spec = { ...defaultTemporalSpec({ seed: 7 }) };
    const reversed = Object.fromEntries(Object.entries(spec).reverse());
    expect(datasetContentKey({ kind: 'temporal', spec: reversed })).toBe(datasetContentKey({ kind: 'temporal', spec }));
  });

  it('differs when the data would differ: another seed, another setting, another kind', () => {
    const spec = { ...defaultClassicSpec() };
    const key = datasetContentKey({ kind: 'classic', spec });
    expect(datasetContentKey({ kind: 'classic', spec: { ...spec, seed: spec.seed + 1 } })).not.toBe(key);
    expect(datasetContentKey({ kind: 'classic', spec: { ...spec, samples: spec.samples + 1 } })).not.toBe(key);
    expect(datasetContentKey({ kind: 'temporal', spec })).not.toBe(key);
  });
});
