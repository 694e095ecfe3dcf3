import { z } from 'zod';
import { HOME_TYPES } from '../home-types';

/**
 * Inputs of the classic (original-compatible) generator. The reference date is a local wall-clock time in
 * `timeZone`: the original evaluated every pattern at one instant's local hour, weekday and month.
 */
export const classicSpecSchema = z.object({
  seed: z
    .number({ error: 'Seed must be a whole number from 0 to 4294967295.' })
    .int('Seed must be a whole number from 0 to 4294967295.')
    .min(0, 'Seed must be a whole number from 0 to 4294967295.')
    .max(4294967295, 'Seed must be a whole number from 0 to 4294967295.'),
  samples: z
    .number({ error: 'Samples must be a whole number from 1 to 5,000,000.' })
    .int('Samples must be a whole number from 1 to 5,000,000.')
    .min(1, 'Samples must be at least 1.')
    .max(5_000_000, 'Samples can be at most 5,000,000 (about 600 MB stored).'),
  days: z
    .number({ error: 'Days must be a whole number from 1 to 730.' })
    .int('Days must be a whole number from 1 to 730.')
    .min(1, 'Days must be at least 1.')
    .max(730, 'Days can be at most 730.'),
  failureRate: z
    .number({ error: 'Failure rate must be a number from 0 to 1.' })
    .min(0, 'Failure rate must be between 0 and 1 (e.g. 0.15 for 15 %).')
    .max(1, 'Failure rate must be between 0 and 1 (e.g. 0.15 for 15 %).'),
  referenceDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Reference date must look like 2025-06-01T08:00 (local time).')
    .refine((s) => isValidLocalDateTime(s), 'Reference date is not a real calendar date and time.'),
  timeZone: z.string().refine(isValidTimeZone, 'Time zone must be an IANA name such as Europe/Berlin or UTC.'),
  /** 'large_dataset' = the 35/20/15/12/8/5/3/2 split of the original script; a home type = one call for that type. */
  homeTypes: z.union([z.literal('large_dataset'), z.enum(HOME_TYPES)]),
  healthScore: z.boolean(),
});
export type ClassicSpec = z.infer<typeof classicSpecSchema>;

export function defaultClassicSpec(): ClassicSpec {
  return {
    seed: 42,
    samples: 10_000,
    days: 180,
    failureRate: 0.15,
    referenceDate: '2025-06-01T08:00',
    timeZone: 'UTC',
    homeTypes: 'large_dataset',
    healthScore: true,
  };
}

export type FieldErrors = { field: string; message: string }[];
export type ParseResult<T> = { ok: true; spec: T } | { ok: false; errors: FieldErrors };

/** Validates unknown input (a form, a file, a URL) into a spec, with one message per bad field. */
export function parseClassicSpec(input: unknown): ParseResult<ClassicSpec> {
  const r = classicSpecSchema.safeParse(input);
  if (r.success) return { ok: true, spec: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({ field: i.path.join('.') || '(spec)', message: i.message })),
  };
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isValidLocalDateTime(s: string): boolean {
  const t = parseLocalDateTime(s);
  return t !== null;
}

/** Local wall-clock fields of a 'YYYY-MM-DDTHH:mm' string; null when it is not a real date and time. */
export function parseLocalDateTime(
  s: string,
): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  // Python's weekday(): Monday = 0 … Sunday = 6.
  const weekday = (probe.getUTCDay() + 6) % 7;
  return { year, month, day, hour, minute, weekday };
}
