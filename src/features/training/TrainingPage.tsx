import { useCallback } from 'react';
import { useWorkbench } from '../../state/use-workbench';
import type { RunConfig, SlotKey } from '../../domain/training/run-types';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { HomeClassifierPanel } from './HomeClassifierPanel';
import { LiveRunView } from './LiveRunView';
import { RunsList } from './RunsList';
import { TrainingForm } from './TrainingForm';

export function TrainingPage({ datasetId }: { datasetId: string | null }) {
  const datasets = useWorkbench((s) => s.datasets);
  const loaded = useWorkbench((s) => s.datasetsLoaded);
  const runs = useWorkbench((s) => s.runs);
  const live = useWorkbench((s) => s.liveRun);
  const startRun = useWorkbench((s) => s.startRun);
  const stopSlot = useWorkbench((s) => s.stopSlot);
  const deleteRun = useWorkbench((s) => s.deleteRun);
  const job = useWorkbench((s) => (live?.jobId ? s.jobs.find((j) => j.id === live.jobId) : undefined));
  const busy = useWorkbench((s) => s.jobs.some((j) => j.kind === 'train' && j.status === 'running'));
  const liveRunId = live?.runId ?? null;
  const onStart = useCallback(
    (id: string, name: string, config: RunConfig) => void startRun(id, name, config),
    [startRun],
  );
  // Stable across live updates, so the memoised model cards do not all re-render on every epoch.
  const onStop = useCallback(
    (slot: SlotKey | null) => {
      if (liveRunId) stopSlot(liveRunId, slot);
    },
    [liveRunId, stopSlot],
  );

  if (!loaded) return <p role="status">Loading…</p>;
  if (datasets.length === 0) {
    return (
      <div className="page-stack">
        <EmptyState title="No datasets to train on" action={<Link href="/datasets">Go to Datasets</Link>}>
          Generate a dataset first; then train failure predictors on it here.
        </EmptyState>
        <HomeClassifierPanel />
      </div>
    );
  }
  return (
    <div className="page-grid">
      <TrainingForm datasets={datasets} busy={busy} initialDatasetId={datasetId} onStart={onStart} />
      <div className="panel">
        <h2>How runs are evaluated</h2>
        <p>
          One fixed test set per dataset, split by device: no device is on both sides, so every model trained on this
          dataset is compared on the same unseen devices. Standardisation is fitted on training rows only. Every metric
          has a 95 % bootstrap interval, and the majority class, the legacy rule and a logistic regression are scored
          beside each network.
        </p>
      </div>
      {live ? <LiveRunView live={live} job={job} onStop={onStop} /> : null}
      <section className="panel span-all" aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <RunsList runs={runs} onDelete={deleteRun} />
      </section>
      <HomeClassifierPanel />
    </div>
  );
}
