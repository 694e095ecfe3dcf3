import { memo, useId, useState, type FormEvent } from 'react';
import { CALIBRATION_METHODS, type CalibrationMethod } from '../../domain/evaluation/calibration';
import { defaultNetworkConfig, networkConfigSchema } from '../../domain/training/network-config';
import { BACKENDS, type BackendName } from '../../domain/training/backends';
import { defaultGbdtConfig, gbdtConfigSchema } from '../../domain/evaluation/gbdt';
import { thresholdRuleSchema, type ThresholdRule } from '../../domain/evaluation/operating-threshold';
import { MODEL_FAMILIES, type ModelFamily, type LabelChoice, type RunConfig } from '../../domain/training/run-types';
import type { DatasetRecord } from '../../storage/records';
import { DecimalField } from '../../ui/common/DecimalField';
import { FormErrors } from '../../ui/common/FormErrors';
import { SubmitRow } from '../../ui/common/SubmitRow';

const LABELS: Record<LabelChoice, string> = {
  horizon: 'Fails within H days (honest: from the ground truth, not from the features)',
  injected: 'Has an injected failure scenario (classic ground truth)',
  legacy: 'Legacy rule label (leaks: a rule over three inputs)',
};

const RULE_KINDS: readonly ThresholdRule['kind'][] = ['max-f1', 'target-recall', 'alert-budget', 'fixed'];

export function labelsFor(kind: DatasetRecord['kind']): LabelChoice[] {
  return kind === 'temporal' ? ['horizon', 'legacy'] : ['injected', 'legacy'];
}

