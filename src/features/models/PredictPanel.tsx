import { useId, useState, type FormEvent } from 'react';
import { METRICS, type Metric } from '../../domain/device-types';
import { HOME_TYPES, isHomeType, type HomeType } from '../../domain/home-types';
import type { ModelSummary, PredictionResult, PredictRequest } from '../../workers/models.api';
import { DecimalField } from '../../ui/common/DecimalField';
import { FormErrors } from '../../ui/common/FormErrors';
import { KeyValueList } from '../../ui/common/KeyValueList';
import { SubmitRow } from '../../ui/common/SubmitRow';
import { CodeBlock } from './CodeBlock';
import { familyLabel, featureSetLabel, fmtThreshold, prettyJson, slotLabel } from './model-format';

/** A healthy, typical device: the form's starting values. */
const TYPICAL: Readonly<Record<Metric, string>> = {
  response_time: '250',
  error_rate: '0.02',
  battery_level: '80',
  signal_strength: '-55',
  usage_frequency: '0.5',
  temperature: '22',
  humidity: '45',
  uptime_hours: '900',
  restart_count: '1',
  connection_drops: '0',
  data_transfer_rate: '600',
};

const EXAMPLE_JSON = JSON.stringify(
  {
    device_id: 'synthetic_device_0042',
    metrics: { ...Object.fromEntries(METRICS.map((m) => [m, Number(TYPICAL[m])])), battery_level: 12 },
  },
  null,
  2,
);

