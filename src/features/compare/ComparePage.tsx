import { useId, useMemo, useState } from 'react';
import { buildComparisonResults, serializeComparisonResults } from '../../domain/evaluation/comparison-format';
import { toCsv } from '../../domain/csv';
import { isHomeType } from '../../domain/home-types';
import { useWorkbench } from '../../state/use-workbench';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { downloadBlob } from '../../ui/download';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { useAsync } from '../../ui/use-async';
import { navigate } from '../../ui/router';
import type { RunRecord } from '../../workers/training.api';
import { COMPARISON_CSV_COLUMNS, comparisonCsvRows, comparisonRows, fmt, METRIC_LABELS, METRIC_NAMES, withInterval } from './comparison-rows';
import { CrossMatrixView } from './CrossMatrixView';
import { ThresholdView } from './ThresholdView';

const pct = (v: unknown): string => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : '—');

function columnsFor(run: RunRecord): DataColumn[] {
  const bySlot = new Map(run.slots.map((s) => [s.slot, s]));
  const slotOf = (row: Record<string, unknown>) => bySlot.get(String(row.model) as never);
  return [
    { id: 'model', header: 'Model', format: (v) => (v === 'global' ? 'global' : String(v).replace(/_/g, ' ')) },
    { id: 'status', header: 'Status' },
    { id: 'trainSamples', header: 'Train samples', numeric: true, format: (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : '') },
    { id: 'testSamples', header: 'Test samples', numeric: true, format: (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : '') },
    { id: 'testPositives', header: 'Test positives', numeric: true },
    { id: 'baseRate', header: 'Base rate', numeric: true, format: pct },
    ...METRIC_NAMES.map(
      (m): DataColumn => ({
        id: m,
        header: METRIC_LABELS[m],
        numeric: true,
        best: m === 'logLoss' ? 'min' : 'max',
        format: (_v, row) => withInterval(slotOf(row)?.metrics, m),
      }),
    ),
    { id: 'f1Majority', header: 'F1 majority', numeric: true, format: (v) => fmt(typeof v === 'number' ? v : null) },
    { id: 'f1Legacy', header: 'F1 legacy rule', numeric: true, format: (v) => fmt(typeof v === 'number' ? v : null) },
    { id: 'f1Logistic', header: 'F1 logistic', numeric: true, format: (v) => fmt(typeof v === 'number' ? v : null) },
    { id: 'liftF1', header: 'F1 lift vs logistic', numeric: true, best: 'max', format: (v) => (typeof v === 'number' ? `${v > 0 ? '+' : ''}${v.toFixed(3)}` : '—') },
    { id: 'trainSeconds', header: 'Training s', numeric: true, format: (v) => (typeof v === 'number' ? v.toFixed(2) : '') },
    { id: 'epochs', header: 'Epochs', numeric: true },
    { id: 'backend', header: 'Backend' },
  ];
}

export function ComparePage({ runId }: { runId: string | null }) {
  const uid = useId();
  const runs = useWorkbench((s) => s.runs);
  const runsLoaded = useWorkbench((s) => s.runsLoaded);
  const listed = runs.find((r) => r.id === runId) ?? runs[0];
  const withPredictions = useWorkbench((s) => s.runWithPredictions);
  // Test predictions are stored apart from the run record; fetch them for the run on screen only.
  const loaded = useAsync(() => (listed ? withPredictions(listed) : Promise.resolve(null)), `${listed?.id ?? ''}:${listed?.slots.length ?? 0}:${listed?.status ?? ''}`);
  const run = loaded.value?.id === listed?.id ? (loaded.value ?? listed) : listed;
  const rows = useMemo(() => (run ? comparisonRows(run) : []), [run]);
  const columns = useMemo(() => (run ? columnsFor(run) : []), [run]);
  const [detail, setDetail] = useState<string | null>(null);

  if (!runsLoaded) return <p role="status">Loading…</p>;
  if (!run) {
    return (
      <EmptyState title="Nothing to compare yet" action={<Link href="/training">Go to Training</Link>}>
        Train models on a dataset first; each run's models are compared here with intervals and baselines.
      </EmptyState>
    );
  }
  const done = run.slots.filter((s) => s.status === 'done');
  const selected = done.find((s) => s.slot === detail) ?? done[0];

  const exportCsv = (): void =>
    downloadBlob(new Blob([toCsv(COMPARISON_CSV_COLUMNS, comparisonCsvRows(run))], { type: 'text/csv' }), `comparison_${run.id.slice(0, 8)}.csv`);
  const exportOriginal = (): void => {
    const results = buildComparisonResults(
      run.slots
        .filter((s) => isHomeType(s.slot))
        .map((s) => ({
          homeType: s.slot as never,
          sampleCount: s.counts.train + s.counts.val + s.counts.test,
          performance: s.metrics
            ? { accuracy: s.metrics.accuracy.estimate, precision: s.metrics.precision.estimate, recall: s.metrics.recall.estimate, f1: s.metrics.f1.estimate, evaluatedAt: new Date(run.completedAt ?? run.createdAt).toISOString() }
            : null,
          metadata: { version: s.modelId ?? null, training_date: new Date(run.createdAt).toISOString(), backend: s.backend, status: s.status, reason: s.reason },
        })),
    );
    downloadBlob(new Blob([serializeComparisonResults(results)], { type: 'application/json' }), 'comparison_results.json');
  };

  return (
    <div className="page-stack">
      <div className="panel">
        <div className="field">
          <label htmlFor={`${uid}-run`}>Run</label>
          <select id={`${uid}-run`} value={run.id} onChange={(e) => navigate(`/compare?run=${encodeURIComponent(e.target.value)}`)}>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} — {new Date(r.createdAt).toLocaleString()}
              </option>
            ))}
          </select>
        </div>
        <p className="muted">
          Dataset {run.datasetName} · label {run.config.label} · {run.config.split} split · backend {run.backend?.active ?? '—'} · all models on the
          same held-out devices. Intervals are 95 % bootstrap intervals over test devices.
        </p>
        {run.config.label === 'legacy' ? <p className="warning">These models learnt the legacy rule label, which is a function of three inputs: high scores here are a leak.</p> : null}
        <div className="actions">
          <button type="button" onClick={exportCsv}>
            Export CSV
          </button>
          <button type="button" onClick={exportOriginal}>
            Export comparison_results.json
          </button>
        </div>
      </div>
      <section className="panel" aria-labelledby={`${uid}-table`}>
        <h2 id={`${uid}-table`}>Models</h2>
        <DataTable label="Model comparison" columns={columns} rows={rows} height={360} initialHidden={['status', 'epochs', 'f1Majority']} />
      </section>
      <section className="panel" aria-labelledby={`${uid}-cross`}>
        <h2 id={`${uid}-cross`}>Per home type or global?</h2>
        <CrossMatrixView run={run} />
      </section>
      {selected ? (
        <section className="panel" aria-labelledby={`${uid}-detail`}>
          <h2 id={`${uid}-detail`}>One model in depth</h2>
          <div className="field">
            <label htmlFor={`${uid}-model`}>Model</label>
            <select id={`${uid}-model`} value={selected.slot} onChange={(e) => setDetail(e.target.value)}>
              {done.map((s) => (
                <option key={s.slot} value={s.slot}>
                  {s.slot.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </div>
          <ThresholdView key={`${run.id}-${selected.slot}`} slot={selected} />
        </section>
      ) : null}
    </div>
  );
}
