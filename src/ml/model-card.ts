import { describeCalibrator } from '../domain/evaluation/calibration';
import type { GbdtModel } from '../domain/evaluation/gbdt';
import type { MetricName } from '../domain/evaluation/metric-labels';
import { describeThresholdRule } from '../domain/evaluation/operating-threshold';
import { featureSetOf } from './feature-sets';
import { treesShape, type ModelBody } from './model-body';
import type { ModelFileMetadata, TrainingProvenance } from './model-file-format';
import { layerNames, piecewiseLinearEncodingWidth } from './topology-layers';

const METRICS: readonly [MetricName, string][] = [
  ['accuracy', 'Accuracy'],
  ['precision', 'Precision'],
  ['recall', 'Recall'],
  ['f1', 'F1'],
  ['rocAuc', 'ROC-AUC'],
  ['prAuc', 'PR-AUC'],
  ['logLoss', 'Log loss'],
];

const num = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const human = (slot: string): string => slot.replace(/_/g, ' ');

/** A Markdown table; cells must not contain "|" (ours are numbers, names and short words). */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function horizonDays(meta: ModelFileMetadata): string {
  const h = meta.datasetManifest.spec.horizonDays;
  return typeof h === 'number' ? `${h} days` : 'the horizon H of its dataset';
}

function whatItPredicts(meta: ModelFileMetadata): string {
  switch (meta.training?.label) {
    case 'horizon':
      return `the probability that a device **fails within the next ${horizonDays(meta)}**, from a summary of its recent telemetry window. The label comes from the simulated ground truth (failure onset), not from the features.`;
    case 'injected':
      return 'the probability that a device **carries an injected failure scenario**, from one snapshot row of its 11 metrics (classic data: one row per device, no time axis). It detects a present failure signature; it does not forecast.';
    case 'legacy':
      return "the original's **three-threshold rule** (error_rate > 0.1 or battery_level < 20 or response_time > 2000). That label is a function of three of the inputs, so a high score here is a leak, not skill.";
    default:
      return 'the probability that a device fails. The label it was trained on is not recorded in this copy of the model (its training run is not available).';
  }
}

function limits(meta: ModelFileMetadata): string[] {
  const out = [
    'Trained and tested on **synthetic** data from HomeSynth Workbench; it has not seen real devices, and its scores say nothing about them until it is validated on real telemetry.',
    meta.family === 'trees'
      ? 'Beyond the training range (see the table of inputs) the trees answer as at its edge: they cannot extrapolate a trend, and new kinds of devices fall into leaves fitted on others.'
      : 'Inputs far outside the training range (see the normalisation table) give extrapolated, unreliable probabilities.',
    'The risk bands (critical ≥ 0.8, high ≥ 0.6, medium ≥ 0.4, low ≥ 0.2, minimal) and recommendations are the original system’s fixed rules, not calibrated to costs.',
    'There is no anomaly model: `anomaly_score` is always 0 in predictions from this app.',
  ];
  const t = meta.training;
  if (t && t.counts.testPositives < 30) {
    out.push(
      `Only ${t.counts.testPositives} positive test samples: the intervals above are wide, and differences between models within them are noise.`,
    );
  }
  if (meta.slot !== 'global') {
    out.push(
      fineTuned(meta)
        ? `A per-home-type network fine-tuned on ${human(meta.slot)} devices only, from the global network: compare it with the global model of the same run before preferring it.`
        : `A per-home-type model sees only ${human(meta.slot)} devices: compare it with the global model of the same run before preferring it.`,
    );
  }
  if (t?.label === 'legacy') out.push('The legacy label leaks: do not use this model to judge skill.');
  if (t?.label === 'injected')
    out.push(
      'Classic rows are single snapshots: the model cannot see trends, and "sudden" failures are barely predictable from one row.',
    );
  return out;
}

/** A per-home-type network that started from the global network of its run (warm start). */
function fineTuned(meta: ModelFileMetadata): boolean {
  return meta.family === 'network' && meta.slot !== 'global' && meta.training?.network?.warmStart === true;
}

