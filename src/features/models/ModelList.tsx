import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable, type DataColumn, type TableRow } from '../../ui/DataTable';
import { actionsColumn, bytesColumn, dateTimeColumn } from '../../ui/data-table/columns';
import { Link } from '../../ui/Link';
import type { ModelSummary } from '../../workers/models.api';
import {
  modelFamilyLabel,
  featureSetLabel,
  fmt,
  fmtThreshold,
  manifestSummary,
  slotLabel,
  thresholdRuleText,
} from './model-format';

/** Every stored model, newest first; the selected one is marked, each row links to its details. */
export function ModelList({
  models,
  selectedId,
  onDelete,
}: {
  models: ModelSummary[];
  selectedId: string | null;
  onDelete: (id: string) => Promise<void>;
}) {
  const byId = new Map(models.map((m) => [m.id, m]));
  const rows: TableRow[] = models.map((m) => ({
    id: m.id,
    name: m.name,
    slot: slotLabel(m.slot),
    family: modelFamilyLabel(m),
    version: m.version,
    createdAt: m.createdAt,
    dataset: manifestSummary(m),
    inputs: featureSetLabel(m),
    f1: m.metrics.f1.estimate,
    rocAuc: m.metrics.rocAuc.estimate,
    threshold: m.threshold,
    backend: m.backend,
    sizeBytes: m.sizeBytes,
    actions: null,
  }));
  const model = (row: TableRow): ModelSummary | undefined => byId.get(String(row.id));
  const columns: DataColumn[] = [
    {
      id: 'name',
      header: 'Model',
      render: (v, row) => (
        <>
          <Link href={`/models?model=${encodeURIComponent(String(row.id))}`}>{v}</Link>
          {model(row)?.imported ? <span className="badge">imported</span> : null}
        </>
      ),
    },
    { id: 'slot', header: 'Slot' },
    { id: 'family', header: 'Family' },
    { id: 'version', header: 'Version' },
    dateTimeColumn('createdAt', 'Trained'),
    { id: 'dataset', header: 'Dataset' },
    { id: 'inputs', header: 'Inputs' },
    { id: 'f1', header: 'F1', numeric: true, format: (v) => fmt(Number(v)) },
    { id: 'rocAuc', header: 'ROC-AUC', numeric: true, format: (v) => fmt(Number(v)) },
    {
      id: 'threshold',
      header: 'Threshold',
      numeric: true,
      render: (v, row) => {
        const m = model(row);
        return <span title={m ? thresholdRuleText(m) : undefined}>{fmtThreshold(Number(v))}</span>;
      },
    },
    { id: 'backend', header: 'Backend' },
    bytesColumn(),
    actionsColumn((row) => {
      const m = model(row);
      if (!m) return null;
      return (
        <ConfirmButton
          label={`Delete model ${m.name} (${modelFamilyLabel(m).toLowerCase()}) v${m.version}`}
          title={`Delete model "${m.name}" (${modelFamilyLabel(m).toLowerCase()}) v${m.version}?`}
          confirmLabel="Delete model"
          className="danger small"
          onConfirm={() => onDelete(m.id)}
        >
          The model is removed from this browser; export it first if you need it. Its training run stays.
        </ConfirmButton>
      );
    }),
  ];
  return (
    <DataTable
      label="Stored models"
      columns={columns}
      rows={rows}
      height={360}
      isCurrent={(row) => row.id === selectedId}
    />
  );
}
