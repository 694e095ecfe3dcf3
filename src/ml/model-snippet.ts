import type { Calibrator } from '../domain/evaluation/calibration';
import { familyOf, type ModelFamily } from '../domain/training/run-types';
import { featureSetOf } from './feature-sets';
import { LAYERS_METADATA_KEY, type ModelFileMetadata } from './model-file-format';

/** Copy-paste code that loads an exported model and predicts one device. */
export interface ModelSnippets {
  /**
   * A web page. Network: loads model.json + weights.bin (served next to the page) with tf.loadLayersModel.
   * Trees: fetches the single JSON file and walks the trees in plain JavaScript (no library).
   */
  web: string;
  /** Node (ES module). Network: the single-file export with plain @tensorflow/tfjs, no native build. Trees: no dependency at all. */
  node: string;
}

type SnippetMetadata = Pick<ModelFileMetadata, 'featureNames' | 'standardizer' | 'slot' | 'version'> & {
  family?: ModelFamily;
  /** Absent or null: uncalibrated, the threshold applies to the model's output itself. */
  calibration?: Calibrator | null;
};

const round = (v: number): number => Math.round(v * 1000) / 1000;

/** An example device: the training means (a typical device), all of them for classic rows, a few otherwise. */
function exampleDevice(meta: SnippetMetadata, indent: string): string {
  const all = featureSetOf(meta.featureNames) !== 'temporal';
  const names = all ? meta.featureNames : meta.featureNames.slice(0, 6);
  const lines = names.map((n, i) => `${indent}  ${n}: ${round(meta.standardizer.mean[i] ?? 0)},`);
  if (!all)
    lines.push(
      `${indent}  // … the other ${meta.featureNames.length - names.length} features; a missing one counts as the training mean`,
    );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * What a missing feature becomes: 0 for classic rows (the original API's rule, and what this app does),
 * the training mean for temporal features (what training did with gaps).
 */
function missingValue(meta: SnippetMetadata): string {
  return featureSetOf(meta.featureNames) === 'temporal' ? 'standardizer.mean[i]' : '0';
}

const calibrated = (meta: SnippetMetadata): boolean => (meta.calibration ?? null) !== null;

/** What the snippet reads from the file's metadata (the calibrator only when the model has one). */
function metadataNames(meta: SnippetMetadata, names: readonly string[]): string {
  return `{ ${[...names, ...(calibrated(meta) ? ['calibration'] : [])].join(', ')} }`;
}

/**
 * `calibrate(p)`, the model's calibrator written out as `applyCalibrator` computes it (same formulas, same
 * order of operations, so the same doubles); empty for an uncalibrated model.
 */
function calibrateFunction(meta: SnippetMetadata, indent: string): string {
  const c = meta.calibration ?? null;
  if (c === null) return '';
  const lines =
    c.method === 'platt'
      ? [
          `/** Platt scaling fitted on validation devices (metadata.calibration): the threshold applies to its output. */`,
          `function calibrate(p) {`,
          `  const q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);`,
          `  const t = calibration.a * Math.log(q / (1 - q)) + calibration.b;`,
          `  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));`,
          `}`,
        ]
      : [
          `/** Isotonic calibration fitted on validation devices (metadata.calibration): linear between knots, flat beyond them. */`,
          `function calibrate(p) {`,
          `  const { x, y } = calibration;`,
          `  const last = x.length - 1;`,
          `  if (p <= x[0]) return y[0];`,
          `  if (p >= x[last]) return y[last];`,
          `  let i = 0;`,
          `  while (x[i + 1] <= p) i++;`,
          `  return y[i] + ((p - x[i]) * (y[i + 1] - y[i])) / (x[i + 1] - x[i]);`,
          `}`,
        ];
  return `${lines.map((l) => indent + l).join('\n')}\n\n`;
}

/** The last lines of `failureProbability`: the model's output p, calibrated when the model is. */
function probabilityReturn(meta: SnippetMetadata, output: string): string[] {
  if (!calibrated(meta)) return [`  return ${output};`];
  return [
    `  const p = ${output};`,
    `  // The threshold applies to the calibrated probability; 32-bit, as the app keeps it.`,
    `  return Math.fround(calibrate(p));`,
  ];
}

function predictFunction(meta: SnippetMetadata, indent: string): string {
  return [
    `/** P(failure) of one device: its features in the model's order, standardised (and clipped) as in training. */`,
    `function failureProbability(device) {`,
    `  const clip = standardizer.clip ?? Infinity;`,
    `  const x = featureNames.map((name, i) => {`,
    `    const raw = typeof device[name] === 'number' ? device[name] : ${missingValue(meta)};`,
    `    const z = (raw - standardizer.mean[i]) / standardizer.std[i];`,
    `    return Math.max(-clip, Math.min(clip, z));`,
    `  });`,
    ...probabilityReturn(meta, 'tf.tidy(() => model.predict(tf.tensor2d([x])).dataSync()[0])'),
    `}`,
  ]
    .map((l) => indent + l)
    .join('\n');
}

/**
 * The scoring function of a trees model, plain JavaScript over the single file's `model.trees`: each tree
 * is walked from node 0 to a leaf, leaf values are summed onto the base score, and the sigmoid gives
 * P(failure) (then calibrated, when the model is). Inputs are raw (never standardised) and rounded to 32-bit
 * floats as the app stores them, and so is the probability; a missing feature is NaN and follows each
 * split's learnt missing-value branch.
 */
function treesFunction(meta: SnippetMetadata, indent: string): string {
  return [
    `/** P(failure) of one device: raw features in the model's order (not standardised); a missing one is NaN. */`,
    `function failureProbability(device) {`,
    `  const x = featureNames.map((name) => (typeof device[name] === 'number' ? Math.fround(device[name]) : NaN));`,
    `  let score = baseScore;`,
    `  for (const t of trees) {`,
    `    let node = 0;`,
    `    while (t.feature[node] >= 0) {`,
    `      const v = x[t.feature[node]];`,
    `      const left = Number.isNaN(v) ? t.missingLeft[node] : v <= t.threshold[node];`,
    `      node = left ? t.left[node] : t.right[node];`,
    `    }`,
    `    score += t.value[node];`,
    `  }`,
    ...probabilityReturn(meta, 'Math.fround(1 / (1 + Math.exp(-score)))'),
    `}`,
  ]
    .map((l) => indent + l)
    .join('\n');
}

/** An example device for trees: the training means; a feature left out counts as missing (NaN). */
function treesExample(meta: SnippetMetadata, indent: string): string {
  const all = featureSetOf(meta.featureNames) !== 'temporal';
  const names = all ? meta.featureNames : meta.featureNames.slice(0, 6);
  const lines = names.map((n, i) => `${indent}  ${n}: ${round(meta.standardizer.mean[i] ?? 0)},`);
  if (!all)
    lines.push(
      `${indent}  // … the other ${meta.featureNames.length - names.length} features; a missing one is NaN and takes each split's missing-value branch`,
    );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** Snippets of a trees model: no TF.js, the single JSON file and ~25 lines of plain JavaScript. */
function treesSnippets(meta: SnippetMetadata, singleFileName: string): ModelSnippets {
  const web = [
    `<!-- HomeSynth trees model "${meta.slot}" v${meta.version}: serve ${singleFileName} next to this page. No library needed. -->`,
    `<script type="module">`,
    `  const file = await (await fetch('./${singleFileName}')).json();`,
    `  const ${metadataNames(meta, ['featureNames', 'threshold'])} = file.metadata;`,
    `  const { baseScore, trees } = file.model.trees;`,
    '',
    calibrateFunction(meta, '  ') + treesFunction(meta, '  '),
    '',
    `  const p = failureProbability(${treesExample(meta, '  ')});`,
    '  console.log(`failure probability: ${p.toFixed(6)} (predicted failure: ${p >= threshold})`);',
    `</script>`,
    '',
  ].join('\n');
  const node = [
    `// Node 18+, no dependencies. Save as predict.mjs next to ${singleFileName}, then run: node predict.mjs`,
    `import { readFile } from 'node:fs/promises';`,
    '',
    `const file = JSON.parse(await readFile(new URL('./${singleFileName}', import.meta.url), 'utf8'));`,
    `const ${metadataNames(meta, ['featureNames', 'threshold'])} = file.metadata;`,
    `const { baseScore, trees } = file.model.trees;`,
    '',
    calibrateFunction(meta, '') + treesFunction(meta, ''),
    '',
    `const p = failureProbability(${treesExample(meta, '')});`,
    'console.log(`failure probability: ${p.toFixed(6)} (predicted failure: ${p >= threshold})`);',
    '',
  ].join('\n');
  return { web, node };
}

/** The web and Node snippets for a model, given the single file's name and the TF.js version to load. */
export function modelSnippets(meta: SnippetMetadata, singleFileName: string, tfjsVersion: string): ModelSnippets {
  if (familyOf(meta) === 'trees') return treesSnippets(meta, singleFileName);
  const web = [
    `<!-- HomeSynth model "${meta.slot}" v${meta.version}: serve model.json and weights.bin next to this page. -->`,
    `<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@${tfjsVersion}/dist/tf.min.js"></script>`,
    `<script type="module">`,
    `  const model = await tf.loadLayersModel('./model.json');`,
    `  const ${metadataNames(meta, ['featureNames', 'standardizer', 'threshold'])} = model.getUserDefinedMetadata().${LAYERS_METADATA_KEY};`,
    '',
    calibrateFunction(meta, '  ') + predictFunction(meta, '  '),
    '',
    `  const p = failureProbability(${exampleDevice(meta, '  ')});`,
    '  console.log(`failure probability: ${p.toFixed(6)} (predicted failure: ${p >= threshold})`);',
    `</script>`,
    '',
  ].join('\n');
  const node = [
    `// Node 18+: npm install @tensorflow/tfjs@${tfjsVersion}  (pure JavaScript, no native build)`,
    `// Save as predict.mjs next to ${singleFileName}, then run: node predict.mjs`,
    `import * as tf from '@tensorflow/tfjs';`,
    `import { readFile } from 'node:fs/promises';`,
    '',
    `const file = JSON.parse(await readFile(new URL('./${singleFileName}', import.meta.url), 'utf8'));`,
    `const bytes = Buffer.from(file.model.weightsBase64, 'base64');`,
    `const model = await tf.loadLayersModel(`,
    `  tf.io.fromMemory({`,
    `    modelTopology: file.model.modelTopology,`,
    `    weightSpecs: file.model.weightSpecs,`,
    `    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),`,
    `  }),`,
    `);`,
    `const ${metadataNames(meta, ['featureNames', 'standardizer', 'threshold'])} = file.metadata;`,
    '',
    calibrateFunction(meta, '') + predictFunction(meta, ''),
    '',
    `const p = failureProbability(${exampleDevice(meta, '')});`,
    'console.log(`failure probability: ${p.toFixed(6)} (predicted failure: ${p >= threshold})`);',
    '',
  ].join('\n');
  return { web, node };
}
