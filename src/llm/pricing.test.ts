import { describe, expect, it } from 'vitest';
import { estimateCost, modelPrice } from './pricing';

describe('estimateCost', () => {
  it('prices input and output tokens per million', () => {
    expect(estimateCost({ input_tokens: 1_000_000, output_tokens: 1_000_000 }, 'gpt-6-luna')).toBeCloseTo(0.6, 12);
    expect(estimateCost({ input_tokens: 2000, output_tokens: 4000 }, 'gpt-4o-mini')).toBeCloseTo(0.0027, 12);
    expect(estimateCost({ input_tokens: 1_000_000, output_tokens: 0 }, 'gpt-5.4-nano')).toBeCloseTo(0.2, 12);
  });
  it('knows dated snapshots and returns null for unknown models', () => {
    expect(modelPrice('gpt-4o-mini-2024-07-18')).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(estimateCost({ input_tokens: 10, output_tokens: 10 }, 'llama3.2')).toBeNull();
  });
});
