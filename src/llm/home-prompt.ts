import type { HomeType } from '../domain/home-types';
import { DEVICE_DOMAINS, type SizeCategory } from '../domain/homes/home-schema';
import type { ChatMessage } from './openai-client';

/**
 * The prompt for one LLM home. Compared with the original (§6.2) it asks for the whole Home model in one
 * schema-constrained reply — occupants with weekly schedules, areas with floors, and devices from a
 * closed set of Home Assistant domains with entity ids the model must build by rule — so nothing
 * free-text ends up in an entity id.
 */

/** Target device counts per size category (original §6.1). */
export const SIZE_DEVICE_RANGES: Readonly<Record<SizeCategory, readonly [number, number]>> = {
  small: [10, 20],
  medium: [20, 40],
  large: [40, 60],
  extra_large: [60, 100],
};

/** A rough area count per size, so a small home does not get 20 rooms. */
const SIZE_AREA_RANGES: Readonly<Record<SizeCategory, readonly [number, number]>> = {
  small: [4, 7],
  medium: [6, 10],
  large: [8, 14],
  extra_large: [10, 18],
};

/** One-line descriptions of the home types, as the original gave the model. */
export const HOME_TYPE_DESCRIPTIONS: Readonly<Record<HomeType, string>> = {
  single_family_house: 'a detached single-family house with a garage and a yard',
  apartment: 'an apartment in a multi-unit building, possibly with a balcony',
  condo: 'a condominium unit with shared building amenities and possibly a balcony and a garage space',
  townhouse: 'a multi-level townhouse sharing walls with its neighbours, with a small yard',
  cottage: 'a small, cosy cottage, often rural, with a porch and a garden',
  studio: 'a studio apartment: one main room plus a kitchen area and a bathroom',
  multi_story: 'a large house on several floors, possibly with a basement and an attic',
  ranch_house: 'a single-level ranch-style house with a garage and a yard',
};

/**
 * Household suggestions cycled by home index so a run of the same type and size does not produce the
 * same family every time (the temperature alone varies names more than structure).
 */
const HOUSEHOLDS: readonly string[] = [
  'a couple who both commute to work',
  'a family with two school-age children',
  'a single professional who works from home',
  'a retired couple',
  'a family with a toddler and one parent working from home',
  'three adult flatmates with different working hours',
  'a single parent with a teenager',
  'a senior living alone',
  'a young couple, one working night shifts',
  'a multi-generational family with grandparents and children',
];

/** Domains with the device classes and categories they usually take, to steer the model. */
const DOMAIN_GUIDE: Readonly<Record<(typeof DEVICE_DOMAINS)[number], string>> = {
  light: 'lighting; device_class null',
  switch: 'lighting or appliances (smart plugs, kettle, HVAC switch); device_class null or "outlet"',
  binary_sensor: 'security or monitoring; device_class motion, door, window, occupancy, smoke, moisture',
  sensor: 'climate or monitoring; device_class temperature, humidity, power, energy, battery, illuminance',
  climate: 'climate; thermostats and heat pumps; device_class null',
  fan: 'climate; device_class null',
  lock: 'security; device_class null',
  cover: 'appliances or security; blinds, garage door; device_class blind, shade, garage, curtain',
  media_player: 'appliances; TVs and speakers; device_class tv or speaker',
  vacuum: 'appliances; robot vacuums; device_class null',
  camera: 'security; device_class null',
  alarm_control_panel: 'security; device_class null',
  scene: 'lighting; device_class null',
  button: 'appliances; doorbells and one-shot actions; device_class null or "identify"',
};

/** What one planned home asks for. */
export interface HomeRequest {
  /** Position in the run, used to vary the household. */
  index: number;
  homeType: HomeType;
  sizeCategory: SizeCategory;
}

