import { HOME_TYPES, type HomeType } from '../../src/domain/home-types';
import {
  SIZE_CATEGORIES,
  type Area,
  type DaySchedule,
  type Device,
  type DeviceCategory,
  type DeviceDomain,
  type HomeContent,
  type Occupant,
  type SizeCategory,
} from '../../src/domain/homes/home-schema';
import { createRng, type Rng } from '../../src/domain/random';
import { SIZE_DEVICE_RANGES } from '../../src/llm/home-prompt';

/**
 * Deterministic homes for the mock OpenAI server: the same request always gets the same home, of the
 * requested type and size, valid under homeContentSchema and homeContentProblems (the server checks).
 */

/** The original's area templates (§6.3); ranch_house shares single_family_house's. */
const AREA_TEMPLATES: Readonly<Record<HomeType, readonly string[]>> = {
  single_family_house: [
    'Living Room',
    'Kitchen',
    'Master Bedroom',
    'Bedroom 2',
    'Bedroom 3',
    'Bathroom',
    'Master Bathroom',
    'Garage',
    'Backyard',
    'Front Yard',
  ],
  ranch_house: [
    'Living Room',
    'Kitchen',
    'Master Bedroom',
    'Bedroom 2',
    'Bedroom 3',
    'Bathroom',
    'Master Bathroom',
    'Garage',
    'Backyard',
    'Front Yard',
  ],
  apartment: ['Living Room', 'Kitchen', 'Bedroom', 'Bathroom', 'Balcony'],
  condo: ['Living Room', 'Kitchen', 'Master Bedroom', 'Bedroom 2', 'Bathroom', 'Balcony', 'Garage'],
  townhouse: ['Living Room', 'Kitchen', 'Master Bedroom', 'Bedroom 2', 'Bathroom', 'Garage', 'Backyard', 'Front Yard'],
  cottage: ['Living Room', 'Kitchen', 'Bedroom', 'Bathroom', 'Porch', 'Garden'],
  studio: ['Main Room', 'Kitchen Area', 'Bathroom', 'Closet'],
  multi_story: [
    'Living Room',
    'Kitchen',
    'Dining Room',
    'Master Bedroom',
    'Bedroom 2',
    'Bedroom 3',
    'Bedroom 4',
    'Bathroom',
    'Master Bathroom',
    'Garage',
    'Basement',
    'Attic',
    'Backyard',
    'Front Yard',
  ],
};

const EXTRA_AREAS: readonly string[] = [
  'Office',
  'Hallway',
  'Laundry Room',
  'Guest Room',
  'Dining Area',
  'Patio',
  'Storage Room',
  'Play Room',
];
const OUTDOOR = /yard|balcony|porch|garden|patio|deck/i;

interface DeviceTemplate {
  domain: DeviceDomain;
  deviceClass: string | null;
  category: DeviceCategory;
  power: 'battery' | 'mains';
  label: string;
}

const DEVICE_TEMPLATES: readonly DeviceTemplate[] = [
  { domain: 'light', deviceClass: null, category: 'lighting', power: 'mains', label: 'Ceiling Light' },
  { domain: 'light', deviceClass: null, category: 'lighting', power: 'mains', label: 'Lamp' },
  { domain: 'switch', deviceClass: null, category: 'lighting', power: 'mains', label: 'Light Switch' },
  { domain: 'scene', deviceClass: null, category: 'lighting', power: 'mains', label: 'Evening Scene' },
  { domain: 'binary_sensor', deviceClass: 'motion', category: 'security', power: 'battery', label: 'Motion Sensor' },
  { domain: 'binary_sensor', deviceClass: 'door', category: 'security', power: 'battery', label: 'Door Sensor' },
  { domain: 'binary_sensor', deviceClass: 'window', category: 'security', power: 'battery', label: 'Window Sensor' },
  { domain: 'lock', deviceClass: null, category: 'security', power: 'battery', label: 'Door Lock' },
  { domain: 'camera', deviceClass: null, category: 'security', power: 'mains', label: 'Camera' },
  { domain: 'alarm_control_panel', deviceClass: null, category: 'security', power: 'mains', label: 'Alarm Panel' },
  { domain: 'climate', deviceClass: null, category: 'climate', power: 'mains', label: 'Thermostat' },
  { domain: 'sensor', deviceClass: 'temperature', category: 'climate', power: 'battery', label: 'Temperature Sensor' },
  { domain: 'sensor', deviceClass: 'humidity', category: 'climate', power: 'battery', label: 'Humidity Sensor' },
  { domain: 'fan', deviceClass: null, category: 'climate', power: 'mains', label: 'Fan' },
  { domain: 'switch', deviceClass: 'outlet', category: 'appliances', power: 'mains', label: 'Smart Plug' },
  { domain: 'vacuum', deviceClass: null, category: 'appliances', power: 'battery', label: 'Robot Vacuum' },
  { domain: 'media_player', deviceClass: 'tv', category: 'appliances', power: 'mains', label: 'TV' },
  { domain: 'cover', deviceClass: 'blind', category: 'appliances', power: 'mains', label: 'Blinds' },
  { domain: 'button', deviceClass: null, category: 'appliances', power: 'battery', label: 'Doorbell' },
  { domain: 'sensor', deviceClass: 'power', category: 'monitoring', power: 'mains', label: 'Power Meter' },
  { domain: 'sensor', deviceClass: 'energy', category: 'monitoring', power: 'mains', label: 'Energy Meter' },
  { domain: 'binary_sensor', deviceClass: 'smoke', category: 'monitoring', power: 'battery', label: 'Smoke Detector' },
];

