import type { HomeType } from '../home-types';
import type { HomeContent, Occupant, SizeCategory } from '../homes/home-schema';
import type { Rng } from '../random';
import { TIER_SHARES } from './device-catalogue';
import { fitDevices } from './devices';
import { drawFrom } from './draw';
import { buildSurveyHousehold } from './household';
import { layoutRooms } from './rooms';
import { type SurveyStructure, drawStructure } from './structure';
import type { StructureClass } from './structure-tables';

/**
 * The survey home maker: a second, independent home source. Structure comes from housing-survey tables
 * (AHS, SOC), the household from population and time-use surveys (CPS, ATUS, ACS, NCES), devices from
 * its own catalogue. It shares no module with the template homes (a test walks its imports), so a
 * classifier trained on one source and tested on the other measures what carries over between sources.
 * See docs/survey-homes.md for the tables and their sources.
 */

/** Input of buildSurveyHome: the same shape as the template maker's, so a homes run can call either. */
export interface SurveyHomeRequest {
  homeType: HomeType;
  sizeCategory: SizeCategory;
  /** 1-based position in the run; used in the home's name. */
  index: number;
  rng: Rng;
}

const NOUNS: Readonly<Record<HomeType, string>> = {
  single_family_house: 'single-family house',
  apartment: 'apartment',
  condo: 'condominium',
  townhouse: 'townhouse',
  cottage: 'cottage',
  studio: 'studio',
  multi_story: 'multi-story house',
  ranch_house: 'ranch house',
};

const STRUCTURE_WORDS: Readonly<Record<StructureClass, string>> = {
  detached: '1-unit detached',
  attached: '1-unit attached',
  units_2_4: 'unit in a 2–4 unit building',
  units_5_plus: 'unit in a 5+ unit building',
  accessory: 'accessory unit',
};

function bedroomWords(n: number): string {
  return n === 0 ? 'no-bedroom' : `${n}-bedroom`;
}

function householdWords(occupants: readonly Occupant[]): string {
  const children = occupants.filter((o) => o.role === 'child').length;
  const seniors = occupants.filter((o) => o.role === 'senior').length;
  const adults = occupants.length - children - seniors;
  const parts = [
    adults > 0 ? `${adults} adult${adults === 1 ? '' : 's'}` : '',
    seniors > 0 ? `${seniors} aged 65+` : '',
    children > 0 ? `${children} child${children === 1 ? '' : 'ren'}` : '',
  ].filter((p) => p !== '');
  return `household of ${occupants.length} (${parts.join(', ')})`;
}

function describe(s: SurveyStructure, occupants: readonly Occupant[]): string {
  const baths = `${s.fullBaths} full bath${s.fullBaths === 1 ? '' : 's'}${s.halfBaths > 0 ? ` and ${s.halfBaths} half` : ''}`;
  const where =
    s.structure === 'detached' || s.structure === 'attached'
      ? `${s.levels}${s.halfStory ? ' (with a half story)' : ''} level${s.levels === 1 ? '' : 's'}${s.basement === 'none' ? '' : ` over a${s.basement === 'finished' ? ' finished' : 'n unfinished'} basement`}`
      : s.baseFloor < 0
        ? 'below ground'
        : `floor ${s.baseFloor} of ${s.buildingStories}`;
  const tenure = s.owner ? 'owner-occupied' : 'rented';
  const use = s.secondHome ? 'Used at weekends' : 'Lived in all week';
  return `Survey source: ${STRUCTURE_WORDS[s.structure]}, ${tenure}; ${bedroomWords(s.bedrooms)}, ${baths}, ${where}. ${use} by a ${householdWords(occupants)}.`.slice(
    0,
    500,
  );
}

/**
 * A survey home: a pure function of its request (the same rng state, type and size give the same home).
 * Structure, household and devices draw from separate forks of `rng`, so a change in one leaves the
 * others' draws alone.
 */
export function buildSurveyHome({ homeType, sizeCategory, index, rng }: SurveyHomeRequest): HomeContent {
  const structureRng = rng.fork();
  const householdRng = rng.fork();
  const roomRng = rng.fork();
  const deviceRng = rng.fork();
  const s = drawStructure(homeType, sizeCategory, structureRng);
  const { occupants, homeWorkers } = buildSurveyHousehold(
    { structure: s.structure, bedrooms: s.bedrooms, sizeQuantile: s.sizeQuantile, secondHome: s.secondHome },
    householdRng,
  );
  const rooms = layoutRooms(homeType, s, homeWorkers, roomRng);
  const devices = fitDevices(s, rooms, drawFrom(deviceRng, TIER_SHARES), deviceRng);
  return {
    name: `Survey home ${index}: ${bedroomWords(s.bedrooms)} ${NOUNS[homeType]}`.slice(0, 80),
    home_type: homeType,
    size_category: sizeCategory,
    description: describe(s, occupants),
    occupants,
    areas: rooms.map((r) => r.area),
    devices,
  };
}
