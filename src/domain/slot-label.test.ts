import { describe, expect, it } from 'vitest';
import { slotLabel } from './slot-label';

describe('slotLabel', () => {
  it('spells out home types and names the global slot', () => {
    expect(slotLabel('single_family_house')).toBe('single family house');
    expect(slotLabel('global')).toBe('global');
    expect(slotLabel('global', 'Global (all home types)')).toBe('Global (all home types)');
    expect(slotLabel('multi_story', 'Global (all home types)')).toBe('multi story');
  });
});
