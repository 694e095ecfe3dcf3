import { useId, useState } from 'react';
import type { ImportOutcome } from '../../workers/models.api';
import { familyLabel, slotLabel } from './model-format';

/** Imports a model file: the single JSON export, or model.json and weights.bin chosen together. */
export function ImportPanel({ onImport }: { onImport: (files: File[]) => Promise<ImportOutcome> }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ImportOutcome | null>(null);
  return (
    <div className="field">
      <label htmlFor={id}>Import a model</label>
      <small id={`${id}-hint`} className="muted">
        The single .json export (a network or boosted trees), or a network’s model.json and weights.bin selected
        together. The file is checked (format version, family, weights and shapes or trees, features, threshold,
        calibrator) before anything is stored.
      </small>
      <input
        id={id}
        aria-describedby={`${id}-hint`}
        type="file"
        multiple
        accept=".json,.bin,application/json,application/octet-stream"
        disabled={busy}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length === 0) return;
          setBusy(true);
          setError(null);
          setDone(null);
          onImport(files)
            .then(setDone, (err: unknown) => setError(err instanceof Error ? err.message : String(err)))
            .finally(() => setBusy(false));
        }}
      />
      {busy ? (
        <p role="status" className="muted">
          Checking the file…
        </p>
      ) : null}
      {error ? (
        <p className="error-text" role="alert">
          Not imported: {error}
        </p>
      ) : null}
      {done ? (
        <p role="status">
          Imported “{done.name}” ({slotLabel(done.slot)}
          {done.family === 'trees' ? `, ${familyLabel(done.family).toLowerCase()}` : ''}) as version {done.version}
          {done.version !== done.originalVersion ? ` (version ${done.originalVersion} where it was exported)` : ''}.
        </p>
      ) : null}
    </div>
  );
}
