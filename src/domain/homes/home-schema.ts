import { z } from 'zod';
import { HOME_TYPES } from '../home-types';

/**
 * The one Home model shared by template homes, LLM homes, the event simulator, the Homes page and the
 * home-type classifier. Every field is required (nullable where absent) so the same shape works as an
 * OpenAI strict structured-output schema.
 */

/** Home Assistant domains a device may have: a closed set, so entity ids are always valid. */
export const DEVICE_DOMAINS = [
  'light',
  'switch',
  'binary_sensor',
  'sensor',
  'climate',
  'fan',
  'lock',
  'cover',
  'media_player',
  'vacuum',
  'camera',
  'alarm_control_panel',
  'scene',
  'button',
] as const;
export type DeviceDomain = (typeof DEVICE_DOMAINS)[number];

export const DEVICE_CATEGORIES = ['security', 'climate', 'lighting', 'appliances', 'monitoring'] as const;
export type DeviceCategory = (typeof DEVICE_CATEGORIES)[number];

export const SIZE_CATEGORIES = ['small', 'medium', 'large', 'extra_large'] as const;
export type SizeCategory = (typeof SIZE_CATEGORIES)[number];

/** "HH:MM", 24-hour local time. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');

export const dayScheduleSchema = z.object({
  wake: clockTime,
  /** null when the occupant stays home all day. */
  leave: clockTime.nullable(),
  return: clockTime.nullable(),
  sleep: clockTime,
});
export type DaySchedule = z.infer<typeof dayScheduleSchema>;

export const occupantSchema = z.object({
  name: z.string().min(1).max(60),
  role: z.enum(['adult', 'child', 'senior']),
  works_from_home: z.boolean(),
  weekday: dayScheduleSchema,
  weekend: dayScheduleSchema,
});
export type Occupant = z.infer<typeof occupantSchema>;

export const areaSchema = z.object({
  name: z.string().min(1).max(60),
  type: z.enum(['indoor', 'outdoor']),
  floor: z.number().int().min(-2).max(10),
});
export type Area = z.infer<typeof areaSchema>;

export const deviceSchema = z.object({
  /** Home Assistant style `domain.object_id`, object id in lower snake case. */
  entity_id: z.string().regex(/^[a-z_]+\.[a-z0-9_]+$/, 'an entity id like light.kitchen_ceiling'),
  name: z.string().min(1).max(80),
  domain: z.enum(DEVICE_DOMAINS),
  /** Home Assistant device class (motion, door, temperature…), or null. */
  device_class: z.string().max(40).nullable(),
  category: z.enum(DEVICE_CATEGORIES),
  area: z.string().min(1).max(60),
  power: z.enum(['battery', 'mains']),
});
export type Device = z.infer<typeof deviceSchema>;

/** What a generator (template or LLM) produces for one home, before it gets an id and provenance. */
export const homeContentSchema = z.object({
  name: z.string().min(1).max(80),
  home_type: z.enum(HOME_TYPES),
  size_category: z.enum(SIZE_CATEGORIES),
  description: z.string().max(500),
  occupants: z.array(occupantSchema).min(1).max(8),
  areas: z.array(areaSchema).min(1).max(40),
  devices: z.array(deviceSchema).min(1).max(150),
});
export type HomeContent = z.infer<typeof homeContentSchema>;

/**
 * Which maker produced a home: the templates, the LLM, the survey-statistics maker (src/domain/survey-homes),
 * or none known: 'imported' from a home_NNN.json file (home-import.ts).
 */
export const homeSourceSchema = z.enum(['template', 'llm', 'survey', 'imported']);
export type HomeSource = z.infer<typeof homeSourceSchema>;

/** A stored home: content plus identity and provenance. */
export interface Home extends HomeContent {
  /** "home_001"… unique within the app's store. */
  id: string;
  source: HomeSource;
  /** Seed the home's events derive from (with its id). */
  seed: number;
  created_at: string;
  /** LLM provenance (model, request id, tokens); null for template homes. Never holds the API key. */
  llm: { model: string; request_id: string | null; input_tokens: number; output_tokens: number } | null;
}

/**
 * Cross-field checks zod's object schema cannot express: every device's area exists, entity ids are
 * unique and start with their domain. Returns human-readable problems (empty when valid).
 */
export function homeContentProblems(home: HomeContent): string[] {
  const problems: string[] = [];
  const areaNames = new Set(home.areas.map((a) => a.name));
  const seen = new Set<string>();
  for (const d of home.devices) {
    if (!areaNames.has(d.area)) problems.push(`device ${d.entity_id} is in unknown area "${d.area}"`);
    if (!d.entity_id.startsWith(`${d.domain}.`))
      problems.push(`device ${d.entity_id} should start with its domain "${d.domain}."`);
    if (seen.has(d.entity_id)) problems.push(`entity id ${d.entity_id} is used twice`);
    seen.add(d.entity_id);
  }
  return problems;
}
