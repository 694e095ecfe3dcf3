import { useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../domain/jobs/job-types';
import { isCancelled } from '../workers/job-types';

/** An export started in a worker: the file it will give, and how to stop it (absent when it cannot be stopped). */
export interface FileJob {
  file: Promise<{ blob: Blob; fileName: string }>;
  cancel?: () => void;
}

/** The export being built: what the user clicked, its progress and time left, and its Cancel (or null). */
export interface RunningExport extends JobProgress {
  label: string;
  cancel: (() => void) | null;
}

export interface FileExport {
  running: RunningExport | null;
  error: string | null;
  /** Says how the last export ended when that is not a download (a cancel). */
  notice: string | null;
  /** Starts an export unless one is running; `begin` receives the progress callback. */
  start(label: string, begin: (onProgress: (p: JobProgress) => void) => FileJob): void;
}

/**
 * One export at a time, with its progress: the file goes to `save`, a failure becomes a message, a cancel a
 * notice. An export still running when the component goes away is cancelled (nobody would receive it).
 */
export function useFileExport(save: (file: { blob: Blob; fileName: string }) => void): FileExport {
  const [running, setRunning] = useState<RunningExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const cancelOnLeave = useRef<(() => void) | null>(null);
  useEffect(() => () => cancelOnLeave.current?.(), []);
  return {
    running,
    error,
    notice,
    start(label, begin) {
      if (cancelOnLeave.current !== null || running !== null) return;
      setError(null);
      setNotice(null);
      const job = begin((p) => setRunning((r) => (r === null ? r : { ...r, ...p })));
      const cancel = job.cancel ?? null;
      cancelOnLeave.current = cancel ?? (() => undefined);
      setRunning({ label, fraction: 0, phase: 'Starting', etaMs: null, cancel });
      job.file
        .then(save)
        .catch((e: unknown) => {
          if (isCancelled(e)) setNotice(`${label}: cancelled, nothing was downloaded.`);
          else setError(e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          cancelOnLeave.current = null;
          setRunning(null);
        });
    },
  };
}
