// The UI steps of the training benchmarks (bench/training.browser.bench.ts): generating the datasets, starting
// runs from the Training page, reading the Compare page, and the small readers of the stored run records.
import type { Page } from 'playwright-core';
import { readLongTasks, readStore } from './browser-kit';

export const PORT = Number(process.env.BENCH_PORT ?? 4175);
export const BASE = `http://127.0.0.1:${PORT}`;
const CLASSIC_ROWS = 10_000;
/** Issue 10's temporal benchmark: 300 homes × 180 days, a sample every 2 days (795,197 samples). */
export const TEMPORAL = { homes: 300, days: 180, seed: 42, strideDays: 2 } as const;

interface Estimate {
  estimate: number;
}

/** One model of a stored run: the fields the bench reads. */
export interface StoredSlot {
  slot: string;
  family?: 'network' | 'trees';
  status: string;
  trainMs: number;
  counts: { train: number };
  history: unknown[];
  metrics: { f1: Estimate; prAuc: Estimate } | null;
  baselines: { logistic: { f1: Estimate; prAuc: Estimate } } | null;
}

/** What the bench reads back from a stored run record. */
export interface StoredRun {
  id: string;
  name: string;
  status: string;
  totalMs: number;
  backend: { active: string } | null;
  slots: StoredSlot[];
  error: string | null;
}

export function log(message: string): void {
  process.stderr.write(`training bench: ${message}\n`);
}

/** A long animation frame's biggest script, for the log: what to look at when a long task shows up. */
interface FrameCulprit {
  duration: number;
  blocking: number;
  script: string;
}

async function startLongTaskObserver(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Script = {
      duration: number;
      invoker: string;
      sourceURL: string;
      sourceFunctionName: string;
      sourceCharPosition: number;
    };
    const w = window as unknown as {
      __longTasks: number[];
      __frames: { duration: number; blocking: number; script: string }[];
      __observers?: PerformanceObserver[];
    };
    w.__longTasks = [];
    w.__frames = [];
    w.__observers?.forEach((o) => o.disconnect());
    const tasks = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    });
    tasks.observe({ type: 'longtask' });
    // Long animation frames name the scripts that ran in them (Chromium); only for the log.
    const frames = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { blockingDuration: number; scripts: Script[] })[]) {
        const top = e.scripts.toSorted((a, b) => b.duration - a.duration)[0];
        const script = top
          ? `${top.invoker} ${top.sourceFunctionName || '?'} @ ${top.sourceURL.split('/').pop() ?? ''}:${top.sourceCharPosition} (${Math.round(top.duration)} ms)`
          : 'no script (rendering, layout or GC)';
        w.__frames.push({ duration: e.duration, blocking: e.blockingDuration, script });
      }
    });
    try {
      frames.observe({ type: 'long-animation-frame' });
    } catch {
      /* not supported: the long-task figure stands alone */
    }
    w.__observers = [tasks, frames];
  });
}

async function longFrames(page: Page): Promise<FrameCulprit[]> {
  return page.evaluate(() => (window as unknown as { __frames: FrameCulprit[] }).__frames);
}

/** What the Compare page's evaluation section showed for a run (issue 11's bench entries). */
interface CompareFigures {
  renderMs: number;
  rows: number;
  longest: number;
  recallAtBudget: number;
  medianLeadDays: number;
  eceBefore: number;
  eceAfter: number;
}

/** A number out of "0.812 [0.790, 0.833]" (the estimate). */
function estimateOf(text: string | null): number {
  const m = /-?\d+(?:\.\d+)?/.exec(text ?? '');
  return m ? Number(m[0]) : Number.NaN;
}

/**
 * Opens Compare on another run, then selects `runName` and times until its event-level table (home-clustered
 * bootstrap in the evaluation worker) is on screen; then sets an alert budget of 5 false alarms per 100
 * device-months and reads the global network's recall and median lead time, and its ECE before and after
 * calibration, as the page shows them.
 */
