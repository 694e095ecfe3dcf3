import { useFileExport } from '../../state/use-file-export';
import { useDatasetCalls } from '../../state/use-service-calls';
import type { DatasetRecord } from '../../storage/records';
import { downloadBlob } from '../../ui/download';
import { ExportStatus } from '../../ui/ExportStatus';
import type { DatasetExportFormat } from '../../workers/generator.api';

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

/** The dataset's export buttons; a running export shows its progress, time left and a Cancel button. */
export function DatasetExports({ dataset }: { dataset: DatasetRecord }) {
  const { exportDataset } = useDatasetCalls();
  const ex = useFileExport((f) => downloadBlob(f.blob, f.fileName));
  return (
    <>
      <div className="actions">
        {EXPORTS[dataset.kind].map((x) => (
          <button
            key={x.format}
            type="button"
            onClick={() => ex.start(x.label, (onProgress) => exportDataset(dataset.id, x.format, onProgress))}
            disabled={ex.running !== null}
          >
            {ex.running?.label === x.label ? 'Exporting…' : x.label}
          </button>
        ))}
      </div>
      <ExportStatus running={ex.running} notice={ex.notice} error={ex.error} />
    </>
  );
}