const pct = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(0)} %` : '—');

/** "… at least **0.31**, the threshold with the highest F1 on validation devices (there: precision …)." */
function thresholdSentence(meta: ModelFileMetadata): string {
  const head = `A device counts as failing when the probability is at least **${meta.threshold}**`;
  const rule = meta.thresholdRule;
  if (rule === null) {
    return meta.threshold === 0.5
      ? `${head} (the fixed 0.5 of models trained before thresholds were chosen on validation devices).`
      : `${head} (how it was chosen is not recorded in this copy of the model).`;
  }
  const v = meta.training?.thresholdValidation ?? null;
  const chosen =
    rule.kind === 'fixed'
      ? `a threshold ${describeThresholdRule(rule)}`
      : `chosen by the rule: ${describeThresholdRule(rule)}`;
  if (v === null) return `${head}, ${chosen}.`;
  const parts = [`precision ${num(v.precision)}`, `recall ${num(v.recall)}`, `F1 ${num(v.f1)}`];
  if (v.falseAlarmsPer100DeviceMonths !== null)
    parts.push(`${num(v.falseAlarmsPer100DeviceMonths, 1)} false alarms per 100 device-months`);
  return `${head}, ${chosen}. On those validation devices it reached ${parts.join(', ')}.${v.note ? ` ${v.note}` : ''}`;
}

/** Whether the threshold applies to calibrated probabilities, and how they were calibrated. */
function calibrationSentence(meta: ModelFileMetadata): string {
  if (meta.calibration === null)
    return "Its scores are not calibrated: the threshold applies to the model's output itself.";
  return `Its scores are calibrated by ${describeCalibrator(meta.calibration)}; the threshold applies to calibrated probabilities.`;
}

function inputsSentence(meta: ModelFileMetadata): string {
  const set = featureSetOf(meta.featureNames);
  const what = `Inputs: ${meta.featureNames.length} features (${set === 'temporal' ? 'temporal window summary' : set === 'classic' ? 'the 11 classic metrics' : 'custom set'}), in this order`;
  if (meta.family === 'trees') {
    return `${what}, as raw values: the trees are not standardised, so the mean and std below only describe the training data. A missing feature is NaN and follows each split's learnt missing-value branch.`;
  }
  const clip = meta.standardizer.clip;
  const scaled = `each standardised as (x − mean) / std with the training-set values below${clip !== undefined ? `, then clipped to ±${clip}` : ''}.`;
  return `${what}, ${scaled} ${set === 'temporal' ? 'A missing feature counts as the training mean.' : 'A missing metric counts as 0, as in the original API.'}`;
}

function inputsTable(meta: ModelFileMetadata, trees: GbdtModel | null): string {
  const row = (f: string, i: number): string[] => [
    String(i + 1),
    `\`${f}\``,
    num(meta.standardizer.mean[i] ?? Number.NaN, 4),
    num(meta.standardizer.std[i] ?? Number.NaN, 4),
  ];
  if (trees === null) return table(['#', 'feature', 'mean', 'std'], meta.featureNames.map(row));
  const total = trees.featureImportance.reduce((a, b) => a + b, 0);
  return table(
    ['#', 'feature', 'training mean', 'training std', 'share of split gain'],
    meta.featureNames.map((f, i) => [...row(f, i), total > 0 ? pct((trees.featureImportance[i] ?? 0) / total) : '—']),
  );
}

function networkSection(t: TrainingProvenance | null, meta: ModelFileMetadata, body: ModelBody | null): string[] {
  const n = t?.network ?? null;
  const topology = body?.family === 'network' ? body.artifacts.modelTopology : null;
  if (n === null && topology === null) return [];
  const lines: string[] = [];
  if (n !== null && t !== null) {
    lines.push(
      `Dense network: ${n.hiddenUnits.length > 0 ? `hidden layers of ${n.hiddenUnits.join(' → ')} units (ReLU), dropout ${n.dropout}` : 'no hidden layer (logistic regression)'}, one sigmoid output. Adam, learning rate ${n.learningRate}, batch ${n.batchSize}, up to ${n.epochs} epochs with early stopping (patience ${n.patience}; best epoch ${t.bestEpoch + 1} of ${t.epochs} kept), ${n.classWeights ? 'balanced class weights' : 'no class weights'}, seed ${n.seed}. Run: ${t.runName}.`,
    );
  } else if (topology !== null) {
    lines.push(
      `Dense network, layers: ${layerNames(topology).join(' → ') || 'not readable'}. How it was trained is not recorded in this copy of the model.`,
    );
  }
  const encoded = topology === null ? null : piecewiseLinearEncodingWidth(topology);
  if (encoded !== null) {
    lines.push(
      `Its first layers are a **piecewise-linear encoding** of the standardised inputs into ${encoded} columns (each feature split at quantiles of the training rows; a frozen Dense layer and a ReLU capped at 1, plain TF.js layers), which lets a small network place sharp per-feature thresholds.`,
    );
  }
  if (fineTuned(meta)) {
    lines.push(
      `It was **fine-tuned from the global network** of the same run (trained on every home type's training devices) with a smaller learning rate on ${human(meta.slot)} devices, keeping the global network's input scaling; the starting weights would have been kept had no epoch beaten them on validation.`,
    );
  }
  return ['## Network and training', '', lines.join(' '), ''];
}

