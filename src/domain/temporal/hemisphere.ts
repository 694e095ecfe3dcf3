import type { TemporalSpec } from './spec';

/**
 * Zones south of the equator. Prefixes end in '/'; other entries match whole names. Tropical zones near
 * the equator have little season either way, so the list covers the temperate south and the large
 * southern-tropical cities; everything else counts as north.
 */
const SOUTHERN_ZONES: readonly string[] = [
  'Australia/',
  'Antarctica/',
  'America/Argentina/',
  'Brazil/',
  'Chile/',
  'NZ',
  'NZ-CHAT',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Pacific/Fiji',
  'Pacific/Tongatapu',
  'Pacific/Apia',
  'Pacific/Noumea',
  'Pacific/Efate',
  'Pacific/Norfolk',
  'Pacific/Tahiti',
  'Pacific/Easter',
  'Pacific/Port_Moresby',
  'Pacific/Rarotonga',
  'America/Sao_Paulo',
  'America/Buenos_Aires',
  'America/Cordoba',
  'America/Mendoza',
  'America/Santiago',
  'America/Punta_Arenas',
  'America/Montevideo',
  'America/Asuncion',
  'America/La_Paz',
  'America/Lima',
  'America/Cuiaba',
  'America/Campo_Grande',
  'America/Recife',
  'America/Bahia',
  'America/Fortaleza',
  'America/Belem',
  'America/Maceio',
  'America/Araguaina',
  'America/Porto_Velho',
  'America/Rio_Branco',
  'America/Noronha',
  'Atlantic/Stanley',
  'Atlantic/South_Georgia',
  'Atlantic/St_Helena',
  'Africa/Johannesburg',
  'Africa/Maputo',
  'Africa/Harare',
  'Africa/Windhoek',
  'Africa/Gaborone',
  'Africa/Lusaka',
  'Africa/Luanda',
  'Africa/Lubumbashi',
  'Africa/Blantyre',
  'Africa/Maseru',
  'Africa/Mbabane',
  'Africa/Dar_es_Salaam',
  'Africa/Kinshasa',
  'Africa/Bujumbura',
  'Africa/Kigali',
  'Indian/Antananarivo',
  'Indian/Mauritius',
  'Indian/Reunion',
  'Indian/Mayotte',
  'Indian/Comoro',
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
  'Asia/Dili',
];

/** 'south' for zones in the southern hemisphere (see SOUTHERN_ZONES), else 'north'. */
export function hemisphereOfTimeZone(timeZone: string): 'north' | 'south' {
  for (const z of SOUTHERN_ZONES) {
    if (z.endsWith('/') ? timeZone.startsWith(z) : timeZone === z) return 'south';
  }
  return 'north';
}

/** The hemisphere the seasons follow: the explicit setting, or the time zone's when 'auto'. */
export function resolveHemisphere(spec: Pick<TemporalSpec, 'hemisphere' | 'timeZone'>): 'north' | 'south' {
  return spec.hemisphere === 'auto' ? hemisphereOfTimeZone(spec.timeZone) : spec.hemisphere;
}
