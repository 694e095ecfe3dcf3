/** The long jobs the app tracks (and lists on the Jobs page). */
export type JobKind = 'generate-classic' | 'generate-temporal' | 'synthesise-homes' | 'train' | 'export';
export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface JobProgress {
  /** 0…1 */
  fraction: number;
  phase: string;
  /** Milliseconds left, null while unknown. */
  etaMs: number | null;
}
