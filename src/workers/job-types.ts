/** Plain data that crosses worker boundaries for every long job. */
export interface WorkerProgress {
  /** 0…1 */
  fraction: number;
  phase: string;
}

export type ProgressCallback = (p: WorkerProgress) => void;

/** Name of the error a cancelled job rejects with (error names survive Comlink's serialisation). */
export const CANCELLED = 'CancelledError';

export function cancelledError(what: string): Error {
  const e = new Error(`${what} was cancelled; nothing of it was kept.`);
  e.name = CANCELLED;
  return e;
}

export function isCancelled(e: unknown): boolean {
  return e instanceof Error && e.name === CANCELLED;
}
