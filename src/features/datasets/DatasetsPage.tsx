import { useId, useState } from 'react';
import { formatDuration } from '../../domain/jobs/eta';
import { useWorkbench } from '../../state/use-workbench';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { ProgressBar } from '../../ui/ProgressBar';
import { navigate } from '../../ui/router';
import { ClassicForm } from './ClassicForm';
import { DatasetDetail } from './DatasetDetail';
import { DatasetList } from './DatasetList';
import { TemporalForm } from './TemporalForm';
import { ErrorAlert } from '../../ui/common/ErrorAlert';

function ImportManifest() {
  const id = useId();
  const importManifest = useWorkbench((s) => s.importManifest);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="field">
      <label htmlFor={id}>Import a dataset manifest</label>
      <small id={`${id}-hint`} className="muted">
        A .manifest.json exported from a dataset: the app rebuilds the identical dataset from it.
      </small>
      <input
        id={id}
        aria-describedby={`${id}-hint`}
        type="file"
        accept=".json,application/json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setError(null);
          void file
            .text()
            .then((text) => importManifest(text))
            .then((datasetId) => {
              if (datasetId) navigate(`/datasets/${encodeURIComponent(datasetId)}`);
            })
            .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
        }}
      />
      <ErrorAlert error={error} />
    </div>
  );
}

/** The generators the page offers, in the order of its switch (temporal first: the default). */
const GENERATORS = [
  { mode: 'temporal', label: 'Temporal (real time series)' },
  { mode: 'classic', label: 'Classic (the original’s snapshot rows)' },
] as const;

export function DatasetsPage({ datasetId, query }: { datasetId: string | null; query: URLSearchParams }) {
  const uid = useId();
  const datasets = useWorkbench((s) => s.datasets);
  const loaded = useWorkbench((s) => s.datasetsLoaded);
  const generateClassic = useWorkbench((s) => s.generateClassic);
  const generateTemporal = useWorkbench((s) => s.generateTemporal);
  const deleteDataset = useWorkbench((s) => s.deleteDatasetById);
  const running = useWorkbench((s) =>
    s.jobs.find((j) => (j.kind === 'generate-classic' || j.kind === 'generate-temporal') && j.status === 'running'),
  );
  const cancelJob = useWorkbench((s) => s.cancelJob);
  const mode = query.get('mode') === 'classic' ? 'classic' : 'temporal';

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

  const open = (id: string | null): void => {
    if (id) navigate(`/datasets/${encodeURIComponent(id)}`);
  };
  return (
    <div className="page-grid">
      <div className="span-all mode-switch" role="radiogroup" aria-labelledby={`${uid}-mode`}>
        <span id={`${uid}-mode`}>Generator:</span>
        {GENERATORS.map((g) => (
          <label key={g.mode} className="checkbox">
            <input
              type="radio"
              name={`${uid}-mode`}
              checked={mode === g.mode}
              onChange={() => navigate(`/datasets?mode=${g.mode}`)}
            />
            {g.label}
          </label>
        ))}
      </div>
      {mode === 'temporal' ? (
        <TemporalForm
          query={query}
          busy={running !== undefined}
          onGenerate={(spec, name) => void generateTemporal(spec, name).then(open)}
        />
      ) : (
        <ClassicForm
          busy={running !== undefined}
          onGenerate={(spec, name) => void generateClassic(spec, name).then(open)}
        />
      )}
      <div className="page-stack">
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
        <div className="panel">
          <ImportManifest />
        </div>
      </div>
      <section className="panel span-all" aria-labelledby="datasets-title">
        <h2 id="datasets-title">Datasets</h2>
        {loaded ? <DatasetList datasets={datasets} onDelete={deleteDataset} /> : <p role="status">Loading…</p>}
      </section>
    </div>
  );
}
