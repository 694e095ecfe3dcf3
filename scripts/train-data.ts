import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { datasetContentKey, parseManifest } from '../src/domain/dataset-manifest';
import { LEGACY_LABEL_WARNING } from '../src/domain/legacy-label';
import { generateTemporal } from '../src/domain/temporal/generate';
import { defaultTemporalSpec, type TemporalSpec } from '../src/domain/temporal/spec';
import type { LabelChoice } from '../src/domain/training/run-types';
import { classicTable, temporalTable, type TrainingTable } from '../src/ml/training-table';
import { sampleDeviceId } from '../src/services/temporal-export';
import { parseClassicJsonFile } from './classic-json-file';
import { readTemporalSamplesFile } from './temporal-samples-file';
import type { CliArgs } from './train-args';

/**
 * What `npm run train` trains on: a classic JSON file, a temporal samples file, or a temporal dataset
 * regenerated from its manifest, read into the app's training table with its label and notes.
 */

/** What the CLI trains on, read from the files it was given. */
export interface LoadedData {
  kind: 'classic' | 'temporal';
  table: TrainingTable;
  /** Per group (device) its id, for test_predictions.csv; null for classic files. */
  deviceIds: string[] | null;
  label: LabelChoice;
  /** Names the dataset in the model records. */
  datasetId: string;
  /**
   * Seeds the split: the same content always gets the same test set. For a manifest it is the app's key of
   * the same dataset (`datasetContentKey`), so the CLI and the app split it alike; for a file, its hash.
   */
  dataKey: string;
  spec: Record<string, unknown>;
  notes: string[];
}

async function fileHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}

/** Reads the first bytes: temporal samples carry "label" and "time", the classic format neither. */
async function isTemporalFile(file: string): Promise<boolean> {
  if (file.toLowerCase().endsWith('.csv')) return true;
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(16_384), 0, 16_384, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    return /"label"\s*:/.test(head) && /"time"\s*:/.test(head);
  } finally {
    await handle.close();
  }
}

function temporalLabel(args: CliArgs): LabelChoice {
  if (args.label === 'injected')
    throw new Error(
      '--label injected is for classic files; temporal data is labelled horizon ("fails within H days") or legacy.',
    );
  return args.label ?? 'horizon';
}

async function readManifestSpec(file: string): Promise<TemporalSpec> {
  const manifest = parseManifest(await readFile(file, 'utf8'));
  if (manifest.kind !== 'temporal')
    throw new Error(
      `${file} is a classic dataset manifest; generate it with npm run generate and pass the JSON file with --data-file.`,
    );
  return manifest.spec;
}

export async function loadData(args: CliArgs): Promise<LoadedData> {
  const spec = args.manifest !== null ? await readManifestSpec(args.manifest) : null;
  if (args.dataFile === null) {
    if (spec === null) throw new Error('--data-file (or --manifest) is required.');
    const chunks = [...generateTemporal(spec)];
    const table = temporalTable(chunks, spec.horizonDays);
    const devices = chunks.reduce((s, c) => s + c.devices.deviceIndex.length, 0);
    const deviceIds = Array.from({ length: devices }, (_, i) => sampleDeviceId(i));
    const specHash = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
    return {
      kind: 'temporal',
      table,
      deviceIds,
      label: temporalLabel(args),
      datasetId: `manifest-sha256:${specHash}`,
      dataKey: datasetContentKey({ kind: 'temporal', spec: { ...spec } }),
      spec: { ...spec },
      notes: [
        `Regenerated ${spec.homes} homes × ${spec.days} days from ${args.manifest ?? ''} (${table.n.toLocaleString('en-US')} samples).`,
      ],
    };
  }
  const dataFile = args.dataFile;
  await open(dataFile, 'r')
    .then((h) => h.close())
    .catch((e: unknown) => {
      throw new Error(`Cannot read ${dataFile}: ${e instanceof Error ? e.message : String(e)}`);
    });
  const datasetId = `file-sha256:${await fileHash(dataFile)}`;
  if (await isTemporalFile(dataFile)) {
    const horizonDays = spec?.horizonDays ?? args.horizonDays ?? defaultTemporalSpec().horizonDays;
    const file = await readTemporalSamplesFile(dataFile, horizonDays, () => readFile(dataFile, 'utf8'));
    const notes = [
      `Read ${file.table.n.toLocaleString('en-US')} temporal samples of ${file.deviceIds.length} devices from ${dataFile} (label horizon ${horizonDays} days).`,
    ];
    if (!file.scenarioKnown)
      notes.push('The file has no truth_failure_scenario column: recall per failure scenario is left empty.');
    return {
      kind: 'temporal',
      table: file.table,
      deviceIds: file.deviceIds,
      label: temporalLabel(args),
      datasetId,
      dataKey: datasetId,
      spec: spec ? { ...spec } : { horizonDays },
      notes,
    };
  }
  if (args.label === 'horizon')
    throw new Error(
      '--label horizon needs a temporal dataset; a classic file has one snapshot per device. Use injected or legacy.',
    );
  const file = parseClassicJsonFile(await readFile(dataFile, 'utf8'));
  const table = classicTable([file.columns], { scenarioKnown: file.scenarioKnown });
  // The original labelled the values as written in the file, not their Float32 copies.
  table.labels.legacy = file.legacy;
  const label: LabelChoice = args.label ?? (file.scenarioKnown ? 'injected' : 'legacy');
  if (label === 'injected' && !file.scenarioKnown) {
    throw new Error(
      '--label injected needs a failure_scenario on every record; the original file format has none. Use --label legacy.',
    );
  }
  const notes = [`Read ${table.n.toLocaleString('en-US')} records from ${dataFile}.`];
  if (file.withoutHomeType > 0)
    notes.push(`${file.withoutHomeType} records have no home_type and train no per-home-type model.`);
  if (label === 'legacy') {
    notes.push(
      args.label === null
        ? `Label: legacy rule, because the original file format carries no injected-scenario label. ${LEGACY_LABEL_WARNING}`
        : `Label: legacy rule. ${LEGACY_LABEL_WARNING}`,
    );
  } else notes.push('Label: injected failure scenario (ground truth from failure_scenario).');
  return { kind: 'classic', table, deviceIds: null, label, datasetId, dataKey: datasetId, spec: {}, notes };
}
