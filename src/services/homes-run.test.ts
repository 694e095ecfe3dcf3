import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWorkbenchDb, type WorkbenchDb } from '../storage/db';
import {
  emptyRunTotals,
  getHomesRun,
  listHomes,
  putHomesRun,
  updateHomesRun,
  type HomesRunRecord,
} from '../storage/homes-repo';
import { HomesRunBusyError, liveHomesRunIds, memoryRunLocks, type RunLocks } from '../storage/homes-run-lock';
import type { HomesProgress } from '../workers/homes.api';
import { planRunHomes } from './homes-plan';
import { executeRun, localContent, surveyContent, templateContent } from './homes-run';

let n = 0;
const freshDb = () => openWorkbenchDb(`homes-run-${n++}`);

function templateRun(over: Partial<HomesRunRecord> = {}): HomesRunRecord {
  return {
    id: 'run-1',
    source: 'template',
    seed: 3,
    plan: [
      { index: 0, homeType: 'apartment', sizeCategory: 'small' },
      { index: 1, homeType: 'condo', sizeCategory: 'small' },
      { index: 2, homeType: 'apartment', sizeCategory: 'medium' },
    ],
    firstNumber: 1,
    days: 1,
    startDate: '2025-01-01',
    timeZone: 'UTC',
    llm: null,
    status: 'running',
    message: null,
    done: [],
    skipped: [],
    totals: emptyRunTotals(),
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

function context(
  db: WorkbenchDb,
  run: HomesRunRecord,
  locks: RunLocks | null,
  onProgress: (p: HomesProgress) => void = () => undefined,
) {
  return {
    db,
    run,
    signal: new AbortController().signal,
    now: () => 1000,
    onProgress,
    yieldToEvents: async () => undefined,
    locks,
  };
}

describe('a homes run across tabs', () => {
  it('holds a lock named after the run while it executes: other tabs see it live and a second executor is refused', async () => {
    const db = await freshDb();
    const locks = memoryRunLocks();
    const run = templateRun();
    await putHomesRun(db, run, locks);
    const seen: { live: Set<string>[]; second: Promise<unknown> | null } = { live: [], second: null };
    const outcome = await executeRun(
      context(db, run, locks, (p) => {
        if (p.savedHomeId !== 'home_001') return;
        seen.second = executeRun(context(db, run, locks), null).catch((e: unknown) => e);
        void liveHomesRunIds(locks).then((ids) => seen.live.push(ids));
      }),
      null,
    );
    expect(outcome.run).toMatchObject({ status: 'completed', done: [0, 1, 2] });
    expect(await seen.second).toBeInstanceOf(HomesRunBusyError);
    expect(seen.live).toEqual([new Set(['run-1'])]);
    expect(await liveHomesRunIds(locks)).toEqual(new Set());
    expect((await getHomesRun(db))?.status).toBe('completed');
    expect((await listHomes(db)).map((h) => h.id)).toEqual(['home_001', 'home_002', 'home_003']);
    db.close();
  });

  it('a stale executor cannot turn a completed run into failed', async () => {
    const db = await freshDb();
    const run = templateRun();
    await putHomesRun(db, run, null);
    // Without Web Locks (no mutual exclusion) tab A completes the run; tab B starts later from its old copy.
    expect((await executeRun(context(db, run, null), null)).run.status).toBe('completed');
    await expect(executeRun(context(db, run, null), null)).rejects.toThrow(
      /already ended in another tab \(completed\)/,
    );
    expect(await getHomesRun(db)).toMatchObject({ status: 'completed', done: [0, 1, 2], message: null });
    expect(await listHomes(db)).toHaveLength(3);
    db.close();
  });

  it('an executor whose run another tab finished mid-way stops without overwriting that outcome', async () => {
    const db = await freshDb();
    const run = templateRun();
    await putHomesRun(db, run, null);
    const outcome = await executeRun(
      context(db, run, null, (p) => {
        // Another tab records the run as completed right after this one saved its first home.
        if (p.savedHomeId === 'home_001')
          void updateHomesRun(db, (r) => ({ ...r, status: 'completed', message: 'finished elsewhere' }));
      }),
      null,
    );
    expect(outcome.run.status).toBe('failed');
    expect(outcome.run.message).toMatch(/finished, replaced or discarded in another tab/);
    expect(await getHomesRun(db)).toMatchObject({ status: 'completed', message: 'finished elsewhere', done: [0] });
    // The home whose save was refused did not land: no home the stored run does not know about.
    expect((await listHomes(db)).map((h) => h.id)).toEqual(['home_001']);
    db.close();
  });

  it("resumes a run whose tab is gone from the stored record, even when the caller's copy is behind", async () => {
    const db = await freshDb();
    const locks = memoryRunLocks();
    const run = templateRun();
    await putHomesRun(db, run, locks);
    const controller = new AbortController();
    // The first tab saves home_001, then is closed before it records an outcome: the record stays 'running'.
    await executeRun(
      {
        ...context(db, run, locks, (p) => {
          if (p.savedHomeId === 'home_001') controller.abort();
        }),
        signal: controller.signal,
      },
      null,
    );
    await updateHomesRun(db, (r) => ({ ...r, status: 'running', message: null }));
    expect(await getHomesRun(db)).toMatchObject({ status: 'running', done: [0] });
    expect(await liveHomesRunIds(locks)).toEqual(new Set());
    // Another tab resumes it from an older copy (done: []): home_001 is not made again.
    const outcome = await executeRun(context(db, run, locks), null);
    expect(outcome.run).toMatchObject({ status: 'completed', done: [0, 1, 2] });
    expect(outcome.saved).toBe(2);
    db.close();
  });
});

describe('homes run sources', () => {
  it("makes survey homes for a survey run: source survey, the plan's types and sizes, events for each", async () => {
    const db = await freshDb();
    const run = templateRun({ id: 'run-s', source: 'survey', seed: 8 });
    await putHomesRun(db, run, null);
    const outcome = await executeRun(context(db, run, null), null);
    expect(outcome.run).toMatchObject({ status: 'completed', done: [0, 1, 2] });
    const homes = await listHomes(db);
    expect(homes.map((h) => [h.source, h.home_type, h.size_category])).toEqual(
      run.plan.map((p) => ['survey', p.homeType, p.sizeCategory]),
    );
    expect(homes.map((h) => h.name)).toEqual(run.plan.map((p) => surveyContent(8, p).name));
    for (const h of homes) expect(h.eventCount).toBeGreaterThan(0);
    db.close();
  });

  it("picks the maker by source, each a pure function of (seed, plan item), and keeps the plan's type mix", () => {
    const plan = planRunHomes(40, null, null, 4);
    const survey = plan.map((item) => localContent('survey', 4, item));
    expect(survey).toEqual(plan.map((item) => surveyContent(4, item)));
    expect(plan.map((item) => localContent('template', 4, item))).toEqual(plan.map((item) => templateContent(4, item)));
    expect(survey.map((h) => h.home_type)).toEqual(plan.map((p) => p.homeType));
    expect(survey.map((h) => h.size_category)).toEqual(plan.map((p) => p.sizeCategory));
    expect(survey[0]).not.toEqual(
      templateContent(4, plan[0] ?? { index: 0, homeType: 'condo', sizeCategory: 'small' }),
    );
    expect(() => localContent('llm', 4, plan[0] ?? { index: 0, homeType: 'condo', sizeCategory: 'small' })).toThrow(
      /LLM homes come from the API/,
    );
  });
});
