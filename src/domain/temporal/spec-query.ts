import { FAILURE_SCENARIOS } from '../device-types';
import { HOME_TYPES } from '../home-types';
import { parseTemporalSpec, type TemporalSpec, type TemporalSpecParseResult } from './spec';

const MIX_FIELDS = ['homeTypeMix', 'scenarioMix'] as const;
const STRING_FIELDS = new Set(['startDate', 'timeZone', 'hemisphere', 'difficulty']);

function mixToText(mix: Readonly<Record<string, number>>, keys: readonly string[]): string {
  return keys.map((k) => `${k}:${mix[k] ?? 0}`).join(',');
}

/** The spec as flat string pairs for a URL query (mixes as `key:weight,key:weight`). */
export function specToQuery(spec: TemporalSpec): Record<string, string> {
  return {
    seed: String(spec.seed),
    homes: String(spec.homes),
    homeTypeMix: mixToText(spec.homeTypeMix, HOME_TYPES),
    startDate: spec.startDate,
    days: String(spec.days),
    resolutionMinutes: String(spec.resolutionMinutes),
    timeZone: spec.timeZone,
    hemisphere: spec.hemisphere,
    failureRate: String(spec.failureRate),
    scenarioMix: mixToText(spec.scenarioMix, FAILURE_SCENARIOS),
    horizonDays: String(spec.horizonDays),
    windowDays: String(spec.windowDays),
    strideDays: String(spec.strideDays),
    noise: String(spec.noise),
    missingRate: String(spec.missingRate),
    difficulty: spec.difficulty,
  };
}

/** A number if the text is one, else the text itself (so the schema reports "must be a number …"). */
function toNumber(text: string): number | string {
  const t = text.trim();
  if (t === '') return text;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

function parseMix(text: string): Record<string, number | string> | string {
  const out: Record<string, number | string> = {};
  if (text.trim() === '') return out;
  for (const part of text.split(',')) {
    const i = part.lastIndexOf(':');
    if (i <= 0) return text;
    out[part.slice(0, i).trim()] = toNumber(part.slice(i + 1));
  }
  return out;
}

/**
 * Parses a URL query back into a spec, with the same validation and messages as `parseTemporalSpec`.
 * Absent keys take their defaults; unknown keys are rejected by name.
 */
export function specFromQuery(
  query: Readonly<Record<string, string>>,
  opts: { sink?: 'memory' | 'parquet' } = {},
): TemporalSpecParseResult {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if ((MIX_FIELDS as readonly string[]).includes(key)) input[key] = parseMix(value);
    else if (STRING_FIELDS.has(key)) input[key] = value;
    else input[key] = toNumber(value);
  }
  return parseTemporalSpec(input, opts);
}
