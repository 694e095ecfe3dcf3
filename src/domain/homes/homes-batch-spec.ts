import { z } from 'zod';
import { PARQUET_MAX_HOMES, isCalendarDate, isValidTimeZone } from '../temporal/spec';

/**
 * Settings of a batch of homes made from a local maker (templates or survey statistics) with their
 * simulated events, as the command line writes them to Parquet: every home is a pure function of
 * (seed, home index), so any range of homes can be made alone.
 */
export const homesBatchSpecSchema = z.strictObject({
  seed: z.number().int().min(0).max(4_294_967_295).default(42),
  homes: z.number().int().min(1).max(PARQUET_MAX_HOMES).default(100),
  days: z.number().int().min(1).max(365).default(90),
  startDate: z
    .string()
    .refine(isCalendarDate, { error: 'startDate must be a real calendar date as YYYY-MM-DD' })
    .default('2025-01-01'),
  timeZone: z
    .string()
    .refine(isValidTimeZone, { error: 'timeZone must be an IANA time zone name such as Europe/Berlin' })
    .default('UTC'),
  source: z.enum(['template', 'survey']).default('template'),
});
export type HomesBatchSpec = z.infer<typeof homesBatchSpecSchema>;

/** Validates untrusted settings; each problem names its field. */
export function parseHomesBatchSpec(
  input: unknown,
): { ok: true; spec: HomesBatchSpec } | { ok: false; errors: { field: string; message: string }[] } {
  const r = homesBatchSpecSchema.safeParse(input ?? {});
  if (r.success) return { ok: true, spec: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(settings)', message: i.message })),
  };
}
