import { useId, useMemo, useState } from 'react';
import { serializeComparisonResults } from '../../domain/evaluation/comparison-format';
import { toCsv } from '../../domain/csv';
import { predictionsKey } from '../../domain/training/run-types';
import { useWorkbench } from '../../state/use-workbench';
import { DataTable } from '../../ui/DataTable';
import { downloadBlob } from '../../ui/download';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { useAsync } from '../../ui/use-async';
import { navigate } from '../../ui/router';
import { comparisonColumns, INITIALLY_HIDDEN } from './comparison-columns';
import { comparisonResultsOf } from './comparison-export';
import {
  COMPARISON_CSV_COLUMNS,
  comparisonCsvRows,
  comparisonRows,
  orderedResults,
  resultLabel,
  runRuleText,
} from './comparison-rows';
import { comparableRun } from '../../domain/evaluation/run-comparison';
import { CrossMatrixView } from './CrossMatrixView';
import { EventEvaluationPanel } from './EventEvaluationPanel';
import { RunsComparison } from './RunsComparison';
import { ThresholdView } from './ThresholdView';

export function ComparePage({ runId }: { runId: string | null }) {
  const uid = useId();
  const runs = useWorkbench((s) => s.runs);
  const runsLoaded = useWorkbench((s) => s.runsLoaded);
  const listed = runs.find((r) => r.id === runId) ?? runs[0];
  const withPredictions = useWorkbench((s) => s.runWithPredictions);
  // Test predictions are stored apart from the run record; fetch them for the run on screen only.
  const loaded = useAsync(
    () => (listed ? withPredictions(listed) : Promise.resolve(null)),
    `${listed?.id ?? ''}:${listed?.slots.length ?? 0}:${listed?.status ?? ''}`,
  );
  const run = loaded.value?.id === listed?.id ? (loaded.value ?? listed) : listed;
  const rows = useMemo(() => (run ? comparisonRows(run) : []), [run]);
  const columns = useMemo(() => (run ? comparisonColumns(run) : []), [run]);
  const [detail, setDetail] = useState<string | null>(null);
  const [picked, setPicked] = useState<readonly string[]>([]);
  const compared = useMemo(() => runs.filter((r) => picked.includes(r.id)).map(comparableRun), [runs, picked]);

  if (!runsLoaded) return <p role="status">Loading…</p>;
  if (!run) {
    return (
      <EmptyState title="Nothing to compare yet" action={<Link href="/training">Go to Training</Link>}>
        Train models on a dataset first; each run's models are compared here with intervals and baselines.
      </EmptyState>
    );
  }
  // The detail section picks one (slot, family) pair, keyed like its stored predictions.
  const done = orderedResults(run).filter((s) => s.status === 'done');
  const selected = done.find((s) => predictionsKey(s) === detail) ?? done[0];

  const exportCsv = (): void =>
    downloadBlob(
      new Blob([toCsv(COMPARISON_CSV_COLUMNS, comparisonCsvRows(run))], { type: 'text/csv' }),
      `comparison_${run.id.slice(0, 8)}.csv`,
    );
  const exportOriginal = (): void =>
    downloadBlob(
      new Blob([serializeComparisonResults(comparisonResultsOf(run))], { type: 'application/json' }),
      'comparison_results.json',
    );

  return (
    <div className="page-stack">
      <div className="panel">
        <div className="field">
          <label htmlFor={`${uid}-run`}>Run</label>
          <select
            id={`${uid}-run`}
            value={run.id}
            onChange={(e) => navigate(`/compare?run=${encodeURIComponent(e.target.value)}`)}
          >
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} — {new Date(r.createdAt).toLocaleString()}
              </option>
            ))}
          </select>
        </div>
        <p className="muted">
          Dataset {run.datasetName} · label {run.config.label} · {run.config.split} split · backend{' '}
          {run.backend?.active ?? '—'} · all models on the same held-out devices. Intervals are 95 % bootstrap intervals
          that resample test homes, the independent unit (runs trained before 12/2026 resampled test devices).
        </p>
        {run.config.label === 'legacy' ? (
          <p className="warning">
            These models learnt the legacy rule label, which is a function of three inputs: high scores here are a leak.
          </p>
        ) : null}
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
        <h2 id={`${uid}-table`}>Models (sample-level metrics)</h2>
        <p className="muted">
          Every metric is taken at each model's own threshold, chosen on its validation devices ({runRuleText(run)}); F1
          @ 0.5 is the original's fixed threshold, for comparison. PR-AUC ranks the models here, not ROC-AUC: ROC-AUC is
          high for any single precursor feature (see the stump baseline), so it says little about how many alerts are
          real failures.
        </p>
        <DataTable
          label="Model comparison"
          columns={columns}
          rows={rows}
          height={360}
          initialHidden={INITIALLY_HIDDEN}
        />
      </section>
      <section className="panel" aria-labelledby={`${uid}-events`}>
        <h2 id={`${uid}-events`}>Failures caught, alert budgets and calibration</h2>
        <EventEvaluationPanel key={run.id} run={run} />
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
            <select id={`${uid}-model`} value={predictionsKey(selected)} onChange={(e) => setDetail(e.target.value)}>
              {done.map((s) => (
                <option key={predictionsKey(s)} value={predictionsKey(s)}>
                  {resultLabel(s)}
                </option>
              ))}
            </select>
          </div>
          <ThresholdView key={`${run.id}-${predictionsKey(selected)}`} slot={selected} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby={`${uid}-runs`}>
        <h2 id={`${uid}-runs`}>Compare runs</h2>
        <fieldset>
          <legend>Runs to compare (two or more)</legend>
          {runs.map((r) => (
            <label key={r.id} className="checkbox-row">
              <input
                type="checkbox"
                checked={picked.includes(r.id)}
                onChange={(e) => setPicked((p) => (e.target.checked ? [...p, r.id] : p.filter((id) => id !== r.id)))}
              />{' '}
              {r.name} — {new Date(r.createdAt).toLocaleString()}
            </label>
          ))}
        </fieldset>
        {compared.length >= 2 ? (
          <RunsComparison runs={compared} />
        ) : (
          <p className="muted">Pick two or more runs to see the settings that differ and their metrics side by side.</p>
        )}
      </section>
    </div>
  );
}