const FIRST_NAMES: readonly string[] = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Finn',
  'Grace',
  'Hugo',
  'Iris',
  'Jonas',
  'Kira',
  'Luca',
  'Mia',
  'Noah',
  'Omar',
  'Priya',
];
const NAME_WORDS: readonly string[] = [
  'Maple',
  'Harbor',
  'Willow',
  'Cedar',
  'Juniper',
  'Birch',
  'Summit',
  'Meadow',
  'Linden',
  'Alder',
];

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

function clock(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function schedule(rng: Rng, role: Occupant['role'], home: boolean, weekend: boolean): DaySchedule {
  const wake = weekend ? rng.int(7 * 60 + 30, 9 * 60 + 30) : rng.int(6 * 60, 7 * 60 + 30);
  const sleep = role === 'child' ? rng.int(19 * 60 + 30, 21 * 60) : rng.int(22 * 60, 24 * 60 + 30);
  if (home || (weekend && rng.chance(0.4)))
    return { wake: clock(wake), leave: null, return: null, sleep: clock(sleep) };
  const leave = weekend
    ? rng.int(10 * 60, 13 * 60)
    : role === 'child'
      ? rng.int(7 * 60 + 30, 8 * 60 + 15)
      : wake + rng.int(45, 90);
  const back = weekend
    ? leave + rng.int(90, 300)
    : role === 'child'
      ? rng.int(15 * 60, 16 * 60 + 30)
      : rng.int(16 * 60 + 30, 18 * 60 + 30);
  return { wake: clock(wake), leave: clock(leave), return: clock(back), sleep: clock(sleep) };
}

function areasFor(rng: Rng, homeType: HomeType, size: SizeCategory): Area[] {
  const names = [...AREA_TEMPLATES[homeType]];
  const extra = size === 'small' ? 0 : size === 'medium' ? 1 : size === 'large' ? 2 : 4;
  for (const name of rng.shuffle([...EXTRA_AREAS]).slice(0, homeType === 'studio' ? 0 : extra)) names.push(name);
  const upstairs = homeType === 'multi_story' || homeType === 'townhouse' || homeType === 'single_family_house';
  return names.map((name) => {
    const outdoor = OUTDOOR.test(name);
    let floor = 0;
    if (name === 'Basement') floor = -1;
    else if (name === 'Attic') floor = 2;
    else if (upstairs && /bed|bath|guest|play/i.test(name) && name !== 'Bathroom') floor = 1;
    return { name, type: outdoor ? 'outdoor' : 'indoor', floor };
  });
}

/** A home of `homeType` and `sizeCategory` drawn from `seed`. */
export function mockHomeContent(homeType: HomeType, sizeCategory: SizeCategory, seed: number): HomeContent {
  const rng = createRng(seed);
  const areas = areasFor(rng, homeType, sizeCategory);
  const [minDevices, maxDevices] = SIZE_DEVICE_RANGES[sizeCategory];
  const deviceCount = rng.int(minDevices, maxDevices);
  const used = new Set<string>();
  const devices: Device[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const template = rng.pick(DEVICE_TEMPLATES);
    const area = rng.pick(areas);
    const base = `${template.domain}.${slug(area.name)}_${slug(template.label)}`;
    let entityId = base;
    for (let n = 2; used.has(entityId); n++) entityId = `${base}_${n}`;
    used.add(entityId);
    const suffix = entityId === base ? '' : ` ${entityId.slice(base.length + 1)}`;
    devices.push({
      entity_id: entityId,
      name: `${area.name} ${template.label}${suffix}`,
      domain: template.domain,
      device_class: template.deviceClass,
      category: template.category,
      area: area.name,
      power: template.power,
    });
  }
  const maxPeople = homeType === 'studio' ? 2 : homeType === 'apartment' ? 3 : 5;
  const people = rng.int(1, maxPeople);
  const names = rng.shuffle([...FIRST_NAMES]);
  const occupants: Occupant[] = [];
  for (let i = 0; i < people; i++) {
    const role: Occupant['role'] = i < 2 ? (rng.chance(0.15) ? 'senior' : 'adult') : 'child';
    const worksFromHome = role === 'adult' && rng.chance(0.3);
    const stays = role === 'senior' || worksFromHome;
    occupants.push({
      name: names[i] ?? `Person ${i + 1}`,
      role,
      works_from_home: worksFromHome,
      weekday: schedule(rng, role, stays, false),
      weekend: schedule(rng, role, false, true),
    });
  }
  const label = homeType.replace(/_/g, ' ');
  return {
    name: `${rng.pick(NAME_WORDS)} ${rng.pick(NAME_WORDS)} ${label}`.slice(0, 80),
    home_type: homeType,
    size_category: sizeCategory,
    description: `A ${sizeCategory.replace('_', ' ')} ${label} with ${areas.length} areas, ${deviceCount} smart devices and ${people} occupant${people === 1 ? '' : 's'}.`,
    occupants,
    areas,
    devices,
  };
}

/** Reads the requested home type and size out of the prompt's "home_type: …" / "size_category: …" lines. */
export function requestedHome(promptText: string): { homeType: HomeType; sizeCategory: SizeCategory } {
  const type = /home_type:\s*([a-z_]+)/.exec(promptText)?.[1];
  const size = /size_category:\s*([a-z_]+)/.exec(promptText)?.[1];
  const homeType = HOME_TYPES.find((t) => t === type) ?? 'single_family_house';
  const sizeCategory = SIZE_CATEGORIES.find((s) => s === size) ?? 'medium';
  return { homeType, sizeCategory };
}
