import { describe, expect, it } from 'vitest';
import { DEVICE_DOMAINS } from '../domain/homes/home-schema';
import { buildHomeMessages, buildRepairMessages, REPAIR_EXCERPT_CHARS } from './home-prompt';
import { checkHomeReply } from './home-reply';
import { sampleHome } from './openai-test-kit';

describe('buildHomeMessages', () => {
  it('states the type, size, device range, closed domain list and entity id rule', () => {
    const [system, user] = buildHomeMessages({ index: 3, homeType: 'ranch_house', sizeCategory: 'large' });
    expect(system?.role).toBe('system');
    expect(user?.role).toBe('user');
    const text = user?.content ?? '';
    expect(text).toContain('a single-level ranch-style house');
    expect(text).toContain('home_type: ranch_house');
    expect(text).toContain('size_category: large');
    expect(text).toContain('between 40 and 60');
    for (const domain of DEVICE_DOMAINS) expect(text).toContain(`- ${domain}: `);
    expect(text).toContain('"<domain>.<object_id>"');
    expect(text).toContain('a retired couple'); // household hint for index 3
    expect(buildHomeMessages({ index: 0, homeType: 'studio', sizeCategory: 'extra_large' })[1]?.content).toContain(
      'between 60 and 100',
    );
  });
});

describe('buildRepairMessages', () => {
  it('appends the reply and the problems', () => {
    const base = buildHomeMessages({ index: 0, homeType: 'condo', sizeCategory: 'small' });
    const repaired = buildRepairMessages(base, '{"bad":true}', ['name: Required', 'devices: Required']);
    expect(repaired.slice(0, 2)).toEqual(base);
    expect(repaired[2]).toEqual({ role: 'assistant', content: '{"bad":true}' });
    expect(repaired[3]?.content).toBe(
      'That JSON has these problems:\n- name: Required\n- devices: Required\nReturn the corrected, complete JSON object.',
    );
  });
});

describe('checkHomeReply', () => {
  const request = { homeType: 'townhouse', sizeCategory: 'small' } as const;
  it('accepts a valid home, forces the planned size but keeps the home type it names (the classifier label)', () => {
    const result = checkHomeReply(JSON.stringify(sampleHome({ home_type: 'condo', size_category: 'large' })), request);
    expect(result.ok).toBe(true);
    if (result.ok) expect([result.content.home_type, result.content.size_category]).toEqual(['condo', 'small']);
  });
  it('re-asks with an excerpt of a long invalid reply, never the whole of it', () => {
    const long = `{"name": "${'x'.repeat(50_000)}`;
    const messages = buildRepairMessages([], long, ['the reply is not valid JSON']);
    const quoted = messages[0]?.content ?? '';
    expect(quoted.length).toBeLessThan(REPAIR_EXCERPT_CHARS + 100);
    expect(quoted).toMatch(/… \[44,010 more characters not repeated here\]$/);
    expect(messages[1]?.content).toContain('- the reply is not valid JSON');
    expect(buildRepairMessages([], '{"a": 1}', ['x'])[0]?.content).toBe('{"a": 1}');
  });
  it('lists problems for non-JSON, schema and cross-field errors', () => {
    expect(checkHomeReply(null, request)).toEqual({ ok: false, problems: ['the reply is empty'] });
    const notJson = checkHomeReply('{"name": "Bro', request);
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.problems[0]).toMatch(/^the reply is not valid JSON/);
    const home = sampleHome();
    const wrongArea = { ...home, devices: home.devices.map((d, i) => (i === 0 ? { ...d, area: 'Attic' } : d)) };
    expect(checkHomeReply(JSON.stringify(wrongArea), request)).toEqual({
      ok: false,
      problems: ['device light.living_room_ceiling is in unknown area "Attic"'],
    });
    const twice = { ...home, areas: [...home.areas, { name: 'Kitchen', type: 'indoor', floor: 1 }] };
    expect(checkHomeReply(JSON.stringify(twice), request)).toEqual({
      ok: false,
      problems: ['area name "Kitchen" is used twice'],
    });
    const badSchema = checkHomeReply(JSON.stringify({ ...home, occupants: [] }), request);
    expect(badSchema.ok).toBe(false);
    if (!badSchema.ok) expect(badSchema.problems[0]).toMatch(/^occupants: /);
  });
});
