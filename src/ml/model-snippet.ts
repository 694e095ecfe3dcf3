import { familyOf, type ModelFamily } from '../storage/records';
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

type SnippetMetadata = Pick<ModelFileMetadata, 'featureNames' | 'standardizer' | 'slot' | 'version'> & { family?: ModelFamily };

const round = (v: number): number => Math.round(v * 1000) / 1000;

/** An example device: the training means (a typical device), all of them for classic rows, a few otherwise. */
function exampleDevice(meta: SnippetMetadata, indent: string): string {
  const all = featureSetOf(meta.featureNames) !== 'temporal';
  const names = all ? meta.featureNames : meta.featureNames.slice(0, 6);
  const lines = names.map((n, i) => `${indent}  ${n}: ${round(meta.standardizer.mean[i] ?? 0)},`);
  if (!all) lines.push(`${indent}  // … the other ${meta.featureNames.length - names.length} features; a missing one counts as the training mean`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * What a missing feature becomes: 0 for classic rows (the original API's rule, and what this app does),
 * the training mean for temporal features (what training did with gaps).
 */
function missingValue(meta: SnippetMetadata): string {
  return featureSetOf(meta.featureNames) === 'temporal' ? 'standardizer.mean[i]' : '0';
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
    `  return tf.tidy(() => model.predict(tf.tensor2d([x])).dataSync()[0]);`,
    `}`,
  ]
    .map((l) => indent + l)
    .join('\n');
}

/**
 * The scoring function of a trees model, plain JavaScript over the single file's `model.trees`: each tree
 * is walked from node 0 to a leaf, leaf values are summed onto the base score, and the sigmoid gives
 * P(failure). Inputs are raw (never standardised) and rounded to 32-bit floats as the app stores them; a
 * missing feature is NaN and follows each split's learnt missing-value branch.
 */
function treesFunction(indent: string): string {
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
    `  return 1 / (1 + Math.exp(-score));`,
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
  if (!all) lines.push(`${indent}  // … the other ${meta.featureNames.length - names.length} features; a missing one is NaN and takes each split's missing-value branch`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** Snippets of a trees model: no TF.js, the single JSON file and ~25 lines of plain JavaScript. */
function treesSnippets(meta: SnippetMetadata, singleFileName: string): ModelSnippets {
  const web = [
    `<!-- HomeSynth trees model "${meta.slot}" v${meta.version}: serve ${singleFileName} next to this page. No library needed. -->`,
    `<script type="module">`,
    `  const file = await (await fetch('./${singleFileName}')).json();`,
    `  const { featureNames, threshold } = file.metadata;`,
    `  const { baseScore, trees } = file.model.trees;`,
    '',
    treesFunction('  '),
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
    `const { featureNames, threshold } = file.metadata;`,
    `const { baseScore, trees } = file.model.trees;`,
    '',
    treesFunction(''),
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
    `  const { featureNames, standardizer, threshold } = model.getUserDefinedMetadata().${LAYERS_METADATA_KEY};`,
    '',
    predictFunction(meta, '  '),
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
    `const { featureNames, standardizer, threshold } = file.metadata;`,
    '',
    predictFunction(meta, ''),
    '',
    `const p = failureProbability(${exampleDevice(meta, '')});`,
    'console.log(`failure probability: ${p.toFixed(6)} (predicted failure: ${p >= threshold})`);',
    '',
  ].join('\n');
  return { web, node };
}
