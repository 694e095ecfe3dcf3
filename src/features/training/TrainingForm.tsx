import { memo, useId, useState, type FormEvent } from 'react';
import { defaultNetworkConfig, networkConfigSchema } from '../../ml/network-config';
import { BACKENDS, type BackendName } from '../../ml/backend-names';
import type { DatasetRecord } from '../../storage/records';
import type { LabelChoice, RunConfig } from '../../workers/training.api';

const LABELS: Record<LabelChoice, string> = {
  horizon: 'Fails within H days (honest: from the ground truth, not from the features)',
  injected: 'Has an injected failure scenario (classic ground truth)',
  legacy: 'Legacy rule label (leaks: a rule over three inputs)',
};

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
  });
  const [classWeights, setClassWeights] = useState(def.classWeights);
  const [errors, setErrors] = useState<string[]>([]);
  if (!dataset) return null;
  const labelChoices = labelsFor(dataset.kind);
  const chosenLabel = label !== null && labelChoices.includes(label) ? label : (labelChoices[0] ?? 'injected');

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const network = networkConfigSchema.safeParse({
      hiddenUnits: hidden.split(',').map((s) => s.trim()).filter(Boolean).map(Number),
      dropout: Number(values.dropout),
      learningRate: Number(values.learningRate),
      epochs: Number(values.epochs),
      batchSize: Number(values.batchSize),
      patience: Number(values.patience),
      classWeights,
      seed: Number(values.seed),
    });
    const problems: string[] = [];
    if (!network.success) problems.push(...network.error.issues.map((i) => `${i.path.join('.') || 'network'}: ${i.message}`));
    const bootstrapResamples = Number(values.bootstrap);
    if (!Number.isInteger(bootstrapResamples) || bootstrapResamples < 100 || bootstrapResamples > 5000)
      problems.push('Bootstrap resamples must be a whole number from 100 to 5000.');
    if (!perHomeType && !global) problems.push('Choose per-home-type models, a global model, or both.');
    setErrors(problems);
    if (problems.length > 0 || !network.success) return;
    onStart(dataset.id, `${dataset.name} · ${chosenLabel} · seed ${network.data.seed}`, {
      network: network.data,
      backend,
      label: chosenLabel,
      split,
      testFraction: 0.2,
      valFraction: 0.1,
      perHomeType,
      global,
      bootstrapResamples,
    });
  };

  const num = (k: keyof typeof values, text: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`${uid}-${k}`}>{text}</label>
      <input id={`${uid}-${k}`} inputMode="decimal" value={values[k]} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} />
      {hint ? <small className="muted">{hint}</small> : null}
    </div>
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
        <select id={`${uid}-split`} value={split} onChange={(e) => setSplit(e.target.value === 'time' ? 'time' : 'grouped')}>
          <option value="grouped">Grouped by device, stratified (no device on both sides)</option>
          <option value="time" disabled={dataset.kind !== 'temporal'}>
            Time-blocked: train on earlier, test on later
          </option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-backend`}>Backend</label>
        <select id={`${uid}-backend`} value={backend} onChange={(e) => setBackend(BACKENDS.find((b) => b === e.target.value) ?? 'wasm')}>
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {b === 'wasm' ? 'wasm (SIMD, fastest here)' : b}
            </option>
          ))}
        </select>
      </div>
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
          {num('patience', 'Early-stopping patience', 'Epochs without a better validation loss; the best weights are restored.')}
          {num('seed', 'Seed', 'Initial weights and shuffling; same seed, data and backend give the same metrics.')}
          {num('bootstrap', 'Bootstrap resamples', 'For the 95 % intervals.')}
          <label className="checkbox">
            <input type="checkbox" checked={classWeights} onChange={(e) => setClassWeights(e.target.checked)} />
            Balance classes (weight rare failures up)
          </label>
        </div>
      </details>
      {errors.length > 0 ? (
        <ul className="error-text span-all" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <div className="actions span-all">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Training…' : 'Train'}
        </button>
      </div>
    </form>
  );
});
