import type { JobStatus } from '../domain/jobs/job-types';
import type { WorkbenchDb } from './db';
import type { JobRecord } from './records';

export async function putJob(db: WorkbenchDb, job: JobRecord): Promise<void> {
  await db.put('jobs', job);
}

export async function updateJob(
  db: WorkbenchDb,
  id: string,
  patch: Partial<Omit<JobRecord, 'id'>>,
): Promise<JobRecord | undefined> {
  const tx = db.transaction('jobs', 'readwrite');
  const job = await tx.store.get(id);
  if (!job) {
    await tx.done;
    return undefined;
  }
  const next = { ...job, ...patch };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Newest first. */
export async function listJobs(db: WorkbenchDb, limit = 50): Promise<JobRecord[]> {
  const all = await db.getAll('jobs');
  return all.sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}

export async function jobsWithStatus(db: WorkbenchDb, status: JobStatus): Promise<JobRecord[]> {
  return db.getAllFromIndex('jobs', 'by-status', status);
}

export async function deleteFinishedJobs(db: WorkbenchDb): Promise<void> {
  const tx = db.transaction('jobs', 'readwrite');
  for (const job of await tx.store.getAll()) {
    if (job.status !== 'running') await tx.store.delete(job.id);
  }
  await tx.done;
}
