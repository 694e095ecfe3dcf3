import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '../../domain/jobs/eta';
import type { JobProgress } from '../../domain/jobs/job-types';
import { useDatasetCalls } from '../../state/use-service-calls';
import type { DatasetRecord } from '../../storage/records';
import { ErrorAlert } from '../../ui/common/ErrorAlert';
import { downloadBlob } from '../../ui/download';
import { ProgressBar } from '../../ui/ProgressBar';
import type { DatasetExportFormat } from '../../workers/generator.api';
import { isCancelled } from '../../workers/job-types';

const EXPORTS: Record<DatasetRecord['kind'], { format: DatasetExportFormat; label: string }[]> = {
  classic: [
    { format: 'original-json', label: 'Export JSON (original format)' },
    { format: 'csv', label: 'Export CSV' },
    { format: 'manifest', label: 'Export manifest' },
  ],
  temporal: [
    { format: 'csv', label: 'Export samples CSV' },
    { format: 'parquet', label: 'Export samples (Parquet)' },
    { format: 'series-parquet', label: 'Export raw series (Parquet)' },
    { format: 'samples-json', label: 'Export samples JSON' },
    { format: 'snapshot-json', label: 'Export classic snapshot (original format)' },
    { format: 'manifest', label: 'Export manifest' },
  ],
};

interface Running extends JobProgress {
  label: string;
  cancel(): void;
}

/** The dataset's export buttons; a running export shows its progress, time left and a Cancel button. */
export function DatasetExports({ dataset }: { dataset: DatasetRecord }) {
  const { exportDataset } = useDatasetCalls();
  const [running, setRunning] = useState<Running | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Leaving the page stops an export nobody would receive.
  const cancelOnLeave = useRef<(() => void) | null>(null);
  useEffect(() => () => cancelOnLeave.current?.(), []);

  const start = async (format: DatasetExportFormat, label: string): Promise<void> => {
    setError(null);
    setNotice(null);
    const job = exportDataset(dataset.id, format, (p) => setRunning((r) => (r === null ? r : { ...r, ...p })));
    cancelOnLeave.current = job.cancel;
    setRunning({ label, fraction: 0, phase: 'Starting', etaMs: null, cancel: job.cancel });
    try {
      const { blob, fileName } = await job.file;
      downloadBlob(blob, fileName);
    } catch (e) {
      if (isCancelled(e)) setNotice(`${label}: cancelled, nothing was downloaded.`);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      cancelOnLeave.current = null;
      setRunning(null);
    }
  };

  return (
    <>
      <div className="actions">
        {EXPORTS[dataset.kind].map((x) => (
          <button
            key={x.format}
            type="button"
            onClick={() => void start(x.format, x.label)}
            disabled={running !== null}
          >
            {running?.label === x.label ? 'Exporting…' : x.label}
          </button>
        ))}
      </div>
      {running ? (
        <div className="panel" role="status" aria-label="Export progress">
          <ProgressBar fraction={running.fraction} label={`${running.label} progress`} />
          <p>
            {running.label}: {running.phase} · {Math.round(running.fraction * 100)} %
            {running.etaMs !== null ? ` · about ${formatDuration(running.etaMs)} left` : ''}
          </p>
          <button type="button" onClick={running.cancel}>
            Cancel export
          </button>
        </div>
      ) : null}
      {notice ? <p role="status">{notice}</p> : null}
      <ErrorAlert error={error} />
    </>
  );
}
