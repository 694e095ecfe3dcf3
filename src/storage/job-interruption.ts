import type { WorkbenchDb } from './db';
import type { JobRecord } from './records';

/**
 * The conditional "cut off" transition of a job, for recovery after a reload. A tab reads the running
 * jobs first and decides later; meanwhile the owning tab may have finished the job. So the decision is
 * taken again on the record itself, read and written in one transaction: the job becomes 'interrupted'
 * only if it is still 'running' and its owning tab is not alive. A job that ended ('done', 'failed',
 * 'cancelled') is never touched. Resolves with the updated record, or undefined when it declined.
 */
export async function interruptJobIfCutOff(
  db: WorkbenchDb,
  id: string,
  isTabAlive: (tabId: string) => boolean,
  patch: { updatedAt: number; note: string },
): Promise<JobRecord | undefined> {
  const tx = db.transaction('jobs', 'readwrite');
  const job = await tx.store.get(id);
  if (job === undefined || job.status !== 'running' || isTabAlive(job.ownerTab)) {
    await tx.done;
    return undefined;
  }
  const next: JobRecord = { ...job, status: 'interrupted', updatedAt: patch.updatedAt, note: patch.note };
  await tx.store.put(next);
  await tx.done;
  return next;
}
