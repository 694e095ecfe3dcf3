import { useState } from 'react';
import { downloadBlob } from '../../ui/download';

export interface ExportControl {
  /** Which export is being built, or null. */
  busy: string | null;
  error: string | null;
  run(what: string, make: () => Promise<{ blob: Blob; fileName: string }>): void;
}

/** Builds a file in the worker and saves it; failures become a message instead of an unhandled rejection. */
export function useExport(): ExportControl {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    run(what, make) {
      setBusy(what);
      setError(null);
      make()
        .then((f) => downloadBlob(f.blob, f.fileName))
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
        .finally(() => setBusy(null));
    },
  };
}
