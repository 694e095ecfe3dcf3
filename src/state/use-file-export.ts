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
  /** Cancel was asked for; the worker stops at its next chunk or home. */
  cancelling: boolean;
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
 * notice. An export still running when the component goes away is cancelled, and a file that arrives after
 * that is not saved (nobody is there to receive it).
 */
export function useFileExport(save: (file: { blob: Blob; fileName: string }) => void): FileExport {
  const [running, setRunning] = useState<RunningExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The export under way (its token tells its late progress reports from the next export's), and whether
  // the component is gone.
  const current = useRef<{ token: number; cancel: () => void } | null>(null);
  const tokens = useRef(0);
  const left = useRef(false);
  useEffect(() => {
    left.current = false;
    return () => {
      left.current = true;
      current.current?.cancel();
    };
  }, []);
  return {
    running,
    error,
    notice,
    start(label, begin) {
      if (current.current !== null) return;
      const token = ++tokens.current;
      setError(null);
      setNotice(null);
      const job = begin((p) => {
        if (current.current?.token === token) setRunning((r) => (r === null ? r : { ...r, ...p }));
      });
      const stop = job.cancel;
      current.current = { token, cancel: stop ?? (() => undefined) };
      const cancel = stop
        ? () => {
            stop();
            setRunning((r) => (r === null ? r : { ...r, cancelling: true, phase: 'Cancelling…' }));
          }
        : null;
      setRunning({ label, fraction: 0, phase: 'Starting', etaMs: null, cancel, cancelling: false });
      job.file
        .then((file) => {
          if (!left.current) save(file);
        })
        .catch((e: unknown) => {
          if (isCancelled(e)) setNotice(`${label}: cancelled, nothing was downloaded.`);
          else setError(e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          current.current = null;
          setRunning(null);
        });
    },
  };
}
