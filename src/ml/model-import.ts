import type { z } from 'zod';
import { parseGbdtModel, predictGbdt } from '../domain/evaluation/gbdt';
import { applyStandardizer } from '../domain/evaluation/standardize';
import { decodeBase64 } from './base64';
import { featureNamesProblem } from './feature-sets';
import { artifactsToModel } from './model-artifacts';
import type { ModelArtifacts } from '../domain/models/model-types';
import type { ModelBody } from './model-body';
import {
  LAYERS_METADATA_KEY,
  layersModelJsonSchema,
  MODEL_FILE_FORMAT,
  MODEL_FILE_VERSION,
  modelFileMetadataSchema,
  singleFileModelSchema,
  type ModelFileMetadata,
} from './model-file-format';
import { NETWORK_LIMITS } from './topology-weights';
import { MAX_MODEL_JSON_BYTES } from '../domain/model-file-limits';
import { predictProba } from './train-loop';

import { checkNetwork, fail, ModelImportError } from './network-file-checks';

export { ModelImportError } from './network-file-checks';

/** One chosen file, read into memory on the main thread and sent to the worker. */
export interface ModelFileInput {
  name: string;
  data: ArrayBuffer;
}

/** A model file that passed every check: ready to store. */
export interface ParsedModel {
  /** The network's TF.js artifacts, or the trees. */
  body: ModelBody;
  metadata: ModelFileMetadata;
  source: 'single-file' | 'layers';
}

