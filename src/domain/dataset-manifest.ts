import { parseClassicSpec, type ClassicSpec } from './classic/classic-spec';
import { stableJson } from './stable-json';
import { parseTemporalSpec, type TemporalSpec } from './temporal/spec';

export type DatasetKind = 'classic' | 'temporal';

/** What regenerates a dataset exactly: its kind, the generator's validated spec and the app version. */
export interface DatasetManifest {
  kind: string;
  spec: Record<string, unknown>;
  appVersion: string;
}

/**
 * What identifies a dataset's content: its kind and its generator's spec, keys sorted. Equal data has equal
 * keys whatever its stored record's id (a second generation with the same settings, a manifest import), so
 * seeds derived from it (a run's split, its resamples) give the same numbers on the same data.
 */
export function datasetContentKey(manifest: Pick<DatasetManifest, 'kind' | 'spec'>): string {
  // Parsed first, so a record stored before a setting with a default existed keys like its regenerated copy.
  const parsed =
    manifest.kind === 'classic'
      ? parseClassicSpec(manifest.spec)
      : manifest.kind === 'temporal'
        ? parseTemporalSpec(manifest.spec)
        : null;
  return `${manifest.kind}:${stableJson(parsed?.ok ? parsed.spec : manifest.spec)}`;
}

/** A dataset manifest file (what the Datasets page exports): enough to regenerate the dataset exactly. */
export type ManifestFile = { name: string } & (
  { kind: 'classic'; spec: ClassicSpec } | { kind: 'temporal'; spec: TemporalSpec }
);

/** Validates an exported manifest; every problem is a sentence the user can act on. */
export function parseManifest(text: string): ManifestFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('This file is not JSON. Choose a .manifest.json file exported from a dataset.');
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    (data as { format?: unknown }).format !== 'homesynth-dataset-manifest'
  ) {
    throw new Error('This JSON file is not a HomeSynth dataset manifest (no "format": "homesynth-dataset-manifest").');
  }
  const m = data as { kind?: unknown; spec?: unknown; name?: unknown; version?: unknown };
  if (m.version !== 1)
    throw new Error(`This manifest has format version ${String(m.version)}; this app reads version 1.`);
  const name = typeof m.name === 'string' && m.name.trim() ? m.name : 'Imported dataset';
  if (m.kind === 'classic') {
    const r = parseClassicSpec(m.spec);
    if (!r.ok)
      throw new Error(
        `The manifest's settings are invalid: ${r.errors.map((e) => `${e.field}: ${e.message}`).join(' ')}`,
      );
    return { name, kind: 'classic', spec: r.spec };
  }
  if (m.kind === 'temporal') {
    const r = parseTemporalSpec(m.spec);
    if (!r.ok)
      throw new Error(
        `The manifest's settings are invalid: ${r.errors.map((e) => `${e.field}: ${e.message}`).join(' ')}`,
      );
    return { name, kind: 'temporal', spec: r.spec };
  }
  throw new Error('The manifest names no dataset kind (classic or temporal).');
}
