import { describe, expect, it } from 'vitest';
import type { GbdtModel } from '../domain/evaluation/gbdt';
import { networkArtifacts } from '../ml/model-body';
import { modelFixture } from '../storage/record-fixtures';
import type { ModelRecord } from '../storage/records';
import { summarizeModel, TREES_GENERATED_BY } from './models-slice';

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
        ...networkArtifacts(base, 'this test'),
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
    expect(s).toMatchObject({
      id: 'model-1',
      family: 'network',
      version: '1.0.4',
      weightBytes: 5632,
      parameters: 384,
      layers: ['Dense 32 relu', 'Dropout 0.1', 'Dense 1 sigmoid'],
      trees: null,
      generatedBy: 'test',
      imported: false,
    });
    expect(summarizeModel({ ...m, runId: 'imported' }).imported).toBe(true);
    expect(
      summarizeModel({
        ...m,
        artifacts: { ...networkArtifacts(m, 'this test'), modelTopology: { class_name: 'Sequential' } },
      }).layers,
    ).toEqual([]);
  });

  it('summarise trees by their count, leaves and depth, sized as JSON, without the trees themselves', () => {
    const trees: GbdtModel = {
      format: 'homesynth-gbdt',
      version: 1,
      featureCount: 2,
      baseScore: -1,
      trees: [
        {
          feature: [0, -1, 1, -1, -1],
          threshold: [0.5, 0, 2, 0, 0],
          left: [1, -1, 3, -1, -1],
          right: [2, -1, 4, -1, -1],
          missingLeft: [true, false, false, false, false],
          value: [0, -0.2, 0, 0.1, 0.4],
        },
        { feature: [-1], threshold: [0], left: [-1], right: [-1], missingLeft: [false], value: [0.05] },
      ],
      featureImportance: [1, 0.5],
    };
    const s = summarizeModel({ ...modelFixture({ family: 'trees', artifacts: null, trees }), version: '1.0.0' });
    expect(s).not.toHaveProperty('artifacts');
    expect(s.trees).toEqual({ trees: 2, leaves: 4, splits: 2, maxDepth: 2 });
    expect(s).toMatchObject({
      family: 'trees',
      parameters: 6,
      layers: [],
      generatedBy: TREES_GENERATED_BY,
      weightBytes: JSON.stringify(trees).length,
    });
    // Records stored before trees existed have no family: networks.
    expect(summarizeModel({ ...modelFixture(), version: '1.0.0' }).family).toBe('network');
  });
});