export async function compareFigures(
  page: Page,
  fromRunId: string,
  runName: string,
  models: number,
): Promise<CompareFigures> {
  await page.goto(`${BASE}/compare?run=${encodeURIComponent(fromRunId)}`);
  const table = page.getByRole('table', { name: 'Event-level metrics' });
  await table.waitFor({ timeout: 120_000 });
  await startLongTaskObserver(page);
  const select = page.getByLabel('Run', { exact: true });
  const option = await select.locator('option', { hasText: runName }).first().getAttribute('value');
  const started = Date.now();
  await select.selectOption(option ?? '');
  await page.waitForFunction(
    (n) => document.querySelector('table[aria-label="Event-level metrics"]')?.querySelectorAll('tbody tr').length === n,
    models,
    { timeout: 60_000, polling: 10 },
  );
  const renderMs = Date.now() - started;
  const rows = await table.locator('tbody tr').count();
  await page.getByRole('radio', { name: 'Alert budget' }).check();
  await page.getByLabel('False alarms per 100 device-months').fill('5');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page
    .getByText(/≤ 5 false alarms per 100 device-months/)
    .first()
    .waitFor({ timeout: 60_000 });
  const row = table.getByRole('row', { name: /^global · network/ });
  const cells = row.getByRole('cell');
  const headers = await table.getByRole('columnheader').allTextContents();
  // Row headers are th, so cell k is column k + 1.
  const cell = async (header: string): Promise<string | null> => cells.nth(headers.indexOf(header) - 1).textContent();
  const recallAtBudget = estimateOf(await cell('Recall (devices)'));
  const medianLeadDays = estimateOf(await cell('Median lead time (days)'));
  await page.getByLabel('Model to inspect').selectOption({ label: 'global · network' });
  const calibration = (await page.getByText(/Expected calibration error/).textContent()) ?? '';
  const eces = [...calibration.matchAll(/(\d+\.\d+) \[[^\]]*\] (before|after)/g)];
  const ece = (which: string): number => Number(eces.find((m) => m[2] === which)?.[1] ?? Number.NaN);
  return {
    renderMs,
    rows,
    longest: Math.max(0, ...(await readLongTasks(page))),
    recallAtBudget,
    medianLeadDays,
    eceBefore: ece('before'),
    eceAfter: ece('after'),
  };
}

