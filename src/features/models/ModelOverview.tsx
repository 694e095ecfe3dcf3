import { formatBytes } from '../../ui/format-bytes';
import { CodeBlock } from './CodeBlock';
import type { ModelSummary } from '../../workers/models.api';
import {
  architectureText,
  calibrationText,
  modelFamilyLabel,
  featureSetLabel,
  fmt,
  fmtThreshold,
  manifestSummary,
  METRIC_LABELS,
  METRIC_NAMES,
  modelTypeOf,
  prettyJson,
  slotLabel,
  thresholdRuleText,
  withInterval,
} from './model-format';

/** Everything stored about one model: identity, provenance, metrics with intervals, inputs and normalisation. */
export function ModelOverview({ model: m }: { model: ModelSummary }) {
  const trees = m.family === 'trees';
  const calibrated = (m.calibration ?? null) !== null;
  return (
    <div className="page-stack">
      <dl className="params">
        <div>
          <dt>Family</dt>
          <dd>
            {modelFamilyLabel(m)} ({modelTypeOf(m)})
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{m.version}</dd>
        </div>
        <div>
          <dt>Slot</dt>
          <dd>{slotLabel(m.slot, 'global (all home types)')}</dd>
        </div>
        <div>
          <dt>Trained</dt>
          <dd>{new Date(m.createdAt).toISOString()}</dd>
        </div>
        <div>
          <dt>Origin</dt>
          <dd>{m.imported ? 'imported from a file' : `training run ${m.runId.slice(0, 8)}`}</dd>
        </div>
        <div>
          <dt>Dataset</dt>
          <dd>{manifestSummary(m)}</dd>
        </div>
        <div>
          <dt>Backend</dt>
          <dd>{m.backend}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {formatBytes(m.sizeBytes)} ({m.parameters.toLocaleString('en-US')}{' '}
            {trees ? 'split thresholds and leaf values' : 'parameters'}, {formatBytes(m.weightBytes)} of{' '}
            {trees ? 'trees as JSON' : 'weights'})
          </dd>
        </div>
        <div>
          <dt>{trees ? 'Trees' : 'Network'}</dt>
          <dd>{architectureText(m)}</dd>
        </div>
        <div>
          <dt>Threshold</dt>
          <dd>
            {fmtThreshold(m.threshold)} ({thresholdRuleText(m)}): a device is predicted to fail when{' '}
            {calibrated ? 'the calibrated ' : ''}P(failure) ≥ {fmtThreshold(m.threshold)}
          </dd>
        </div>
        <div>
          <dt>Calibration</dt>
          <dd>{calibrationText(m)}</dd>
        </div>
        <div>
          <dt>Trained with</dt>
          <dd>
            HomeSynth {m.appVersion}, {m.generatedBy}
          </dd>
        </div>
      </dl>
      <table className="list-table compact" aria-label="Test metrics">
        <caption>Metrics on the held-out test set, with 95 % bootstrap intervals</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Estimate [95 % interval]
            </th>
          </tr>
        </thead>
        <tbody>
          {METRIC_NAMES.map((k) => (
            <tr key={k}>
              <th scope="row">{METRIC_LABELS[k]}</th>
              <td className="num">{withInterval(m.metrics[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details open={m.featureNames.length <= 20}>
        <summary>
          Inputs: {featureSetLabel(m)}, in order, with{' '}
          {trees ? 'their training mean and spread' : 'their normalisation'}
        </summary>
        <table className="list-table compact" aria-label="Features and normalisation">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Feature</th>
              <th scope="col" className="num">
                Training mean
              </th>
              <th scope="col" className="num">
                Training std
              </th>
            </tr>
          </thead>
          <tbody>
            {m.featureNames.map((f, i) => (
              <tr key={f}>
                <td className="num">{i + 1}</td>
                <th scope="row">{f}</th>
                <td className="num">{fmt(m.standardizer.mean[i], 4)}</td>
                <td className="num">{fmt(m.standardizer.std[i], 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          {trees
            ? 'The trees read raw values: these training-set statistics only describe the data (the health check scores the mean row). A missing input is NaN and follows each split’s learnt missing-value branch.'
            : `Each input is standardised as (x − mean) / std with these values, fitted on the model’s training rows only${m.standardizer.clip !== undefined ? `, then clipped to ±${m.standardizer.clip}` : ''}.`}
        </p>
      </details>
      <details>
        <summary>Dataset manifest (regenerates the training data exactly)</summary>
        <CodeBlock label="Dataset manifest" text={prettyJson(m.datasetManifest)} />
      </details>
    </div>
  );
}
