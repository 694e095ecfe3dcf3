import { z } from 'zod';
import { CALIBRATION_METHODS } from '../domain/evaluation/calibration';
import { DEFAULT_THRESHOLD_RULE, thresholdRuleSchema } from '../domain/evaluation/operating-threshold';
import { defaultGbdtConfig, gbdtConfigSchema } from '../domain/evaluation/gbdt';
import { MODEL_FAMILIES, type RunConfig } from '../domain/training/run-types';
import { BACKENDS } from '../domain/training/backends';
import { networkConfigSchema } from '../domain/training/network-config';

/** Validates a run configuration that crossed a worker boundary or came from a file. */
export const runConfigSchema: z.ZodType<RunConfig> = z
  .object({
    network: networkConfigSchema,
    families: z.array(z.enum(MODEL_FAMILIES)).min(1, 'Choose at least one model family.').default(['network']),
    trees: gbdtConfigSchema.default(defaultGbdtConfig()),
    backend: z.enum(BACKENDS),
    label: z.enum(['horizon', 'injected', 'legacy']),
    split: z.enum(['grouped', 'time']),
    testFraction: z.number().gt(0, 'testFraction must be above 0').lt(1),
    valFraction: z.number().gt(0, 'valFraction must be above 0: early stopping needs a validation part').lt(1),
    perHomeType: z.boolean(),
    global: z.boolean(),
    bootstrapResamples: z.number().int().min(1).max(100_000),
    thresholdRule: thresholdRuleSchema.default(DEFAULT_THRESHOLD_RULE),
    negativesPerPositive: z.number().min(1).max(100_000).nullable().default(null),
    calibration: z.enum(CALIBRATION_METHODS).default('none'),
  })
  .refine(
    (c) => c.testFraction + c.valFraction < 0.9,
    'testFraction + valFraction must leave at least 10 % for training',
  )
  .refine((c) => c.perHomeType || c.global, 'Choose per-home-type models, a global model, or both.');

/** Parses a run configuration; throws one readable message listing every problem. */
export function parseRunConfig(value: unknown): RunConfig {
  const r = runConfigSchema.safeParse(value);
  if (r.success) return r.data;
  throw new Error(
    `Invalid run settings: ${r.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')}`,
  );
}
