import { KeyValueList } from '../../ui/common/KeyValueList';
import { numeric, TableHead } from '../../ui/common/TableHead';
import { ValueTable } from '../../ui/common/ValueTable';
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
      <KeyValueList
        items={[
          [
            'Family',
            <>
              {modelFamilyLabel(m)} ({modelTypeOf(m)})
            </>,
          ],
          ['Version', m.version],
          ['Slot', slotLabel(m.slot, 'global (all home types)')],
          ['Trained', new Date(m.createdAt).toISOString()],
          ['Origin', m.imported ? 'imported from a file' : `training run ${m.runId.slice(0, 8)}`],
          ['Dataset', manifestSummary(m)],
          ['Backend', m.backend],
          [
            'Size',
            <>
              {formatBytes(m.sizeBytes)} ({m.parameters.toLocaleString('en-US')}{' '}
              {trees ? 'split thresholds and leaf values' : 'parameters'}, {formatBytes(m.weightBytes)} of{' '}
              {trees ? 'trees as JSON' : 'weights'})
            </>,
          ],
          [trees ? 'Trees' : 'Network', architectureText(m)],
          [
            'Threshold',
            <>
              {fmtThreshold(m.threshold)} ({thresholdRuleText(m)}): a device is predicted to fail when{' '}
              {calibrated ? 'the calibrated ' : ''}P(failure) ≥ {fmtThreshold(m.threshold)}
            </>,
          ],
          ['Calibration', calibrationText(m)],
          [
            'Trained with',
            <>
              HomeSynth {m.appVersion}, {m.generatedBy}
            </>,
          ],
        ]}
      />
      <ValueTable
        label="Test metrics"
        caption="Metrics on the held-out test set, with 95 % bootstrap intervals"
        columns={['Metric', 'Estimate [95 % interval]']}
        rows={METRIC_NAMES.map((k) => ({ key: k, label: METRIC_LABELS[k], value: withInterval(m.metrics[k]) }))}
      />
      <details open={m.featureNames.length <= 20}>
        <summary>
          Inputs: {featureSetLabel(m)}, in order, with{' '}
          {trees ? 'their training mean and spread' : 'their normalisation'}
        </summary>
        <table className="list-table compact" aria-label="Features and normalisation">
          <TableHead columns={[numeric('#'), 'Feature', numeric('Training mean'), numeric('Training std')]} />
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