/** Run settings with good defaults; every number is validated before anything starts. */
export const TrainingForm = memo(function TrainingForm({
  datasets,
  busy,
  initialDatasetId,
  onStart,
}: {
  datasets: DatasetRecord[];
  busy: boolean;
  initialDatasetId: string | null;
  onStart: (datasetId: string, name: string, config: RunConfig) => void;
}) {
  const uid = useId();
  const def = defaultNetworkConfig();
  const [datasetId, setDatasetId] = useState(initialDatasetId ?? datasets[0]?.id ?? '');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const [label, setLabel] = useState<LabelChoice | null>(null);
  const [split, setSplit] = useState<RunConfig['split']>('grouped');
  const [perHomeType, setPerHomeType] = useState(true);
  const [global, setGlobal] = useState(true);
  const [backend, setBackend] = useState<BackendName>('wasm');
  const [hidden, setHidden] = useState(def.hiddenUnits.join(', '));
  const [values, setValues] = useState({
    dropout: String(def.dropout),
    learningRate: String(def.learningRate),
    epochs: String(def.epochs),
    batchSize: String(def.batchSize),
    patience: String(def.patience),
    seed: String(def.seed),
    bootstrap: '500',
    targetRecall: '0.8',
    falseAlarms: '5',
    negativesPerPositive: '20',
    encodingBins: '',
  });
  const [ruleKind, setRuleKind] = useState<ThresholdRule['kind']>('max-f1');
  const treesDefault = defaultGbdtConfig();
  const [families, setFamilies] = useState<Record<ModelFamily, boolean>>({ network: true, trees: true });
  const [trees, setTrees] = useState({
    maxRounds: String(treesDefault.maxRounds),
    learningRate: String(treesDefault.learningRate),
    maxLeaves: String(treesDefault.maxLeaves),
  });
  const [classWeights, setClassWeights] = useState(def.classWeights);
  const [calibration, setCalibration] = useState<CalibrationMethod>('platt');
  const [errors, setErrors] = useState<string[]>([]);
  if (!dataset) return null;
  const labelChoices = labelsFor(dataset.kind);
  const chosenLabel = label !== null && labelChoices.includes(label) ? label : (labelChoices[0] ?? 'injected');

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const network = networkConfigSchema.safeParse({
      hiddenUnits: hidden
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(Number),
      dropout: Number(values.dropout),
      learningRate: Number(values.learningRate),
      epochs: Number(values.epochs),
      batchSize: Number(values.batchSize),
      patience: Number(values.patience),
      classWeights,
      seed: Number(values.seed),
      stopOn: defaultNetworkConfig(dataset.kind).stopOn,
      lrPlateau: def.lrPlateau,
      clip: def.clip,
      encodingBins:
        values.encodingBins.trim() === ''
          ? defaultNetworkConfig(dataset.kind).encodingBins
          : Number(values.encodingBins),
      warmStart: def.warmStart,
    });
    const rule = thresholdRuleSchema.safeParse(
      ruleKind === 'target-recall'
        ? { kind: ruleKind, recall: Number(values.targetRecall) }
        : ruleKind === 'alert-budget'
          ? { kind: ruleKind, falseAlarms: Number(values.falseAlarms) }
          : ruleKind === 'fixed'
            ? { kind: ruleKind, threshold: 0.5 }
            : { kind: 'max-f1' },
    );
    const negatives = values.negativesPerPositive.trim() === '' ? null : Number(values.negativesPerPositive);
    const treesConfig = gbdtConfigSchema.safeParse({
      ...treesDefault,
      maxRounds: Number(trees.maxRounds),
      learningRate: Number(trees.learningRate),
      maxLeaves: Number(trees.maxLeaves),
      seed: Number(values.seed),
    });
    const chosenFamilies = MODEL_FAMILIES.filter((f) => families[f]);
    const problems: string[] = [];
    if (!network.success)
      problems.push(...network.error.issues.map((i) => `${i.path.join('.') || 'network'}: ${i.message}`));
    if (chosenFamilies.length === 0)
      problems.push('Choose at least one model family: the network, the trees, or both.');
    if (!treesConfig.success)
      problems.push(...treesConfig.error.issues.map((i) => `trees ${i.path.join('.')}: ${i.message}`));
    if (!rule.success) problems.push(`Operating threshold: ${rule.error.issues.map((i) => i.message).join('; ')}`);
    if (ruleKind === 'alert-budget' && dataset.kind !== 'temporal')
      problems.push('An alert budget needs a temporal dataset (false alarms are counted per device-month).');
    if (negatives !== null && !(Number.isFinite(negatives) && negatives >= 1))
      problems.push('Negatives per positive must be at least 1, or empty to keep every training sample.');
    const bootstrapResamples = Number(values.bootstrap);
    if (!Number.isInteger(bootstrapResamples) || bootstrapResamples < 100 || bootstrapResamples > 5000)
      problems.push('Bootstrap resamples must be a whole number from 100 to 5000.');
    if (!perHomeType && !global) problems.push('Choose per-home-type models, a global model, or both.');
    setErrors(problems);
    if (problems.length > 0 || !network.success || !rule.success || !treesConfig.success) return;
    onStart(dataset.id, `${dataset.name} · ${chosenLabel} · seed ${network.data.seed}`, {
      network: network.data,
      families: chosenFamilies,
      trees: treesConfig.data,
      backend,
      label: chosenLabel,
      split,
      testFraction: 0.2,
      valFraction: 0.1,
      perHomeType,
      global,
      bootstrapResamples,
      thresholdRule: rule.data,
      negativesPerPositive: negatives,
      calibration,
    });
  };

  const num = (k: keyof typeof values, text: string, hint?: string) => (
    <DecimalField
      id={`${uid}-${k}`}
      label={text}
      value={values[k]}
      onChange={(value) => setValues((v) => ({ ...v, [k]: value }))}
      hint={hint}
    />
  );

  const treeField = (k: keyof typeof trees, text: string, hint?: string) => (
    <DecimalField
      id={`${uid}-trees-${k}`}
      label={text}
      value={trees[k]}
      onChange={(value) => setTrees((v) => ({ ...v, [k]: value }))}
      hint={hint}
    />
  );

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${uid}-title`} noValidate>
      <h2 id={`${uid}-title`}>New training run</h2>
      <div className="field span-all">
        <label htmlFor={`${uid}-dataset`}>Dataset</label>
        <select id={`${uid}-dataset`} value={dataset.id} onChange={(e) => setDatasetId(e.target.value)}>
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.kind}, {d.rowCount.toLocaleString('en-US')} rows)
            </option>
          ))}
        </select>
      </div>
      <fieldset className="span-all">
        <legend>Label to learn</legend>
        {labelChoices.map((l) => (
          <label key={l} className="checkbox">
            <input type="radio" name={`${uid}-label`} checked={chosenLabel === l} onChange={() => setLabel(l)} />
            {LABELS[l]}
          </label>
        ))}
      </fieldset>
      {chosenLabel === 'legacy' ? (
        <p className="warning span-all" role="note">
          The legacy label is a function of three of the inputs; expect ~99 % and read it as a leak, not as skill.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${uid}-split`}>Split</label>
        <select
          id={`${uid}-split`}
          value={split}
          onChange={(e) => setSplit(e.target.value === 'time' ? 'time' : 'grouped')}
        >
          <option value="grouped">Grouped by device, stratified (no device on both sides)</option>
          <option value="time" disabled={dataset.kind !== 'temporal'}>
            Time-blocked: train on earlier, test on later
          </option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-backend`}>Backend</label>
        <select
          id={`${uid}-backend`}
          value={backend}
          onChange={(e) => setBackend(BACKENDS.find((b) => b === e.target.value) ?? 'wasm')}
        >
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {b === 'wasm' ? 'wasm (SIMD, fastest here)' : b}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="span-all inline">
        <legend>Model families</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={families.network}
            onChange={(e) => setFamilies((f) => ({ ...f, network: e.target.checked }))}
          />
          Dense network (TF.js)
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={families.trees}
            onChange={(e) => setFamilies((f) => ({ ...f, trees: e.target.checked }))}
          />
          Gradient-boosted trees
        </label>
      </fieldset>
      <fieldset className="span-all inline">
        <legend>Models</legend>
        <label className="checkbox">
          <input type="checkbox" checked={perHomeType} onChange={(e) => setPerHomeType(e.target.checked)} />
          One per home type
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={global} onChange={(e) => setGlobal(e.target.checked)} />
          One global model
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${uid}-rule`}>Operating threshold (chosen on validation devices)</label>
        <select
          id={`${uid}-rule`}
          value={ruleKind}
          onChange={(e) => setRuleKind(RULE_KINDS.find((k) => k === e.target.value) ?? 'max-f1')}
        >
          <option value="max-f1">Highest F1</option>
          <option value="target-recall">Target recall</option>
          <option value="alert-budget" disabled={dataset.kind !== 'temporal'}>
            Alert budget (false alarms per 100 devices per 30 days)
          </option>
          <option value="fixed">Fixed 0.5 (the original's)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-calibration`}>Calibration (fitted on validation devices)</label>
        <select
          id={`${uid}-calibration`}
          value={calibration}
          onChange={(e) => setCalibration(CALIBRATION_METHODS.find((m) => m === e.target.value) ?? 'none')}
        >
          <option value="platt">Platt scaling</option>
          <option value="isotonic">Isotonic regression</option>
          <option value="none">None (raw scores)</option>
        </select>
        <small className="muted">
          Makes a score of 0.2 mean a 20 % failure risk; thresholds, metrics, predictions and exports use the calibrated
          scores.
        </small>
      </div>
      {ruleKind === 'target-recall'
        ? num(
            'targetRecall',
            'Target recall',
            'The highest threshold that still catches this share of validation failures.',
          )
        : null}
      {ruleKind === 'alert-budget'
        ? num(
            'falseAlarms',
            'False alarms per 100 devices per 30 days',
            'The most alerts on healthy validation devices you can chase.',
          )
        : null}
      <details className="span-all">
        <summary>Network and training settings</summary>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${uid}-hidden`}>Hidden layers (units, comma-separated)</label>
            <input id={`${uid}-hidden`} value={hidden} onChange={(e) => setHidden(e.target.value)} />
          </div>
          {num('dropout', 'Dropout', '0 to 0.9')}
          {num('learningRate', 'Learning rate')}
          {num('epochs', 'Max epochs')}
          {num('batchSize', 'Batch size')}
          {num(
            'patience',
            'Early-stopping patience',
            `Epochs without a better unweighted validation ${defaultNetworkConfig(dataset.kind).stopOn === 'pr-auc' ? 'PR-AUC' : 'log loss'}; the best weights are restored.`,
          )}
          {num('seed', 'Seed', 'Initial weights and shuffling; same seed, data and backend give the same metrics.')}
          {num('bootstrap', 'Bootstrap resamples', 'For the 95 % intervals.')}
          {num(
            'encodingBins',
            'Input encoding bins',
            'Piecewise-linear encoding of each input into quantile bins, plus a step at each of up to 8 label-aware cuts per input (found on training rows); empty = by dataset kind (16 for classic rows, none for temporal windows).',
          )}
          {num(
            'negativesPerPositive',
            'Negatives per positive (training)',
            'Healthy training samples kept per failing one (seeded); empty keeps all. Validation and test keep every sample.',
          )}
          <label className="checkbox">
            <input type="checkbox" checked={classWeights} onChange={(e) => setClassWeights(e.target.checked)} />
            Balance classes (weight rare failures up)
          </label>
        </div>
      </details>
      <details className="span-all">
        <summary>Trees settings</summary>
        <div className="form-grid">
          {treeField('maxRounds', 'Max boosting rounds', 'Early stopping on validation log loss keeps the best round.')}
          {treeField('learningRate', 'Trees learning rate (shrinkage)')}
          {treeField('maxLeaves', 'Leaves per tree')}
        </div>
      </details>
      <FormErrors errors={errors} />
      <SubmitRow label="Train" busyLabel="Training…" busy={busy} showFixHint={false} />
    </form>
  );
});
