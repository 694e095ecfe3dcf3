import { parseArgs } from 'node:util';
import { CALIBRATION_METHODS, type CalibrationMethod } from '../src/domain/evaluation/calibration';
import { thresholdRuleSchema, type ThresholdRule } from '../src/domain/evaluation/operating-threshold';
import type { BackendName } from '../src/domain/training/backends';
import { MODEL_FAMILIES, type LabelChoice, type ModelFamily, type RunConfig } from '../src/domain/training/run-types';
import { defaultRunConfig } from '../src/domain/training/run-defaults';

/** The flags of `npm run train` (scripts/train.ts) read into checked arguments; a bad flag is a UsageError. */

/** The app's classic run defaults: the flags' defaults here and the base of a classic run in train.ts. */
export const CLASSIC = defaultRunConfig('classic');

export class UsageError extends Error {}

export interface CliArgs {
  dataFile: string | null;
  manifest: string | null;
  outputDir: string;
  label: LabelChoice | null;
  families: ModelFamily[];
  thresholdRule: ThresholdRule;
  calibration: CalibrationMethod;
  split: RunConfig['split'];
  horizonDays: number | null;
  epochs: number | null;
  seed: number | null;
  backend: BackendName;
}

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | null {
  if (value === undefined) return null;
  const v = Number(value);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${value}".`);
  return v;
}

const FLAGS = {
  'data-file': { type: 'string' },
  manifest: { type: 'string' },
  'output-dir': { type: 'string' },
  label: { type: 'string' },
  families: { type: 'string' },
  'threshold-rule': { type: 'string' },
  calibration: { type: 'string' },
  split: { type: 'string' },
  'horizon-days': { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  help: { type: 'boolean' },
} as const;

function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: FLAGS }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** "max-f1", "recall:0.8", "budget:5", "fixed:0.5". */
export function parseThresholdRuleFlag(text: string): ThresholdRule {
  const [kind, value] = text.split(':');
  const num = Number(value);
  const candidate =
    kind === 'max-f1' && value === undefined
      ? { kind: 'max-f1' }
      : kind === 'recall'
        ? { kind: 'target-recall', recall: num }
        : kind === 'budget'
          ? { kind: 'alert-budget', falseAlarms: num }
          : kind === 'fixed'
            ? { kind: 'fixed', threshold: num }
            : null;
  const r = candidate ? thresholdRuleSchema.safeParse(candidate) : null;
  if (!r?.success) {
    throw new UsageError(
      `--threshold-rule must be max-f1, recall:R (0 < R ≤ 1), budget:N (N ≥ 0) or fixed:T (0 < T < 1), got "${text}".`,
    );
  }
  return r.data;
}

function parseFamilies(text: string | undefined): ModelFamily[] {
  if (text === undefined) return [...CLASSIC.families];
  const list = text.split(',').map((f) => f.trim());
  const bad = list.filter((f) => !(MODEL_FAMILIES as readonly string[]).includes(f));
  if (bad.length > 0 || list.length === 0)
    throw new UsageError(`--families must list network and/or trees, comma-separated, got "${text}".`);
  return [...new Set(list)] as ModelFamily[];
}

export function parseCliArgs(argv: readonly string[]): CliArgs | 'help' {
  const values = readFlags(argv);
  if (values.help === true) return 'help';
  const dataFile = values['data-file'] ?? null;
  const manifest = values.manifest ?? null;
  const outputDir = values['output-dir'];
  if (dataFile === null && manifest === null) throw new UsageError('--data-file (or --manifest) is required.');
  if (outputDir === undefined) throw new UsageError('--output-dir is required.');
  const label = values.label ?? null;
  if (label !== null && label !== 'injected' && label !== 'legacy' && label !== 'horizon') {
    throw new UsageError(
      `--label must be injected or legacy (classic data), horizon or legacy (temporal data), got "${label}".`,
    );
  }
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got "${backend}".`);
  const calibration = CALIBRATION_METHODS.find((m) => m === (values.calibration ?? 'platt'));
  if (calibration === undefined)
    throw new UsageError(`--calibration must be platt, isotonic or none, got "${values.calibration ?? ''}".`);
  const split = values.split ?? 'grouped';
  if (split !== 'grouped' && split !== 'time') throw new UsageError(`--split must be grouped or time, got "${split}".`);
  return {
    dataFile,
    manifest,
    outputDir,
    label,
    families: parseFamilies(values.families),
    thresholdRule:
      values['threshold-rule'] === undefined ? CLASSIC.thresholdRule : parseThresholdRuleFlag(values['threshold-rule']),
    calibration,
    split,
    horizonDays: wholeNumber('horizon-days', values['horizon-days'], 1, 60),
    epochs: wholeNumber('epochs', values.epochs, 1, 500),
    seed: wholeNumber('seed', values.seed, 0, 4294967295),
    backend,
  };
}
