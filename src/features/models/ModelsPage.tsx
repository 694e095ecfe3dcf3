import { useEffect, useState } from 'react';
import { useModelCalls } from '../../state/use-service-calls';
import { useWorkbench } from '../../state/use-workbench';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { useLocation } from '../../ui/router';
import { BatchPanel } from './BatchPanel';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { HealthPanel, StatusPanels } from './ModelApiPanels';
import { slotKey, slotLabel } from './model-format';
import { ModelList } from './ModelList';
import { ModelOverview } from './ModelOverview';
import { PredictPanel } from './PredictPanel';
import { VersionsPanel } from './VersionsPanel';

/** The model registry: every stored model with its status, version and health; export, import, predictions and versions. */
export function ModelsPage() {
  const { query } = useLocation();
  const models = useWorkbench((s) => s.models);
  const loaded = useWorkbench((s) => s.modelsLoaded);
  const runs = useWorkbench((s) => s.runs);
  const loadModels = useWorkbench((s) => s.loadModels);
  const deleteModel = useWorkbench((s) => s.deleteModelById);
  const {
    checkModelHealth: checkHealth,
    exportModelFiles: exportFiles,
    modelSnippets: snippets,
    predictDevice: predict,
    predictCsvFile: predictCsv,
  } = useModelCalls();
  const importFiles = useWorkbench((s) => s.importModelFiles);
  const [openedAt] = useState(() => Date.now());

  // Training and run deletion change the stored models while this page is closed: re-read on every visit.
  useEffect(() => {
    void loadModels();
  }, [loadModels]);

  if (!loaded) return <p role="status">Loading…</p>;
  const selected = models.find((m) => m.id === query.get('model')) ?? models[0];
  const counts = selected
    ? (runs.find((r) => r.id === selected.runId)?.slots.find((s) => s.modelId === selected.id)?.counts ?? null)
    : null;

  return (
    <div className="page-stack">
      <section className="panel" aria-labelledby="models-title">
        <h2 id="models-title">Stored models</h2>
        {models.length > 0 ? (
          <ModelList models={models} selectedId={selected?.id ?? null} onDelete={deleteModel} />
        ) : (
          <EmptyState title="No models yet" action={<Link href="/training">Go to Training</Link>}>
            Train failure models on a dataset, or import a model file exported from HomeSynth Workbench.
          </EmptyState>
        )}
        <div style={{ marginTop: '1rem' }}>
          <ImportPanel onImport={importFiles} />
        </div>
      </section>
      {selected ? (
        <section className="panel" aria-labelledby="model-title">
          <h2 id="model-title">
            {selected.name} · {slotLabel(selected.slot)} · v{selected.version}
          </h2>
          <ModelOverview model={selected} />
          <StatusPanels model={selected} counts={counts} now={openedAt} />
          <HealthPanel model={selected} onCheck={checkHealth} />
          <ExportPanel model={selected} onExport={exportFiles} loadSnippets={snippets} />
        </section>
      ) : null}
      {models.length > 0 ? (
        <>
          <div className="panel">
            <PredictPanel models={models} onPredict={predict} />
          </div>
          <div className="panel">
            <BatchPanel onPredict={predictCsv} />
          </div>
          <div className="panel">
            <VersionsPanel models={models} preferredKey={selected ? slotKey(selected) : null} />
          </div>
        </>
      ) : null}
    </div>
  );
}
