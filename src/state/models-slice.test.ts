import { describe, expect, it } from 'vitest';
import { modelFixture } from '../storage/record-fixtures';
import type { ModelRecord } from '../storage/records';
import { summarizeModel } from './models-slice';

const topology = {
  class_name: 'Sequential',
  config: {
    name: 'sequential_1',
    layers: [
      { class_name: 'Dense', config: { units: 32, activation: 'relu' } },
      { class_name: 'Dropout', config: { rate: 0.1 } },
      { class_name: 'Dense', config: { units: 1, activation: 'sigmoid' } },
    ],
  },
};

describe('model summaries', () => {
  it('drop the weights but keep what they amount to, the layers, and whether the model was imported', () => {
    const base = modelFixture();
    const m: ModelRecord = {
      ...base,
      version: '1.0.4',
      artifacts: {
        ...base.artifacts,
        modelTopology: topology,
        weightSpecs: [
          { name: 'k', shape: [11, 32], dtype: 'float32' },
          { name: 'b', shape: [32], dtype: 'float32' },
        ],
        weightData: new ArrayBuffer(44 * 32 * 4),
      },
    };
    const s = summarizeModel(m);
    expect(s).not.toHaveProperty('artifacts');
    expect(s).toMatchObject({ id: 'model-1', version: '1.0.4', weightBytes: 5632, parameters: 384, layers: ['Dense 32 relu', 'Dropout 0.1', 'Dense 1 sigmoid'], generatedBy: 'test', imported: false });
    expect(summarizeModel({ ...m, runId: 'imported' }).imported).toBe(true);
    expect(summarizeModel({ ...m, artifacts: { ...m.artifacts, modelTopology: { class_name: 'Sequential' } } }).layers).toEqual([]);
  });
});