const SYSTEM_MESSAGE = [
  'You are a home-automation expert who designs realistic synthetic smart homes for testing software.',
  'Answer with one JSON object that matches the given schema exactly. Use plausible, varied details;',
  'never include real personal data, addresses or phone numbers.',
].join(' ');

/** The system and user messages for one home. */
export function buildHomeMessages(request: HomeRequest): ChatMessage[] {
  const [minDevices, maxDevices] = SIZE_DEVICE_RANGES[request.sizeCategory];
  const [minAreas, maxAreas] = SIZE_AREA_RANGES[request.sizeCategory];
  const household = HOUSEHOLDS[request.index % HOUSEHOLDS.length] ?? 'a household of your choice';
  const studioNote = request.homeType === 'studio' ? ' (a studio houses one or two people)' : '';
  const domains = DEVICE_DOMAINS.map((d) => `- ${d}: ${DOMAIN_GUIDE[d]}`).join('\n');
  const user = [
    `Design ${HOME_TYPE_DESCRIPTIONS[request.homeType]}.`,
    `home_type: ${request.homeType}`,
    `size_category: ${request.sizeCategory}`,
    `Number of devices: between ${minDevices} and ${maxDevices}.`,
    `Number of areas: about ${minAreas} to ${maxAreas}, indoor and outdoor as fits the home type.`,
    `Household: ${household}${studioNote}; adapt it if it does not fit the home.`,
    '',
    'Occupants: give each one a weekday and a weekend schedule (wake, leave, return, sleep as HH:MM, 24-hour).',
    'leave and return are null only for someone who stays home all day (works from home, retired, small child);',
    'children leave for school on weekdays; weekends are usually later to wake and often include an outing.',
    '',
    'Areas: unique names; type "outdoor" for yards, gardens, balconies, porches, patios and decks; floor 0 for the',
    'ground floor and outdoor areas, 1 and up for upper floors, -1 for a basement.',
    '',
    'Devices: each has a domain from this closed list (no other domains), with its usual category and device class:',
    domains,
    'Entity id rule: "<domain>.<object_id>", where <domain> is exactly the device\'s domain and <object_id> is lower',
    'snake case built from the area and the device (e.g. light.kitchen_ceiling, binary_sensor.front_door_contact);',
    "every entity id is unique. Each device's area is exactly one of the area names above. Battery power for",
    'wireless sensors, locks and buttons; mains for lights, switches, climate, media and cameras unless they are',
    'battery models. Spread devices sensibly over the areas: lights in most rooms, motion and door sensors at',
    'entrances, climate per floor, media in living and bedrooms.',
  ].join('\n');
  return [
    { role: 'system', content: SYSTEM_MESSAGE },
    { role: 'user', content: user },
  ];
}

/**
 * The conversation for the one re-ask after an invalid reply: the original messages, the reply, and the
 * problems found, asking for the corrected complete object.
 */
/** Most characters of an invalid reply sent back with a re-ask: the problems say what to fix, the excerpt what it was. */
export const REPAIR_EXCERPT_CHARS = 6000;

/** The reply as the re-ask quotes it: whole when short, else its start and a note of what was left out. */
export function replyExcerpt(reply: string): string {
  if (reply.length <= REPAIR_EXCERPT_CHARS) return reply;
  return `${reply.slice(0, REPAIR_EXCERPT_CHARS)}\n… [${(reply.length - REPAIR_EXCERPT_CHARS).toLocaleString('en-US')} more characters not repeated here]`;
}

export function buildRepairMessages(
  messages: readonly ChatMessage[],
  reply: string,
  problems: readonly string[],
): ChatMessage[] {
  const listed = problems.slice(0, 30).map((p) => `- ${p}`);
  if (problems.length > 30) listed.push(`- … and ${problems.length - 30} more`);
  return [
    ...messages,
    { role: 'assistant', content: replyExcerpt(reply) },
    {
      role: 'user',
      content: ['That JSON has these problems:', ...listed, 'Return the corrected, complete JSON object.'].join('\n'),
    },
  ];
}