/** Predicts one device: the 11 metrics of a classic row (or pasted JSON) and a home type, with a routed or a picked model. */
export function PredictPanel({
  models,
  onPredict,
}: {
  models: readonly ModelSummary[];
  onPredict: (req: PredictRequest) => Promise<PredictionResult>;
}) {
  const uid = useId();
  const [modelId, setModelId] = useState('');
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [deviceId, setDeviceId] = useState('device-1');
  const [homeType, setHomeType] = useState<HomeType | null>(null);
  const [values, setValues] = useState<Record<Metric, string>>({ ...TYPICAL });
  const [json, setJson] = useState(EXAMPLE_JSON);
  const [result, setResult] = useState<PredictionResult | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const failureModels = models.filter((m) => m.kind === 'failure');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const problems =
      mode === 'form'
        ? METRICS.filter((m) => values[m].trim() === '' || !Number.isFinite(Number(values[m]))).map(
            (m) => `${m} must be a number.`,
          )
        : [];
    setErrors(problems);
    if (problems.length > 0) return;
    const input: PredictRequest['input'] =
      mode === 'form'
        ? { kind: 'form', values: Object.fromEntries(METRICS.map((m) => [m, Number(values[m])])) }
        : { kind: 'json', text: json };
    setBusy(true);
    const picked = failureModels.some((m) => m.id === modelId) ? { modelId } : {};
    onPredict({ deviceId: deviceId.trim() || 'device-1', homeType, input, ...picked })
      .then(setResult, (err: unknown) => {
        setResult(null);
        setErrors([err instanceof Error ? err.message : String(err)]);
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className="form-grid" onSubmit={submit} aria-labelledby={`${uid}-title`} noValidate>
      <h2 id={`${uid}-title`}>Predict one device</h2>
      <p className="span-all muted">
        Routed to the newest model (network or trees) of the device’s home type; without one, the global model answers
        and says so. Or pick the model yourself. Runs in the models worker.
      </p>
      <div className="field">
        <label htmlFor={`${uid}-model`}>Model</label>
        <select
          id={`${uid}-model`}
          value={failureModels.some((m) => m.id === modelId) ? modelId : ''}
          onChange={(e) => setModelId(e.target.value)}
        >
          <option value="">Route by home type (newest model)</option>
          {failureModels.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} · {slotLabel(m.slot)} · {familyLabel(m.family)} · v{m.version} · {featureSetLabel(m)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-id`}>Device id</label>
        <input id={`${uid}-id`} value={deviceId} onChange={(e) => setDeviceId(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-home`}>Home type</label>
        <select
          id={`${uid}-home`}
          value={homeType ?? ''}
          onChange={(e) => setHomeType(isHomeType(e.target.value) ? e.target.value : null)}
        >
          <option value="">None (global model)</option>
          {HOME_TYPES.map((t) => (
            <option key={t} value={t}>
              {slotLabel(t)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="span-all inline">
        <legend>Input</legend>
        <label className="checkbox">
          <input type="radio" name={`${uid}-mode`} checked={mode === 'form'} onChange={() => setMode('form')} />
          The 11 metrics of a classic row
        </label>
        <label className="checkbox">
          <input type="radio" name={`${uid}-mode`} checked={mode === 'json'} onChange={() => setMode('json')} />
          Paste JSON
        </label>
      </fieldset>
      {mode === 'form' ? (
        METRICS.map((m) => (
          <DecimalField
            key={m}
            id={`${uid}-${m}`}
            label={m}
            value={values[m]}
            onChange={(value) => setValues((v) => ({ ...v, [m]: value }))}
          />
        ))
      ) : (
        <div className="field span-all">
          <label htmlFor={`${uid}-json`}>Device JSON</label>
          <small id={`${uid}-json-hint`} className="muted">
            The original /predict body {'{"device_id", "metrics": {…}}'} or a flat object of features: the 11 classic
            metrics, or a temporal window summary (e.g. battery_level_last). A home_type in it overrides the choice
            above; a missing classic metric counts as 0, as in the original.
          </small>
          <textarea
            id={`${uid}-json`}
            aria-describedby={`${uid}-json-hint`}
            rows={10}
            value={json}
            onChange={(e) => setJson(e.target.value)}
            spellCheck={false}
          />
        </div>
      )}
      <FormErrors errors={errors} />
      <SubmitRow label="Predict" busyLabel="Predicting…" busy={busy} showFixHint={false} />
      {result ? <PredictionView result={result} /> : null}
    </form>
  );
}

function PredictionView({ result: r }: { result: PredictionResult }) {
  const p = r.prediction;
  return (
    <section className="span-all" aria-label="Prediction" aria-live="polite">
      {r.note ? (
        <p className="warning" role="note">
          {r.note}
        </p>
      ) : null}
      <div className="summary-grid">
        <div>
          <p className="big-number">{p.failure_probability.toFixed(2)} %</p>
          <p>
            Failure probability · risk level <strong>{p.risk_level}</strong> ·{' '}
            {r.predictedFailure ? 'predicted to fail' : 'predicted healthy'} at threshold {fmtThreshold(r.threshold)} (P
            ≥ threshold)
          </p>
        </div>
        <KeyValueList
          items={[
            [
              'Model',
              <>
                {r.model.name} ({slotLabel(r.model.slot)})
              </>,
            ],
            ['Family', familyLabel(r.model.family)],
            ['Model version', p.model_version],
            [
              'Routed to',
              r.routedTo === 'chosen'
                ? 'the model you picked'
                : r.routedTo === 'home-type'
                  ? `the ${slotLabel(r.model.slot)} model`
                  : 'the global model',
            ],
            ['Device', p.device_id],
          ]}
        />
      </div>
      <h3>Recommendations</h3>
      <ul aria-label="Recommendations">
        {p.recommendations.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      {r.missing.length > 0 ? (
        <p className="muted">
          Not given, so counted as{' '}
          {r.model.family === 'trees'
            ? 'missing (each tree sends it down its learnt missing-value branch)'
            : r.featureSet === 'classic'
              ? '0 (as the original API did)'
              : 'the training mean'}
          : {r.missing.slice(0, 12).join(', ')}
          {r.missing.length > 12 ? ` and ${r.missing.length - 12} more` : ''}.
        </p>
      ) : null}
      <details>
        <summary>As the original /predict answered</summary>
        <CodeBlock label="/predict response" text={prettyJson(p)} />
      </details>
    </section>
  );
}