export async function generateClassic(page: Page, name: string): Promise<void> {
  await page.goto(`${BASE}/datasets?mode=classic`);
  const form = page.getByRole('form', { name: 'New classic dataset' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Samples (rows)').fill(String(CLASSIC_ROWS));
  await form.getByLabel('Seed').fill('42');
  await form.getByRole('button', { name: 'Generate' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor({ timeout: 120_000 });
}

export async function generateTemporal(
  page: Page,
  name: string,
): Promise<{ generateMs: number; rows: number; devices: number }> {
  await page.goto(`${BASE}/datasets?mode=temporal`);
  const form = page.getByRole('form', { name: 'New temporal dataset' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Homes', { exact: true }).fill(String(TEMPORAL.homes));
  await form.getByLabel('Days', { exact: true }).fill(String(TEMPORAL.days));
  await form.getByLabel('Time zone', { exact: true }).fill('UTC');
  await form.getByLabel('Seed', { exact: true }).fill(String(TEMPORAL.seed));
  await form.getByLabel('Sample every (days)', { exact: true }).fill(String(TEMPORAL.strideDays));
  await form.getByRole('button', { name: 'Generate' }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor({ timeout: 600_000 });
  const records = await readStore<{
    name: string;
    rowCount: number;
    summary: { devices: number } | null;
    timings?: { generateMs: number };
  }>(page, 'datasets');
  const rec = records.find((r) => r.name === name);
  return {
    generateMs: rec?.timings?.generateMs ?? Number.NaN,
    rows: rec?.rowCount ?? 0,
    devices: rec?.summary?.devices ?? 0,
  };
}

/** What a bench run asks the Training form for; everything else stays at the form's defaults. */
export interface RunChoice {
  global: boolean;
  perHomeType: boolean;
  families: ('network' | 'trees')[];
  /** Label radio text; null keeps the form's default. */
  label: string | null;
  /** Network seed; null keeps the default. */
  seed: number | null;
}

/**
 * Starts a run from the Training page and waits until the job ends; returns its stored record, the long
 * tasks seen on the main thread meanwhile and the wall time from the click to the page showing the end.
 */
export async function trainInUi(
  page: Page,
  datasetName: string,
  choice: RunChoice,
  timeoutMs: number,
): Promise<{ run: StoredRun; longTasks: number[]; wallMs: number }> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
  const form = page.getByRole('form', { name: 'New training run' });
  await form.getByLabel('Dataset').selectOption({ label: await optionLabel(page, datasetName) });
  if (choice.label !== null) await form.getByRole('radio', { name: choice.label }).check();
  await form.getByRole('checkbox', { name: 'One global model' }).setChecked(choice.global);
  await form.getByRole('checkbox', { name: 'One per home type' }).setChecked(choice.perHomeType);
  await form.getByRole('checkbox', { name: 'Dense network (TF.js)' }).setChecked(choice.families.includes('network'));
  await form.getByRole('checkbox', { name: 'Gradient-boosted trees' }).setChecked(choice.families.includes('trees'));
  if (choice.seed !== null) {
    const seedField = form.getByLabel('Seed', { exact: true });
    // The settings stay open from an earlier run; a second click would close them.
    if (!(await seedField.isVisible())) await form.getByText('Network and training settings').click();
    await seedField.fill(String(choice.seed));
  }
  const before = new Set((await readStore<StoredRun>(page, 'runs')).map((r) => r.id));
  await startLongTaskObserver(page);
  const t0 = Date.now();
  await form.getByRole('button', { name: 'Train' }).click();
  // The live view says when the job ends; waiting on it costs the page almost nothing, unlike reading
  // the growing run records over and over (that deserialises on the main thread being measured).
  await page.getByRole('heading', { level: 2, name: 'Training now' }).waitFor({ timeout: 60_000 });
  await page.getByRole('heading', { level: 2, name: 'Last run' }).waitFor({ timeout: timeoutMs });
  const wallMs = Date.now() - t0;
  // The page reloads the runs list after the job: part of the run as the user sees it.
  await page.waitForTimeout(1000);
  // Read the main thread's record before the bench reads IndexedDB in the page itself (its own getAll of
  // the run records is not the app's work).
  const tasks = await readLongTasks(page);
  const frames = (await longFrames(page)).filter((f) => f.blocking > 0).toSorted((a, b) => b.duration - a.duration);
  for (const f of frames.slice(0, 5))
    log(`  long frame ${Math.round(f.duration)} ms (blocking ${Math.round(f.blocking)} ms): ${f.script}`);
  const run = (await readStore<StoredRun>(page, 'runs')).find((r) => !before.has(r.id));
  if (run === undefined) throw new Error('the training job ended without a run record');
  if (run.status !== 'done') throw new Error(`training run ended ${run.status}: ${run.error ?? ''}`);
  // The form keeps its settings between runs; the seed goes back to the default for the next one.
  if (choice.seed !== null) await form.getByLabel('Seed', { exact: true }).fill(String(DEFAULT_SEED));
  return { run, longTasks: tasks, wallMs };
}

/** The dataset select's option text for a dataset name ("name (kind, n rows)"). */
async function optionLabel(page: Page, datasetName: string): Promise<string> {
  const select = page.getByRole('form', { name: 'New training run' }).getByLabel('Dataset');
  await select.locator('option', { hasText: datasetName }).first().waitFor({ state: 'attached', timeout: 30_000 });
  const options = await select.locator('option').allTextContents();
  const label = options.find((o) => o.startsWith(`${datasetName} (`));
  if (label === undefined)
    throw new Error(`dataset "${datasetName}" is not offered for training (options: ${options.join('; ')})`);
  return label;
}

export function describeRun(run: StoredRun): string {
  const slots = run.slots
    .map(
      (s) =>
        `${s.slot}/${s.family ?? 'network'} ${s.status} ${Math.round(s.trainMs)} ms/${s.history.length} · PR-AUC ${s.metrics?.prAuc.estimate.toFixed(3) ?? '—'} F1 ${s.metrics?.f1.estimate.toFixed(3) ?? '—'}`,
    )
    .join(', ');
  return `total ${Math.round(run.totalMs)} ms on ${run.backend?.active ?? '?'}: ${slots}`;
}

export const sumTrainMs = (run: StoredRun): number => run.slots.reduce((s, x) => s + x.trainMs, 0);
export const DEFAULT_SEED = 42;
export const done = (run: StoredRun, family: 'network' | 'trees'): StoredSlot[] =>
  run.slots.filter((s) => s.status === 'done' && (s.family ?? 'network') === family);
export const globalOf = (run: StoredRun, family: 'network' | 'trees'): StoredSlot | undefined =>
  done(run, family).find((s) => s.slot === 'global');
export const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
