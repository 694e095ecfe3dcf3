/**
 * Checks a JSON schema against OpenAI's strict structured-output rules (openai.md §5), so a schema bug is
 * caught by a unit test (and by the mock server, like the real API's 400 "Invalid schema for
 * response_format") rather than by the first paid request.
 */

const UNSUPPORTED_KEYWORDS = ['allOf', 'not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas'] as const;
const MAX_NESTING = 10;
const MAX_PROPERTIES = 5000;
const MAX_ENUM_VALUES = 1000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(node: Record<string, unknown>): string[] {
  const type = node['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

/**
 * Returns the strict-mode violations of `schema` as readable strings with a JSON-pointer-like path
 * (empty when the schema is acceptable): root not an object, an object without
 * `additionalProperties: false`, a property missing from `required`, unsupported keywords, or limits
 * (10 nesting levels, 5,000 properties, 1,000 enum values) exceeded.
 */
export function strictSchemaProblems(schema: unknown): string[] {
  const problems: string[] = [];
  let propertyCount = 0;
  let enumCount = 0;

  const visit = (node: unknown, path: string, objectDepth: number): void => {
    if (!isRecord(node)) {
      problems.push(`${path || '/'}: a schema must be an object`);
      return;
    }
    for (const keyword of UNSUPPORTED_KEYWORDS) {
      if (keyword in node) problems.push(`${path || '/'}: "${keyword}" is not supported in strict mode`);
    }
    const enumValues = node['enum'];
    if (Array.isArray(enumValues)) enumCount += enumValues.length;
    const types = typesOf(node);
    const properties = node['properties'];
    if (types.includes('object') || isRecord(properties)) {
      const depth = objectDepth + 1;
      if (depth > MAX_NESTING) problems.push(`${path || '/'}: more than ${MAX_NESTING} levels of nesting`);
      if (node['additionalProperties'] !== false) {
        problems.push(`${path || '/'}: objects need "additionalProperties": false`);
      }
      const props = isRecord(properties) ? properties : {};
      const required = Array.isArray(node['required']) ? node['required'] : [];
      for (const key of Object.keys(props)) {
        propertyCount += 1;
        if (!required.includes(key)) problems.push(`${path || '/'}: property "${key}" must be listed in "required"`);
        visit(props[key], `${path}/properties/${key}`, depth);
      }
      for (const key of required) {
        if (typeof key !== 'string' || !(key in props))
          problems.push(`${path || '/'}: "required" names unknown property ${String(key)}`);
      }
      objectDepth = depth;
    }
    const items = node['items'];
    if (items !== undefined) visit(items, `${path}/items`, objectDepth);
    const anyOf = node['anyOf'];
    if (Array.isArray(anyOf)) anyOf.forEach((branch, i) => visit(branch, `${path}/anyOf/${i}`, objectDepth));
    const defs = node['$defs'];
    if (isRecord(defs))
      for (const [name, def] of Object.entries(defs)) visit(def, `${path}/$defs/${name}`, objectDepth);
  };

  if (!isRecord(schema) || !typesOf(schema).includes('object') || 'anyOf' in schema) {
    problems.push('/: the root must be an object schema (not anyOf)');
  }
  visit(schema, '', 0);
  if (propertyCount > MAX_PROPERTIES) problems.push(`/: more than ${MAX_PROPERTIES} properties`);
  if (enumCount > MAX_ENUM_VALUES) problems.push(`/: more than ${MAX_ENUM_VALUES} enum values`);
  return problems;
}
