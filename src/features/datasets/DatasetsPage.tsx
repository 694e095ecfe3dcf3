import { useWorkbench } from '../../state/use-workbench';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { navigate } from '../../ui/router';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatDuration } from '../../domain/jobs/eta';
import { ClassicForm } from './ClassicForm';
import { DatasetDetail } from './DatasetDetail';
import { DatasetList } from './DatasetList';

export function DatasetsPage({ datasetId }: { datasetId: string | null }) {
  const datasets = useWorkbench((s) => s.datasets);
  const loaded = useWorkbench((s) => s.datasetsLoaded);
  const generate = useWorkbench((s) => s.generateClassic);
  const deleteDataset = useWorkbench((s) => s.deleteDatasetById);
  const running = useWorkbench((s) => s.jobs.find((j) => j.kind === 'generate-classic' && j.status === 'running'));
  const cancelJob = useWorkbench((s) => s.cancelJob);

  if (datasetId !== null) {
    const d = datasets.find((x) => x.id === datasetId);
    if (d) return <DatasetDetail key={d.id} dataset={d} />;
    return loaded ? (
      <EmptyState title="Dataset not found" action={<Link href="/datasets">Back to all datasets</Link>}>
        It may have been deleted, or it was never finished.
      </EmptyState>
    ) : (
      <p role="status">Loading…</p>
    );
  }

  return (
    <div className="page-grid">
      <ClassicForm
        busy={running !== undefined}
        onGenerate={(spec, name) => {
          void generate(spec, name).then((id) => {
            if (id) navigate(`/datasets/${encodeURIComponent(id)}`);
          });
        }}
      />
      {running ? (
        <div className="panel" aria-live="polite">
          <h2>Generating</h2>
          <p>{running.title}</p>
          <ProgressBar fraction={running.progress.fraction} label="Generation progress" />
          <p className="muted">
            {Math.round(running.progress.fraction * 100)} % · {running.progress.phase}
            {running.progress.etaMs !== null ? ` · about ${formatDuration(running.progress.etaMs)} left` : ''}
          </p>
          <button type="button" onClick={() => cancelJob(running.id)}>
            Cancel generation
          </button>
        </div>
      ) : null}
      <section className="panel span-all" aria-labelledby="datasets-title">
        <h2 id="datasets-title">Datasets</h2>
        {loaded ? <DatasetList datasets={datasets} onDelete={deleteDataset} /> : <p role="status">Loading…</p>}
      </section>
    </div>
  );
}
