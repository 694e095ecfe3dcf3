import { useId, useState, type FormEvent } from 'react';
import { useWorkbench } from '../../state/use-workbench';
import type { HomesImportResult } from '../../workers/homes.api';
import { browserTimeZone } from './HomesRunForm';

/**
 * "Import homes": home_NNN.json files (as this app exports them) become new homes with source
 * 'imported'. The worker validates every file first and stores all of them or none, so the result is
 * either the new ids or each bad file's problems.
 */
export function HomesImportForm({ busy }: { busy: boolean }) {
  const uid = useId();
  const importHomes = useWorkbench((s) => s.importHomes);
  const importing = useWorkbench((s) => s.homesImporting);
  const [files, setFiles] = useState<File[]>([]);
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [outcome, setOutcome] = useState<{ result: HomesImportResult; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setOutcome(null);
    setError(null);
    if (files.length === 0) {
      setError('Choose one or more home_NNN.json files.');
      return;
    }
    try {
      setOutcome({ result: await importHomes(files, timeZone.trim()), total: files.length });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const failed = outcome?.result.failed ?? [];
  const imported = outcome?.result.imported ?? [];
  const total = outcome?.total ?? failed.length;
  return (
    <form className="panel" aria-labelledby={`${uid}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${uid}-title`}>Import homes</h2>
      <p className="muted">
        Home files this app exported (<code>home_NNN.json</code>), stored as new homes with source “imported”: all of
        them, or none when one file is invalid.
      </p>
      <div className="field">
        <label htmlFor={`${uid}-files`}>Home files</label>
        <input
          id={`${uid}-files`}
          type="file"
          multiple
          accept=".json,application/json"
          onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
        />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-zone`}>Time zone of the homes</label>
        <input id={`${uid}-zone`} value={timeZone} autoComplete="off" onChange={(e) => setTimeZone(e.target.value)} />
        <small className="muted">The files do not say; their events’ local days and hours are read in it</small>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy || importing}>
          {importing ? 'Importing…' : 'Import homes'}
        </button>
      </div>
      {error !== null ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {failed.length > 0 ? (
        <div role="alert">
          <p className="error-text">
            Nothing was imported: {failed.length} of {total} file{total === 1 ? '' : 's'}{' '}
            {failed.length === 1 ? 'is' : 'are'} invalid.
          </p>
          <ul aria-label="Files that could not be imported">
            {failed.map((f) => (
              <li key={f.fileName}>
                <strong>{f.fileName}</strong>
                <ul>
                  {f.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {imported.length > 0 ? (
        <p role="status">
          Imported {imported.length} home{imported.length === 1 ? '' : 's'}:{' '}
          {imported.map((h) => `${h.fileName} → ${h.id}`).join(', ')}.
        </p>
      ) : null}
    </form>
  );
}
