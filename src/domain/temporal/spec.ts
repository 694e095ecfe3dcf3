import { z } from 'zod';
import { FAILURE_SCENARIOS, type FailureScenario } from '../device-types';
import { HOME_TYPES, type HomeType } from '../home-types';

/** The inputs of the temporal generator; every field is required once parsed (defaults filled in). */
export interface TemporalSpec {
  /** Root seed (uint32); every home and device stream is derived from it. */
  seed: number;
  /** Number of homes; each home's device count is drawn from its home type's range. */
  homes: number;
  /** Relative weights of the home types (need not sum to 1; the sum must be > 0). */
  homeTypeMix: Record<HomeType, number>;
  /** First local date, 'YYYY-MM-DD' in `timeZone`. The series starts at its local midnight. */
  startDate: string;
  /** Number of local days simulated (1–730). */
  days: number;
  /** Step length in minutes. */
  resolutionMinutes: 15 | 30 | 60;
  /** IANA zone; daily cycles follow its local clock (23- and 25-hour days at DST changes). */
  timeZone: string;
  /** Seasons: 'auto' derives the hemisphere from the time zone. */
  hemisphere: 'north' | 'south' | 'auto';
  /** Fraction of devices that fail inside the simulated period (0–1). */
  failureRate: number;
  /** Relative weights of the failure scenarios (sum > 0). */
  scenarioMix: Record<FailureScenario, number>;
  /** Prediction horizon H in days: a sample at t is positive when its device fails in (t, t + H days]. */
  horizonDays: number;
  /** Feature window W in days. */
  windowDays: number;
  /** Days between two samples of a device. */
  strideDays: number;
  /** Noise level 0–1 (0 = smooth patterns; event counts stay random). */
  noise: number;
  /** Probability that one step of a device is missing (all metrics NaN), 0–0.5. */
  missingRate: number;
  /** Precursor strength and length: easy = strong and short, hard = faint and drawn out. */
  difficulty: 'easy' | 'normal' | 'hard';
}

export type TemporalSpecError = { field: string; message: string };
export type TemporalSpecParseResult = { ok: true; spec: TemporalSpec } | { ok: false; errors: TemporalSpecError[] };

/** The original home-type split 35/20/15/12/8/5/3/2 (§1.10), keyed by home type. */
export const DEFAULT_HOME_TYPE_MIX: Readonly<Record<HomeType, number>> = {
  single_family_house: 35,
  apartment: 20,
  condo: 15,
  townhouse: 12,
  ranch_house: 8,
  multi_story: 5,
  cottage: 3,
  studio: 2,
};

/** The original drew the scenario uniformly (§1.1). */
export const DEFAULT_SCENARIO_MIX: Readonly<Record<FailureScenario, number>> = {
  progressive: 1,
  sudden: 1,
  intermittent: 1,
  battery_depletion: 1,
  network_issues: 1,
};

/** Inclusive bounds of the integer and rate fields (the form shows them). */
export const TEMPORAL_LIMITS = {
  homes: [1, 100_000],
  days: [1, 730],
  horizonDays: [1, 60],
  windowDays: [1, 60],
  strideDays: [1, 30],
  missingRate: [0, 0.5],
} as const;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1971 || y > 2200) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** True when `Intl` knows the IANA zone name. */
export function isValidTimeZone(name: string): boolean {
  if (name.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function intIn(min: number, max: number, what: string) {
  const msg = `${what} must be a whole number from ${min} to ${max}`;
  return z.number({ error: msg }).refine((v) => Number.isInteger(v) && v >= min && v <= max, { error: msg });
}

function numIn(min: number, max: number, what: string) {
  const msg = `${what} must be a number from ${min} to ${max}`;
  return z.number({ error: msg }).refine((v) => Number.isFinite(v) && v >= min && v <= max, { error: msg });
}

function mixSchema<K extends string>(keys: readonly K[], what: string, defaults: Readonly<Record<K, number>>) {
  const allowed = keys.join(', ');
  return z
    .unknown()
    .optional()
    .transform((raw, ctx): Record<K, number> => {
      const out = { ...defaults } as Record<K, number>;
      if (raw === undefined) return out;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        ctx.addIssue({ code: 'custom', message: `${what} must be an object of weights keyed by ${allowed}` });
        return z.NEVER;
      }
      const entries = Object.entries(raw);
      let ok = true;
      // A supplied mix means exactly those weights: missing keys count as 0.
      for (const k of keys) out[k] = 0;
      for (const [key, value] of entries) {
        if (!(keys as readonly string[]).includes(key)) {
          ctx.addIssue({ code: 'custom', path: [key], message: `unknown ${what} key "${key}"; allowed: ${allowed}` });
          ok = false;
        } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          ctx.addIssue({ code: 'custom', path: [key], message: `${what}.${key} must be a number ≥ 0` });
          ok = false;
        } else {
          out[key as K] = value;
        }
      }
      if (ok && !keys.some((k) => out[k] > 0)) {
        ctx.addIssue({ code: 'custom', message: `${what} weights must sum to more than 0 (keys: ${allowed})` });
        ok = false;
      }
      return ok ? out : z.NEVER;
    });
}

