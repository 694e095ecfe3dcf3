import { describe, expect, it } from 'vitest';
import type { SourceSoftmaxModel } from '../../domain/evaluation/source-softmax';
import {
  architectureText,
  calibrationMethodLabel,
  calibrationText,
  familyLabel,
  modelFamilyLabel,
  modelTypeOf,
  slotKey,
  thresholdRuleText,
  thresholdText,
} from './model-format';

describe('model formatting', () => {
  it('keeps the version lines of a slot apart by family', () => {
    const base = { kind: 'failure' as const, slot: 'global' as const, featureNames: ['a', 'b'] };
    expect(slotKey({ ...base, family: 'network' })).not.toBe(slotKey({ ...base, family: 'trees' }));
    expect(slotKey({ ...base, family: 'trees' })).toBe('failure|global|trees|2');
    expect(familyLabel('trees')).toBe('Trees');
    expect(familyLabel('network')).toBe('Network');
    expect(modelFamilyLabel({ family: 'network' })).toBe('Network');
    // A home-type classifier trained since per-source scaling is a softmax regression, not a network.
    const linear = { groups: ['structure'], columns: [0, 1, 2], k: 8 } as unknown as SourceSoftmaxModel;
    expect(modelFamilyLabel({ family: 'network', homeTypeModel: linear })).toBe('Softmax regression');
    expect(modelTypeOf({ family: 'network', homeTypeModel: linear })).toBe(
      "softmax regression on structure features, each home scaled by its source's statistics",
    );
    expect(architectureText({ family: 'network', layers: [], trees: null, homeTypeModel: linear })).toBe(
      '3 inputs (structure) → softmax over 8 home types',
    );
  });

  it('says how the threshold was chosen, and what older models used', () => {
    expect(thresholdText({ threshold: 0.312345, thresholdRule: { kind: 'max-f1' } })).toBe(
      '0.312 · highest F1 on validation devices',
    );
    expect(thresholdRuleText({ threshold: 0.2, thresholdRule: { kind: 'target-recall', recall: 0.9 } })).toBe(
      'recall ≥ 0.9 on validation devices',
    );
    expect(thresholdRuleText({ threshold: 0.5 })).toBe(
      'fixed at 0.5 (trained before thresholds were chosen on validation)',
    );
    expect(thresholdRuleText({ threshold: 0.4 })).toBe('not recorded');
  });

  it('describes a network by its layers and trees by their count, leaves and depth', () => {
    expect(architectureText({ family: 'network', layers: ['Dense 32 relu', 'Dense 1 sigmoid'], trees: null })).toBe(
      'Dense 32 relu → Dense 1 sigmoid',
    );
    expect(
      architectureText({ family: 'trees', layers: [], trees: { trees: 120, leaves: 2400, splits: 2280, maxDepth: 6 } }),
    ).toBe('120 trees, 2,400 leaves, depth ≤ 6');
    expect(architectureText({ family: 'trees', layers: [], trees: null })).toBe('trees missing from the record');
  });
  it('names the calibration of a model, or says there is none', () => {
    const isotonic = { calibration: { method: 'isotonic' as const, x: [0.1, 0.9], y: [0.05, 0.8] } };
    expect(calibrationText(isotonic)).toBe('isotonic regression (2 knots), fitted on validation devices');
    expect(calibrationMethodLabel(isotonic)).toBe('isotonic');
    expect(calibrationMethodLabel({ calibration: { method: 'platt', a: 1, b: 0 } })).toBe('Platt');
    for (const none of [{ calibration: null }, {}]) {
      expect(calibrationText(none)).toBe("none: the threshold applies to the model's output itself");
      expect(calibrationMethodLabel(none)).toBe('none');
    }
  });
});