function treesSection(t: TrainingProvenance | null, meta: ModelFileMetadata, trees: GbdtModel): string[] {
  const shape = treesShape(trees);
  const rounds = t !== null ? ` (best round ${t.bestEpoch + 1} of ${t.epochs} trained; later rounds were dropped)` : '';
  const lines = [
    `Gradient-boosted decision trees for binary log loss: **${shape.trees} trees**${rounds}, ${shape.leaves.toLocaleString('en-US')} leaves in all, depth at most ${shape.maxDepth}; base score ${num(trees.baseScore, 4)} (log-odds). P(failure) = sigmoid(base score + the leaf value each tree reaches).`,
  ];
  const c = t?.trees ?? null;
  if (c !== null && t !== null) {
    lines.push(
      `Learning rate ${c.learningRate}, up to ${c.maxRounds} rounds, leaf-wise growth up to ${c.maxLeaves} leaves per tree, ${c.maxDepth > 0 ? `depth ≤ ${c.maxDepth}` : 'no depth limit'}, at least ${c.minSamplesLeaf} samples and hessian ${c.minChildWeight} per leaf, L2 ${c.l2}, ${c.maxBins} value bins per feature (one more for missing values), row subsample ${c.subsample}, feature subsample ${c.colsample}, ${c.earlyStoppingRounds > 0 ? `early stopping after ${c.earlyStoppingRounds} rounds without a lower validation log loss` : 'no early stopping'}, ${c.classWeights ? 'balanced class weights' : 'no class weights'}, seed ${c.seed}. Run: ${t.runName}.`,
    );
  } else {
    lines.push('The training settings are not recorded in this copy of the model.');
  }
  const total = trees.featureImportance.reduce((a, b) => a + b, 0);
  const top = meta.featureNames
    .map((f, i) => ({ f, g: trees.featureImportance[i] ?? 0 }))
    .filter((x) => x.g > 0)
    .sort((a, b) => b.g - a.g)
    .slice(0, 5);
  if (total > 0 && top.length > 0)
    lines.push(`Most split gain: ${top.map((x) => `\`${x.f}\` ${pct(x.g / total)}`).join(', ')}.`);
  return ['## Trees and training', '', lines.join(' '), ''];
}

/**
 * A model card in Markdown: what the model predicts, from which data, how well (with intervals), how its
 * threshold was chosen, the network or trees, and its limits. `body` (the network's artifacts or the trees)
 * adds what only the model itself tells: the tree count and depth, or the piecewise-linear encoding.
 */
export function modelCard(meta: ModelFileMetadata, body: ModelBody | null = null): string {
  const t = meta.training;
  const trees = body?.family === 'trees' ? body.trees : null;
  const slot =
    meta.slot === 'global'
      ? 'global failure model (all home types)'
      : `failure model for **${human(meta.slot)}** homes (one model per home type)`;
  const how =
    meta.family === 'trees'
      ? `gradient-boosted decision trees, trained ${meta.trainedAt} with HomeSynth Workbench ${meta.trainedWithAppVersion}`
      : `a dense neural network, trained ${meta.trainedAt} on the ${meta.backend} backend with HomeSynth Workbench ${meta.trainedWithAppVersion}`;
  const lines: string[] = [
    `# ${meta.name}`,
    '',
    `A ${slot}, version **${meta.version}**: ${how}. Model file format ${meta.format} v${meta.formatVersion}.`,
    '',
    '## What it predicts',
    '',
    `It outputs ${whatItPredicts(meta)} ${thresholdSentence(meta)} ${calibrationSentence(meta)}`,
    '',
    inputsSentence(meta),
    '',
    inputsTable(meta, trees),
    '',
    '## Data',
    '',
    `Dataset: ${meta.datasetManifest.kind} mode, generated by HomeSynth Workbench ${meta.datasetManifest.appVersion}. With the same app version, the generator settings below regenerate it exactly (they are the \`spec\` of the dataset's .manifest.json export).`,
    '',
    '```json',
    JSON.stringify(meta.datasetManifest.spec, null, 2),
    '```',
    '',
  ];
  if (t) {
    const validation =
      meta.thresholdRule !== null ? 'validation (early stopping, threshold)' : 'validation (early stopping)';
    lines.push(
      table(
        ['part', 'samples', 'positives', 'devices'],
        [
          ['train', String(t.counts.train), String(t.counts.trainPositives), String(t.counts.trainGroups)],
          [validation, String(t.counts.val), '—', '—'],
          ['test (held out)', String(t.counts.test), String(t.counts.testPositives), String(t.counts.testGroups)],
        ],
      ),
      '',
      `Split: ${t.split === 'time' ? 'time-blocked (trained on earlier samples, tested on later ones)' : 'grouped by device and stratified by label (no device on both sides)'}. Test base rate ${num(t.baseRate)}.`,
      '',
    );
  } else {
    lines.push('Sample counts and the split are not recorded in this copy of the model.', '');
  }
  lines.push(
    '## Metrics on the held-out test set',
    '',
    `At threshold ${meta.threshold}, with 95 % bootstrap intervals${meta.metrics.f1.resamples ? ` (${meta.metrics.f1.resamples} resamples of test homes; devices for models trained before 12/2026)` : ''}.`,
    '',
    table(
      ['metric', 'estimate', '95 % interval'],
      METRICS.map(([key, label]) => {
        const m = meta.metrics[key];
        return [label, num(m.estimate), `${num(m.low)} – ${num(m.high)}`];
      }),
    ),
    '',
  );
  if (meta.family === 'trees') {
    if (trees !== null) lines.push(...treesSection(t, meta, trees));
  } else {
    lines.push(...networkSection(t, meta, body));
  }
  lines.push('## Limits', '', ...limits(meta).map((l) => `- ${l}`), '');
  return lines.join('\n');
}
