import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWorkbenchDb } from './db';
import { interruptJobIfCutOff } from './job-interruption';
import { jobsWithStatus, putJob, updateJob } from './jobs-repo';
import type { JobRecord } from './records';

let n = 0;
const freshDb = () => openWorkbenchDb(`job-interruption-${n++}`);

const job = (id: string, ownerTab: string, over: Partial<JobRecord> = {}): JobRecord => ({
  id,
  kind: 'synthesise-homes',
  title: 'Synthesise 3 homes from templates',
  status: 'running',
  progress: { fraction: 0.5, phase: '1 of 3 homes', etaMs: null },
  createdAt: 1,
  updatedAt: 1,
  ownerTab,
  error: null,
  resultId: null,
  note: null,
  ...over,
});

const patch = { updatedAt: 99, note: 'Cut off.' };

describe('interrupting a cut-off job', () => {
  it('interrupts only jobs still running whose tab is gone', async () => {
    const db = await freshDb();
    await putJob(db, job('dead', 'tab-dead'));
    await putJob(db, job('live', 'tab-live'));
    const alive = (t: string) => t === 'tab-live';
    expect(await interruptJobIfCutOff(db, 'dead', alive, patch)).toMatchObject({
      status: 'interrupted',
      note: 'Cut off.',
      updatedAt: 99,
    });
    expect(await interruptJobIfCutOff(db, 'live', alive, patch)).toBeUndefined();
    expect((await db.get('jobs', 'live'))?.status).toBe('running');
    expect(await interruptJobIfCutOff(db, 'missing', alive, patch)).toBeUndefined();
    db.close();
  });

  it('never downgrades a job its tab finished after a stale tab read it as running', async () => {
    const db = await freshDb();
    await putJob(db, job('j', 'tab-a'));
    // Tab B reads the running jobs; tab A then finishes the job and closes before B decides.
    const staleView = await jobsWithStatus(db, 'running');
    await updateJob(db, 'j', { status: 'done', progress: { fraction: 1, phase: 'Done', etaMs: 0 }, updatedAt: 50 });
    for (const j of staleView) expect(await interruptJobIfCutOff(db, j.id, () => false, patch)).toBeUndefined();
    expect(await db.get('jobs', 'j')).toMatchObject({ status: 'done', note: null, updatedAt: 50 });
    db.close();
  });
});