/** The network of a parsed file (tests and the TF.js checks); throws for trees. */
export function parsedArtifacts(parsed: ParsedModel): ModelArtifacts {
  if (parsed.body.family !== 'network')
    throw new ModelImportError('This model file holds boosted trees, not a TF.js network.');
  return parsed.body.artifacts;
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((i) => `${i.path.join('.') || 'file'}: ${i.message}`)
    .join('; ');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readJson(file: ModelFileInput): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
  } catch {
    return fail(
      `"${file.name}" is not a text file, so not a model file. Choose the .json file exported from the Models page.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? ` (${e.message})` : '';
    return fail(
      `"${file.name}" is not JSON${why}. Choose the .json file exported from the Models page, or model.json with weights.bin.`,
    );
  }
}

/** A newer file may have a different layout: refuse it by its version before reading anything else. */
function checkFormatVersion(version: unknown): void {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    fail('The model file has no valid format version ("formatVersion" must be a whole number).');
  }
  if (typeof version === 'number' && version > MODEL_FILE_VERSION) {
    fail(
      `This model file has format version ${version}; this app reads versions up to ${MODEL_FILE_VERSION}. It was written by a newer HomeSynth Workbench: update the app to import it.`,
    );
  }
}

function parseMetadata(value: unknown): ModelFileMetadata {
  if (!isRecord(value))
    return fail('The model file has no metadata (feature names, normalisation, metrics), so it cannot be used here.');
  checkFormatVersion(value.formatVersion);
  const r = modelFileMetadataSchema.safeParse(value);
  if (!r.success) return fail(`The model's metadata is incomplete or damaged: ${issues(r.error)}.`);
  return r.data;
}

function bytesOf(buffer: Uint8Array<ArrayBuffer>): ArrayBuffer {
  return buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength
    ? buffer.buffer
    : buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
}

function parseNetworkBlock(model: Record<string, unknown>): ModelBody {
  if (typeof model.weightsBase64 !== 'string' || model.weightsBase64.trim() === '') {
    fail('The weights are missing from this file (no "weightsBase64"). Export the model again.');
  }
  const r = singleFileModelSchema.safeParse(model);
  if (!r.success) return fail(`The model block is incomplete or damaged: ${issues(r.error)}.`);
  const bytes = decodeBase64(r.data.weightsBase64);
  if (bytes === null)
    return fail('The weights are not valid base64: the file was cut off or edited. Export the model again.');
  return {
    family: 'network',
    artifacts: {
      modelTopology: r.data.modelTopology,
      weightSpecs: r.data.weightSpecs,
      weightData: bytesOf(bytes),
      format: r.data.format,
      generatedBy: r.data.generatedBy,
      convertedBy: r.data.convertedBy,
    },
  };
}

function parseTreesBlock(model: Record<string, unknown>): ModelBody {
  if (model.trees === undefined)
    return fail('The trees are missing from this file (no "model.trees"). Export the model again.');
  try {
    return { family: 'trees', trees: parseGbdtModel(model.trees) };
  } catch (e) {
    return fail(`The trees are damaged: ${e instanceof Error ? e.message : String(e)}. Export the model again.`);
  }
}

function parseSingleFile(data: Record<string, unknown>): ParsedModel {
  checkFormatVersion(data.formatVersion);
  const model = data.model;
  if (!isRecord(model)) return fail('The file has no "model" block (a network\'s topology and weights, or trees).');
  // Version 1 files have no family: they are networks.
  const family = model.family ?? 'network';
  if (family !== 'network' && family !== 'trees') {
    return fail(
      `Unknown model family ${JSON.stringify(family)}: this app reads "network" (TF.js) and "trees" (boosted trees) models.`,
    );
  }
  const body = family === 'trees' ? parseTreesBlock(model) : parseNetworkBlock(model);
  const metadata = parseMetadata(data.metadata);
  if (metadata.family !== body.family) {
    fail(
      `The model block holds a ${body.family === 'trees' ? 'trees model' : 'network'} but the metadata says "${metadata.family}": the file was edited or damaged.`,
    );
  }
  return { body, metadata, source: 'single-file' };
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

function parseLayersFiles(
  data: Record<string, unknown>,
  jsonName: string,
  binaries: readonly ModelFileInput[],
): ParsedModel {
  const udm = data.userDefinedMetadata;
  const meta = isRecord(udm) ? udm[LAYERS_METADATA_KEY] : undefined;
  if (meta === undefined) {
    fail(
      `"${jsonName}" is a TF.js model without HomeSynth metadata (userDefinedMetadata.${LAYERS_METADATA_KEY}): its feature names and normalisation are unknown, so it cannot be used here.`,
    );
  }
  const metadata = parseMetadata(meta);
  if (metadata.family !== 'network') {
    fail(
      `"${jsonName}" is a TF.js layers model, which is always a network, but its metadata says "${metadata.family}": the file was edited or damaged.`,
    );
  }
  const r = layersModelJsonSchema.safeParse(data);
  if (!r.success) return fail(`"${jsonName}" is incomplete or damaged: ${issues(r.error)}.`);
  const paths = r.data.weightsManifest.flatMap((g) => g.paths);
  const parts: Uint8Array[] = [];
  for (const path of paths) {
    const wanted = baseName(path);
    // Browsers rename repeated downloads ("weights (1).bin"): with one weights file and one path, take it.
    const file =
      binaries.find((b) => baseName(b.name) === wanted) ??
      (paths.length === 1 && binaries.length === 1 ? binaries[0] : undefined);
    if (!file) {
      fail(
        `The weights file "${wanted}" is missing. Choose ${jsonName} and ${wanted} together (select both in the file dialog).`,
      );
    } else parts.push(new Uint8Array(file.data));
  }
  const joined = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return {
    body: {
      family: 'network',
      artifacts: {
        modelTopology: r.data.modelTopology,
        weightSpecs: r.data.weightsManifest.flatMap((g) => g.weights),
        weightData: joined.buffer,
        format: r.data.format,
        generatedBy: r.data.generatedBy,
        convertedBy: r.data.convertedBy,
      },
    },
    metadata,
    source: 'layers',
  };
}

/** Checks that need no TF.js: what the model is for, its features, normalisation, and weight sizes or trees. */
function checkContents(parsed: ParsedModel): void {
  const { metadata, body } = parsed;
  if (metadata.kind !== 'failure')
    fail('Only failure models can be imported; home-type classifiers are not supported yet.');
  if (metadata.homeType !== (metadata.slot === 'global' ? null : metadata.slot)) {
    fail(`The metadata's slot (${metadata.slot}) and home type (${String(metadata.homeType)}) disagree.`);
  }
  const problem = featureNamesProblem(metadata.featureNames);
  if (problem !== null) fail(problem);
  const d = metadata.featureNames.length;
  if (metadata.standardizer.mean.length !== d) {
    fail(`The normalisation has ${metadata.standardizer.mean.length} columns for ${d} features.`);
  }
  if (body.family === 'trees') {
    if (body.trees.featureCount !== d)
      fail(
        `The trees read ${body.trees.featureCount} features, but the metadata lists ${d}: they do not belong together.`,
      );
    if (body.trees.trees.length === 0)
      fail('The file holds no tree: the model would answer the same probability for every device.');
    return;
  }
  checkNetwork(body.artifacts, metadata);
}

function checkProbability(p: number | undefined): void {
  if (p === undefined || !(p >= 0 && p <= 1))
    fail(`The model answers ${String(p)} for an average device instead of a probability: it is damaged.`);
}

/** Loads the network for real and runs it on the training mean: the prediction must be a probability. */
async function checkPrediction(artifacts: ModelArtifacts, metadata: ModelFileMetadata): Promise<void> {
  const model = await artifactsToModel(artifacts).catch((e: unknown) =>
    fail(`TensorFlow.js could not load the model: ${e instanceof Error ? e.message : String(e)}`),
  );
  try {
    const { standardizer } = metadata;
    const x = applyStandardizer(Float32Array.from(standardizer.mean), standardizer.mean.length, standardizer);
    checkProbability(predictProba(model, x, 1, standardizer.mean.length)[0]);
  } finally {
    model.dispose();
  }
}

const bytesText = (bytes: number): string => `${bytes.toLocaleString('en-US')} bytes`;

/** Refuses files larger than any model this app accepts, before a byte of them is decoded or copied. */
function checkFileSizes(json: ModelFileInput, binaries: readonly ModelFileInput[]): void {
  if (json.data.byteLength > MAX_MODEL_JSON_BYTES) {
    fail(
      `"${json.name}" is ${bytesText(json.data.byteLength)}; this app imports model files of up to ${MAX_MODEL_JSON_BYTES / 1e6} MB (networks of up to ${NETWORK_LIMITS.maxParameters.toLocaleString('en-US')} parameters), so it is not a model this app can use.`,
    );
  }
  const weights = binaries.reduce((s, b) => s + b.data.byteLength, 0);
  if (weights > NETWORK_LIMITS.maxWeightBytes) {
    fail(
      `The weights files hold ${bytesText(weights)}; this app imports networks of up to ${NETWORK_LIMITS.maxWeightBytes / 1e6} MB of weights (${NETWORK_LIMITS.maxParameters.toLocaleString('en-US')} parameters).`,
    );
  }
}

/**
 * Parses and validates model files: the single JSON export (a network or trees), or model.json with its
 * weights file(s). Needs no TF.js and creates no tensor: file sizes are capped before parsing, and a
 * network's topology is walked from its JSON (size limits, input width, probability output, every weight
 * against the manifest and the bytes) before anything is built. Throws ModelImportError with a sentence
 * naming the problem (not JSON, too large, missing or truncated weights, a layer this app does not use,
 * damaged trees, an unknown family, unknown or reordered features, a newer format version…).
 */
export function parseModelFiles(files: readonly ModelFileInput[]): ParsedModel {
  if (files.length === 0) return fail('Choose a model file.');
  const jsons = files.filter((f) => !/\.bin$/i.test(f.name));
  const binaries = files.filter((f) => /\.bin$/i.test(f.name));
  if (jsons.length === 0)
    return fail(
      'Only weights were chosen. Choose model.json together with its weights file, or the single .json export.',
    );
  if (jsons.length > 1) return fail(`Choose one model at a time: ${jsons.length} JSON files were chosen.`);
  const [file] = jsons;
  if (!file) return fail('Choose a model file.');
  checkFileSizes(file, binaries);
  const data = readJson(file);
  if (!isRecord(data)) return fail(`"${file.name}" is JSON but not a model file.`);
  let parsed: ParsedModel;
  if (data.format === MODEL_FILE_FORMAT) parsed = parseSingleFile(data);
  else if ('weightsManifest' in data && 'modelTopology' in data) parsed = parseLayersFiles(data, file.name, binaries);
  else {
    return fail(
      `"${file.name}" is JSON but not a HomeSynth model: it has neither "format": "${MODEL_FILE_FORMAT}" nor a TF.js weights manifest.`,
    );
  }
  checkContents(parsed);
  return parsed;
}

/**
 * Runs a parsed model once on the training mean (trees in plain TypeScript; a network loaded by TF.js, so
 * the caller activates its TF.js backend first): the answer must be a probability. Resolves with the model.
 */
export async function checkModelRuns(parsed: ParsedModel): Promise<ParsedModel> {
  const { body, metadata } = parsed;
  if (body.family === 'trees') {
    const d = metadata.featureNames.length;
    checkProbability(predictGbdt(body.trees, Float32Array.from(metadata.standardizer.mean), 1, d)[0]);
    return parsed;
  }
  await checkPrediction(body.artifacts, metadata);
  return parsed;
}

/** Everything `parseModelFiles` checks, then one prediction (`checkModelRuns`). Resolves only for a model that works. */
export async function readModelFiles(files: readonly ModelFileInput[]): Promise<ParsedModel> {
  return checkModelRuns(parseModelFiles(files));
}