/**
 * Homes allowed when the dataset goes straight to sharded Parquet files (the command line's --format parquet):
 * nothing of it is held in memory at once, so only the run time bounds it.
 */
export const PARQUET_MAX_HOMES = 10_000_000;

const specSchemaWith = (maxHomes: number) =>
  z
    .strictObject({
      seed: intIn(0, 4_294_967_295, 'seed').default(42),
      homes: intIn(TEMPORAL_LIMITS.homes[0], maxHomes, 'homes').default(100),
      homeTypeMix: mixSchema(HOME_TYPES, 'homeTypeMix', DEFAULT_HOME_TYPE_MIX),
      startDate: z
        .string({ error: 'startDate must be a date as YYYY-MM-DD' })
        .refine(isCalendarDate, { error: 'startDate must be a real calendar date as YYYY-MM-DD (years 1971–2200)' })
        .default('2025-01-01'),
      days: intIn(TEMPORAL_LIMITS.days[0], TEMPORAL_LIMITS.days[1], 'days').default(180),
      resolutionMinutes: z
        .union([z.literal(15), z.literal(30), z.literal(60)], { error: 'resolutionMinutes must be 15, 30 or 60' })
        .default(60),
      timeZone: z
        .string({ error: 'timeZone must be an IANA time zone name such as Europe/Berlin' })
        .refine(isValidTimeZone, { error: 'timeZone must be an IANA time zone name such as Europe/Berlin' })
        .default('UTC'),
      hemisphere: z
        .enum(['north', 'south', 'auto'], { error: "hemisphere must be 'north', 'south' or 'auto'" })
        .default('auto'),
      failureRate: numIn(0, 1, 'failureRate').default(0.15),
      scenarioMix: mixSchema(FAILURE_SCENARIOS, 'scenarioMix', DEFAULT_SCENARIO_MIX),
      horizonDays: intIn(TEMPORAL_LIMITS.horizonDays[0], TEMPORAL_LIMITS.horizonDays[1], 'horizonDays').default(7),
      windowDays: intIn(TEMPORAL_LIMITS.windowDays[0], TEMPORAL_LIMITS.windowDays[1], 'windowDays').default(7),
      strideDays: intIn(TEMPORAL_LIMITS.strideDays[0], TEMPORAL_LIMITS.strideDays[1], 'strideDays').default(1),
      noise: numIn(0, 1, 'noise').default(0.3),
      missingRate: numIn(TEMPORAL_LIMITS.missingRate[0], TEMPORAL_LIMITS.missingRate[1], 'missingRate').default(0.02),
      difficulty: z
        .enum(['easy', 'normal', 'hard'], { error: "difficulty must be 'easy', 'normal' or 'hard'" })
        .default('normal'),
    })
    .superRefine((s, ctx) => {
      // Only when both are valid on their own, so one bad field gives one message.
      const valid = (v: number, [lo, hi]: readonly [number, number]): boolean =>
        Number.isInteger(v) && v >= lo && v <= hi;
      if (
        valid(s.days, TEMPORAL_LIMITS.days) &&
        valid(s.windowDays, TEMPORAL_LIMITS.windowDays) &&
        s.windowDays >= s.days
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['windowDays'],
          message: `windowDays must be less than days (${s.days}): a sample needs one full window before it`,
        });
      }
    });

const specSchema = specSchemaWith(TEMPORAL_LIMITS.homes[1]);
const parquetSpecSchema = specSchemaWith(PARQUET_MAX_HOMES);
const FIELDS = Object.keys(specSchema.shape).join(', ');

/**
 * Validates untrusted input (form, URL, manifest) into a full spec. Each bad field gets one message that
 * says what is allowed; unknown fields are rejected by name.
 */
export function parseTemporalSpec(input: unknown, opts: { sink?: 'memory' | 'parquet' } = {}): TemporalSpecParseResult {
  const r = (opts.sink === 'parquet' ? parquetSpecSchema : specSchema).safeParse(input ?? {});
  if (r.success) return { ok: true, spec: r.data };
  const errors: TemporalSpecError[] = [];
  const seen = new Set<string>();
  for (const issue of r.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = [...issue.path.map(String), key].join('.');
        const allowed = issue.path.length === 0 ? FIELDS : 'the listed keys';
        if (!seen.has(field)) errors.push({ field, message: `unknown field "${field}"; allowed: ${allowed}` });
        seen.add(field);
      }
      continue;
    }
    const field = issue.path.length === 0 ? '(spec)' : issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    const message =
      issue.path.length === 0 && issue.code === 'invalid_type' ? 'the spec must be an object' : issue.message;
    errors.push({ field, message });
  }
  return { ok: false, errors };
}

/** The spec with every default (time zone UTC: the UI passes the browser's zone as an override). */
export function defaultTemporalSpec(overrides: Partial<TemporalSpec> = {}): TemporalSpec {
  const r = parseTemporalSpec(overrides);
  if (!r.ok) throw new Error(`invalid temporal spec: ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return r.spec;
}
