import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../ui/common/ErrorAlert';
import { downloadBlob } from '../../ui/download';
import type { ExportFormat, ModelSnippets, ModelSummary } from '../../workers/models.api';
import { CodeBlock } from './CodeBlock';

/** Export buttons for one model, and code that loads the export in a web page or in Node. */
export function ExportPanel({
  model,
  onExport,
  loadSnippets,
}: {
  model: ModelSummary;
  onExport: (id: string, format: ExportFormat) => Promise<{ blob: Blob; fileName: string }[]>;
  loadSnippets: (id: string) => Promise<ModelSnippets>;
}) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [snippets, setSnippets] = useState<{ id: string; value: ModelSnippets } | null>(null);
  const [tab, setTab] = useState<'web' | 'node'>('web');

  useEffect(() => {
    let live = true;
    loadSnippets(model.id).then(
      (value) => {
        if (live) setSnippets({ id: model.id, value });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [model.id, loadSnippets]);

  const run = (format: ExportFormat): void => {
    setBusy(format);
    setError(null);
    onExport(model.id, format)
      .then(
        (files) => files.forEach((f) => downloadBlob(f.blob, f.fileName)),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      )
      .finally(() => setBusy(null));
  };
  const shown = snippets?.id === model.id ? snippets.value : null;
  const trees = model.family === 'trees';
  return (
    <section aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <div className="actions">
        <button type="button" className="primary" disabled={busy !== null} onClick={() => run('single')}>
          Export single JSON file
        </button>
        {trees ? null : (
          <button type="button" disabled={busy !== null} onClick={() => run('layers')}>
            Export model.json + weights.bin
          </button>
        )}
        <button type="button" disabled={busy !== null} onClick={() => run('card')}>
          Export model card (Markdown)
        </button>
      </div>
      {trees ? (
        <p className="muted">
          The single file holds the boosted trees (each as flat arrays of features, thresholds, children, missing-value
          directions and leaf values) and the metadata: feature names in order, threshold and how it was chosen, the
          calibrator it applies to (if any), metrics, dataset manifest and app version. Trees are not a TF.js model, so
          there is no model.json + weights.bin: the JSON file is the model, and the snippets below score it in plain
          JavaScript with no library.
        </p>
      ) : (
        <p className="muted">
          The single file holds the topology, the weights (base64) and the metadata: feature names in order,
          normalisation (and its clip), threshold and how it was chosen, the calibrator it applies to (if any), metrics,
          dataset manifest and app version. The TF.js layers format is two files that tf.loadLayersModel reads; keep
          them together (the metadata travels inside model.json).
        </p>
      )}
      <ErrorAlert error={error} />
      <div role="tablist" aria-label="Usage snippet" className="actions">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'web'}
          className={tab === 'web' ? 'primary small' : 'small'}
          onClick={() => setTab('web')}
        >
          Web page
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'node'}
          className={tab === 'node' ? 'primary small' : 'small'}
          onClick={() => setTab('node')}
        >
          Node
        </button>
      </div>
      {shown ? (
        <div role="tabpanel">
          <p className="muted">
            {trees
              ? tab === 'web'
                ? 'Fetches the single JSON file served next to the page and walks the trees: no library.'
                : 'Reads the single JSON file and walks the trees: no dependency.'
              : tab === 'web'
                ? 'Loads model.json + weights.bin served next to the page.'
                : 'Loads the single JSON file with plain @tensorflow/tfjs (no native build).'}
          </p>
          <CodeBlock label={tab === 'web' ? 'web page snippet' : 'Node snippet'} text={shown[tab]} copy />
        </div>
      ) : (
        <p role="status" className="muted">
          Preparing the snippet…
        </p>
      )}
    </section>
  );
}
