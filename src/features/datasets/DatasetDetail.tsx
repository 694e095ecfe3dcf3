import { useEffect, useState } from 'react';
import { formatBytes } from '../../domain/jobs/eta';
import { LEGACY_LABEL_WARNING } from '../../domain/legacy-label';
import type { DatasetPreview } from '../../state/datasets-slice';
import { useWorkbench } from '../../state/use-workbench';
import type { DatasetRecord } from '../../storage/records';
import type { DatasetExportFormat } from '../../workers/generator.api';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { downloadBlob } from '../../ui/download';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { navigate } from '../../ui/router';
import { ConfirmButton } from '../../ui/ConfirmButton';

const PREVIEW_ROWS = 5000;
const TEXT_COLUMNS = new Set(['device_id', 'home_type', 'device_type', 'failure_scenario']);

function CountTable({ title, counts, total }: { title: string; counts: Record<string, number>; total: number }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return (
    <table className="list-table compact" aria-label={title}>
      <caption>{title}</caption>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k.replace(/_/g, ' ')}</th>
            <td className="num">{v.toLocaleString('en-US')}</td>
            <td className="num muted">{((v / total) * 100).toFixed(1)} %</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}


export function DatasetDetail({ dataset }: { dataset: DatasetRecord }) {
  const loadPreview = useWorkbench((s) => s.loadPreview);
  const exportDataset = useWorkbench((s) => s.exportDataset);
  const deleteDataset = useWorkbench((s) => s.deleteDatasetById);
  const [preview, setPreview] = useState<DatasetPreview | null>(null);
  const [exporting, setExporting] = useState<DatasetExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    loadPreview(dataset.id, PREVIEW_ROWS).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [dataset.id, loadPreview]);

  const doExport = async (format: DatasetExportFormat): Promise<void> => {
    setExporting(format);
    setError(null);
    try {
      const { blob, fileName } = await exportDataset(dataset.id, format);
      downloadBlob(blob, fileName);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(null);
    }
  };

  const s = dataset.summary;
  const columns: DataColumn[] = (preview?.columns ?? []).map((c) => ({ id: c, header: c, numeric: !TEXT_COLUMNS.has(c) }));
  return (
    <section aria-labelledby="dataset-title">
      <p>
        <Link href="/datasets">← All datasets</Link>
      </p>
      <h2 id="dataset-title">{dataset.name}</h2>
      <p className="muted">
        {dataset.kind} mode · {dataset.rowCount.toLocaleString('en-US')} rows · {formatBytes(dataset.sizeBytes)} · created{' '}
        {new Date(dataset.createdAt).toLocaleString()} · app {dataset.appVersion}
        {dataset.timings
          ? ` · generated in ${(dataset.timings.generateMs / 1000).toFixed(2)} s, stored in ${(dataset.timings.storeMs / 1000).toFixed(2)} s`
          : ''}
      </p>
      <div className="actions">
        <button type="button" onClick={() => void doExport('original-json')} disabled={exporting !== null}>
          {exporting === 'original-json' ? 'Exporting…' : 'Export JSON (original format)'}
        </button>
        <button type="button" onClick={() => void doExport('csv')} disabled={exporting !== null}>
          {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
        </button>
        <ConfirmButton
          label="Delete dataset"
          title={`Delete "${dataset.name}"?`}
          confirmLabel="Delete dataset"
          onConfirm={async () => {
            await deleteDataset(dataset.id);
            navigate('/datasets');
          }}
        >
          Its {dataset.rowCount.toLocaleString('en-US')} rows are removed from this browser. This cannot be undone.
        </ConfirmButton>
      </div>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <details className="panel">
        <summary>Parameters</summary>
        <dl className="params">
          {Object.entries(dataset.spec).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </div>
          ))}
        </dl>
      </details>
      {s ? (
        <div className="summary-grid">
          <div className="panel">
            <h3>Label</h3>
            <p className="big-number">{(s.labelRate * 100).toFixed(1)} %</p>
            <p>of rows are positive under the {s.labelName}.</p>
            {dataset.kind === 'classic' ? <p className="warning">{LEGACY_LABEL_WARNING}</p> : null}
          </div>
          <CountTable title="Rows by home type" counts={s.byHomeType as Record<string, number>} total={s.rows} />
          <CountTable title="Rows by device type (latent)" counts={s.byDeviceType} total={s.rows} />
          <CountTable title="Rows by failure scenario (ground truth)" counts={s.byScenario} total={s.rows} />
        </div>
      ) : null}
      <h3>Preview</h3>
      {preview === null ? (
        <p role="status">Loading the preview…</p>
      ) : preview.rows.length === 0 ? (
        <EmptyState title="This dataset has no rows" />
      ) : (
        <>
          <p className="muted">
            The first {preview.rows.length.toLocaleString('en-US')} of {preview.totalRows.toLocaleString('en-US')} rows; sort by a
            column header, filter with the box. Export for all rows.
          </p>
          <DataTable label="Dataset preview" columns={columns} rows={preview.rows} />
        </>
      )}
    </section>
  );
}
