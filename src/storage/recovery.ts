import type { WorkbenchDb } from './db';
import { deleteDataset, listIncompleteDatasets } from './datasets-repo';
import { interruptJobIfCutOff } from './job-interruption';
import { jobsWithStatus } from './jobs-repo';
import type { JobRecord } from './records';
import { getRun, putRun } from './runs-repo';

/**
 * After a reload, a crash or a closed tab, jobs that were running in a tab that no longer exists are
 * marked `interrupted`, and what they had half-written is removed. Complete records are never touched.
 * `isTabAlive` tells whether a tab still runs (Web Locks in the browser).
 */
export async function recoverInterruptedJobs(
  db: WorkbenchDb,
  isTabAlive: (tabId: string) => boolean,
  now: number,
): Promise<JobRecord[]> {
  const running = await jobsWithStatus(db, 'running');
  const cutOff = running.filter((j) => !isTabAlive(j.ownerTab));
  const recovered: JobRecord[] = [];
  for (const job of cutOff) {
    const pct = Math.round(job.progress.fraction * 100);
    const note =
      job.kind === 'synthesise-homes'
        ? `Cut off at ${pct} % (the page was reloaded or closed). The homes finished before are kept; resume the run on the Homes page.`
        : job.kind === 'train'
          ? `Cut off at ${pct} % (the page was reloaded or closed). Models finished before are kept; everything else saved before is intact.`
          : `Cut off at ${pct} % (the page was reloaded or closed). Its partial output was removed; everything saved before is intact.`;
    // Read and written in one transaction: a job another tab finished meanwhile is left as it is.
    const updated = await interruptJobIfCutOff(db, job.id, isTabAlive, { updatedAt: now, note });
    if (updated) recovered.push(updated);
  }
  // A training run cut off mid-way keeps the models it had finished; the run itself is marked failed.
  for (const job of cutOff.filter((j) => j.kind === 'train' && j.resultId !== null)) {
    const run = await getRun(db, job.resultId ?? '');
    if (run?.status === 'running') {
      await putRun(db, {
        ...run,
        status: 'failed',
        error: 'Cut off by a reload or a closed tab; the models finished before are kept.',
      });
    }
  }
  // Half-written datasets whose job is not running in a live tab are removed.
  const liveJobIds = new Set(running.filter((j) => isTabAlive(j.ownerTab)).map((j) => j.id));
  for (const d of await listIncompleteDatasets(db)) {
    if (d.jobId === null || !liveJobIds.has(d.jobId)) await deleteDataset(db, d.id);
  }
  return recovered;
}
