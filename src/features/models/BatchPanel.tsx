import { useId, useState } from 'react';
import { RISK_LEVELS } from '../../domain/evaluation/risk';
import type { ModelFamily } from '../../domain/training/run-types';
import { ErrorAlert } from '../../ui/common/ErrorAlert';
import { numeric, TableHead } from '../../ui/common/TableHead';
import { ValueTable } from '../../ui/common/ValueTable';
import { downloadBlob } from '../../ui/download';
import type { BatchResult } from '../../workers/models.api';
import { familyLabel, fmtThreshold, slotLabel } from './model-format';

/** Batch prediction on an uploaded CSV; the results come back as a CSV to download. */
export function BatchPanel({
  onPredict,
}: {
  onPredict: (file: File, family?: ModelFamily) => Promise<BatchResult & { blob: Blob }>;
}) {
  const id = useId();
  const [family, setFamily] = useState<ModelFamily | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<(BatchResult & { blob: Blob }) | null>(null);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Predict a CSV batch</h2>
      <div className="field">
        <label htmlFor={`${id}-family`}>Models</label>
        <select
          id={`${id}-family`}
          value={family}
          disabled={busy}
          onChange={(e) => setFamily(e.target.value === 'network' || e.target.value === 'trees' ? e.target.value : '')}
        >
          <option value="">Newest model of each slot (network or trees)</option>
          <option value="network">Networks only</option>
          <option value="trees">Trees only</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={id}>CSV file of devices</label>
        <small id={`${id}-hint`} className="muted">
          Columns: the model’s features (the 11 classic metrics, or the temporal window features), optionally home_type
          (routes each row) and device_id; other columns are ignored, so a dataset’s CSV export works as it is.
        </small>
        <input
          id={id}
          aria-describedby={`${id}-hint`}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setBusy(true);
            setError(null);
            setResult(null);
            onPredict(file, family === '' ? undefined : family)
              .then(setResult, (err: unknown) => setError(err instanceof Error ? err.message : String(err)))
              .finally(() => setBusy(false));
          }}
        />
      </div>
      {busy ? (
        <p role="status" className="muted">
          Predicting…
        </p>
      ) : null}
      <ErrorAlert error={error} />
      {result ? (
        <div aria-live="polite">
          <p role="status">
            {result.rows.toLocaleString('en-US')} devices predicted with {result.byModel.length}{' '}
            {result.byModel.length === 1 ? 'model' : 'models'} ({result.featureSet} features).
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => downloadBlob(result.blob, result.fileName)}>
              Download {result.fileName}
            </button>
          </div>
          {result.notes.length > 0 ? (
            <ul className="warning" aria-label="Notes">
              {result.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          <div className="summary-grid">
            <ValueTable
              label="Devices by risk level"
              columns={['Risk level', 'Devices']}
              rows={RISK_LEVELS.map((l) => ({ key: l, label: l, value: result.byRisk[l].toLocaleString('en-US') }))}
            />
            <table className="list-table compact" aria-label="Devices by model">
              <TableHead columns={['Model', 'Family', 'Version', numeric('Threshold'), numeric('Devices')]} />
              <tbody>
                {result.byModel.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{slotLabel(m.slot)}</th>
                    <td>{familyLabel(m.family)}</td>
                    <td>{m.version}</td>
                    <td className="num">{fmtThreshold(m.threshold)}</td>
                    <td className="num">{m.rows.toLocaleString('en-US')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-scroll" role="region" aria-label="First results (scrollable)" tabIndex={0}>
            <table aria-label="First results">
              <TableHead
                columns={[
                  'device_id',
                  'home_type',
                  'model',
                  numeric('failure_probability'),
                  'risk_level',
                  'recommendations',
                ]}
              />
              <tbody>
                {result.preview.map((r, i) => (
                  <tr key={`${r.device_id}-${i}`}>
                    <td>{r.device_id}</td>
                    <td>{r.home_type}</td>
                    <td>
                      {slotLabel(r.model_slot)} · {familyLabel(r.model_family)} v{r.model_version}
                    </td>
                    <td className="num">{r.failure_probability.toFixed(2)}</td>
                    <td>{r.risk_level}</td>
                    <td>{r.recommendations}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
