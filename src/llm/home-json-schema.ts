import { HOME_TYPES } from '../domain/home-types';
import { DEVICE_CATEGORIES, DEVICE_DOMAINS, SIZE_CATEGORIES } from '../domain/homes/home-schema';

/**
 * The strict structured-output JSON schema of one home, equivalent to `homeContentSchema` (a test
 * compares the two). Written by hand rather than with `z.toJSONSchema` because strict mode accepts only
 * a subset of JSON Schema: string length limits are not enforced there, so they are stated in the
 * descriptions (the model reads them) and enforced locally by zod; nullable fields use
 * `["string", "null"]`; every property is required and no object allows additional properties.
 */

/** `json_schema.name` sent with the request. */
export const HOME_SCHEMA_NAME = 'smart_home';

/** Same pattern as the Home model's clock times. */
const CLOCK_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';
/** Same pattern as the Home model's entity ids. */
const ENTITY_ID_PATTERN = '^[a-z_]+\\.[a-z0-9_]+$';

type JsonSchema = Readonly<Record<string, unknown>>;

function object(description: string, properties: Record<string, JsonSchema>): JsonSchema {
  return {
    type: 'object',
    description,
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

function text(description: string): JsonSchema {
  return { type: 'string', description };
}

function oneOf(values: readonly string[], description: string): JsonSchema {
  return { type: 'string', enum: [...values], description };
}

function daySchedule(which: string): JsonSchema {
  return object(`The occupant's typical ${which}, times as HH:MM (24-hour, local).`, {
    wake: { type: 'string', pattern: CLOCK_PATTERN, description: 'Wake-up time, HH:MM.' },
    leave: {
      type: ['string', 'null'],
      pattern: CLOCK_PATTERN,
      description: 'Time they leave home (work, school, errands), HH:MM; null if they stay home all day.',
    },
    return: {
      type: ['string', 'null'],
      pattern: CLOCK_PATTERN,
      description: 'Time they come back home, HH:MM; null if they stay home all day.',
    },
    sleep: {
      type: 'string',
      pattern: CLOCK_PATTERN,
      description: 'Bedtime, HH:MM (may be after midnight, e.g. 00:30).',
    },
  });
}

/** The schema object sent as `response_format.json_schema.schema`. Deeply frozen in spirit: do not mutate. */
export const HOME_JSON_SCHEMA: JsonSchema = object('One synthetic smart home.', {
  name: text('A short, distinctive name for the home (at most 80 characters).'),
  home_type: oneOf(HOME_TYPES, 'The home type requested.'),
  size_category: oneOf(SIZE_CATEGORIES, 'The size category requested.'),
  description: text('Two or three sentences about the home and its household (at most 500 characters).'),
  occupants: {
    type: 'array',
    description: 'The people living there (1 to 8).',
    minItems: 1,
    maxItems: 8,
    items: object('One occupant.', {
      name: text('First name (at most 60 characters).'),
      role: oneOf(['adult', 'child', 'senior'], 'Age group.'),
      works_from_home: { type: 'boolean', description: 'True when they work from home on weekdays.' },
      weekday: daySchedule('weekday (Monday to Friday)'),
      weekend: daySchedule('weekend day (Saturday and Sunday)'),
    }),
  },
  areas: {
    type: 'array',
    description: 'Rooms and outdoor spaces (1 to 40), each name unique.',
    minItems: 1,
    maxItems: 40,
    items: object('One area.', {
      name: text('Area name, e.g. "Kitchen" (at most 60 characters, unique within the home).'),
      type: oneOf(['indoor', 'outdoor'], 'Whether the area is inside the building.'),
      floor: {
        type: 'integer',
        minimum: -2,
        maximum: 10,
        description: 'Floor: 0 ground floor, 1 first upper floor, -1 basement; outdoor areas use 0.',
      },
    }),
  },
  devices: {
    type: 'array',
    description: 'The smart devices (1 to 150), in the number asked for.',
    minItems: 1,
    maxItems: 150,
    items: object('One device.', {
      entity_id: {
        type: 'string',
        pattern: ENTITY_ID_PATTERN,
        description:
          'Home Assistant entity id "<domain>.<object_id>": starts with this device\'s domain, object id in lower snake case, unique in the home.',
      },
      name: text('Friendly name, e.g. "Kitchen Ceiling Light" (at most 80 characters).'),
      domain: oneOf(DEVICE_DOMAINS, 'Home Assistant domain.'),
      device_class: {
        type: ['string', 'null'],
        description: 'Home Assistant device class (e.g. motion, door, temperature), or null (at most 40 characters).',
      },
      category: oneOf(DEVICE_CATEGORIES, 'Device category.'),
      area: text('Exactly the name of one of the areas above.'),
      power: oneOf(['battery', 'mains'], 'Power source.'),
    }),
  },
});
