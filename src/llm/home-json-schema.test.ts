import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { homeContentProblems, homeContentSchema } from '../domain/homes/home-schema';
import { HOME_JSON_SCHEMA, HOME_SCHEMA_NAME } from './home-json-schema';
import { sampleHome } from './openai-test-kit';
import { strictSchemaProblems } from './strict-schema';

const rec = (x: unknown): Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? Object.fromEntries(Object.entries(x)) : {};
const strs = (x: unknown): string[] =>
  Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : typeof x === 'string' ? [x] : [];

/** A validator for the JSON Schema subset strict mode uses (type, enum, pattern, bounds, items, properties). */
function instanceProblems(schema: unknown, value: unknown, path = '$'): string[] {
  const s = rec(schema);
  const types = strs(s['type']);
  const typeOf = (v: unknown): string =>
    v === null
      ? 'null'
      : Array.isArray(v)
        ? 'array'
        : typeof v === 'number' && Number.isInteger(v)
          ? 'integer'
          : typeof v;
  const actual = typeOf(value);
  if (!types.includes(actual) && !(actual === 'integer' && types.includes('number')))
    return [`${path}: expected ${types.join('|')}, got ${actual}`];
  const problems: string[] = [];
  const allowed = s['enum'];
  if (Array.isArray(allowed) && !allowed.includes(value)) problems.push(`${path}: not in enum`);
  const pattern = s['pattern'];
  if (typeof value === 'string' && typeof pattern === 'string' && !new RegExp(pattern).test(value))
    problems.push(`${path}: pattern`);
  const { minimum, maximum, minItems, maxItems } = s;
  if (typeof value === 'number') {
    if (typeof minimum === 'number' && value < minimum) problems.push(`${path}: below minimum`);
    if (typeof maximum === 'number' && value > maximum) problems.push(`${path}: above maximum`);
  }
  if (Array.isArray(value)) {
    if (typeof minItems === 'number' && value.length < minItems) problems.push(`${path}: too few items`);
    if (typeof maxItems === 'number' && value.length > maxItems) problems.push(`${path}: too many items`);
    value.forEach((item, i) => problems.push(...instanceProblems(s['items'], item, `${path}[${i}]`)));
  }
  if (actual === 'object') {
    const props = rec(s['properties']);
    const record = rec(value);
    for (const key of strs(s['required'])) if (!(key in record)) problems.push(`${path}.${key}: missing`);
    for (const [key, v] of Object.entries(record)) {
      if (!(key in props)) problems.push(`${path}.${key}: additional property`);
      else problems.push(...instanceProblems(props[key], v, `${path}.${key}`));
    }
  }
  return problems;
}

/** The structure that must agree between the strict schema and zod's own JSON schema. */
function skeleton(schema: unknown): Record<string, unknown> {
  const s = rec(schema);
  const anyOf = s['anyOf'];
  if (Array.isArray(anyOf)) {
    // zod writes nullable as anyOf [X, null]; the strict schema as type [X, "null"].
    const nonNull = anyOf.find((b) => rec(b)['type'] !== 'null');
    const inner = skeleton(nonNull);
    return { ...inner, type: [inner['type'], 'null'] };
  }
  const out: Record<string, unknown> = { type: s['type'] };
  for (const key of [
    'enum',
    'pattern',
    'minimum',
    'maximum',
    'minItems',
    'maxItems',
    'required',
    'additionalProperties',
  ] as const) {
    if (s[key] !== undefined) out[key] = s[key];
  }
  if (s['items'] !== undefined) out['items'] = skeleton(s['items']);
  if (s['properties'] !== undefined) {
    out['properties'] = Object.fromEntries(Object.entries(rec(s['properties'])).map(([k, v]) => [k, skeleton(v)]));
  }
  return out;
}

describe('HOME_JSON_SCHEMA', () => {
  it('follows the strict-mode rules: root object, every property required, no additional properties', () => {
    expect(strictSchemaProblems(HOME_JSON_SCHEMA)).toEqual([]);
    let objects = 0;
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      const s = rec(node);
      if (s['type'] === 'object') {
        objects += 1;
        expect(s['additionalProperties']).toBe(false);
        expect(strs(s['required']).sort()).toEqual(Object.keys(rec(s['properties'])).sort());
      }
      Object.values(Array.isArray(node) ? Object.fromEntries(node.entries()) : s).forEach(walk);
    };
    walk(HOME_JSON_SCHEMA);
    expect(objects).toBe(6); // root, occupant, weekday, weekend, area, device
    expect(HOME_SCHEMA_NAME).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('has the same structure, enums, patterns and bounds as homeContentSchema', () => {
    const fromZod = z.toJSONSchema(homeContentSchema, { target: 'draft-7' });
    expect(skeleton(HOME_JSON_SCHEMA)).toEqual(skeleton(fromZod));
  });

  it('accepts a valid sample that zod accepts, and both reject the same broken one', () => {
    const home = sampleHome();
    expect(homeContentSchema.safeParse(home).success).toBe(true);
    expect(homeContentProblems(home)).toEqual([]);
    expect(instanceProblems(HOME_JSON_SCHEMA, home)).toEqual([]);

    const broken = { ...home, devices: [{ ...home.devices[0], domain: 'toaster', extra: 1 }] };
    expect(homeContentSchema.safeParse(broken).success).toBe(false);
    expect(instanceProblems(HOME_JSON_SCHEMA, broken)).toEqual([
      '$.devices[0].domain: not in enum',
      '$.devices[0].extra: additional property',
    ]);
  });
});

describe('strictSchemaProblems', () => {
  it('reports what strict mode rejects', () => {
    expect(strictSchemaProblems({ anyOf: [{ type: 'object' }] })).toContain(
      '/: the root must be an object schema (not anyOf)',
    );
    expect(
      strictSchemaProblems({
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'object', properties: {}, required: [] } },
        required: ['a'],
        additionalProperties: false,
        allOf: [],
      }),
    ).toEqual([
      '/: "allOf" is not supported in strict mode',
      '/: property "b" must be listed in "required"',
      '/properties/b: objects need "additionalProperties": false',
    ]);
  });
});
