// The Datasets page steps and the memory sampling of the in-browser benchmarks (bench/browser.bench.ts).
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { deleteAllData, observeLongTasks, readLongTasks, readStore } from './browser-kit';

export const PORT = 4174;
export const BASE = `http://127.0.0.1:${PORT}`;

/** Deletes the app's database; the page must hold no open connection (fresh page). */
export async function clearData(page: Page): Promise<void> {
  await page.goto(`${BASE}/nothing-here`);
  await deleteAllData(page);
}

/** The fields of a stored dataset record the generation benchmarks read. */
interface StoredDataset {
  name: string;
  createdAt: number;
  timings?: { generateMs: number; storeMs: number };
}

/**
 * Generates a classic dataset through the UI without reloading the page, so runs after the first reuse the
 * warm generator worker, as a user's second generation does.
 */
export async function generateClassicInUi(
  page: Page,
  samples: number,
  seed: number,
): Promise<{ generateMs: number; longTasks: number[] }> {
  if (!page.url().includes('/datasets')) await page.goto(`${BASE}/datasets?mode=classic`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datasets' }).click();
  await page.getByRole('radio', { name: /Classic/ }).check();
  // Within the form: the datasets list's column chooser has a "Name" checkbox too.
  const form = page.getByRole('form', { name: 'New classic dataset' });
  await form.getByLabel('Samples (rows)').fill(String(samples));
  await form.getByLabel('Seed').fill(String(seed));
  await form.getByLabel('Name').fill(`bench ${seed}`);
  await observeLongTasks(page);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: `bench ${seed}` }).waitFor({ timeout: 120_000 });
  const longTasks = await readLongTasks(page);
  const datasets = await readStore<StoredDataset>(page, 'datasets', ['name', 'createdAt', 'timings']);
  const generateMs = datasets.find((r) => r.name === `bench ${seed}`)?.timings?.generateMs ?? NaN;
  return { generateMs, longTasks };
}

/**
 * Peak resident memory of Chromium's renderer processes (the page and its workers live there), sampled from
 * /proc every 100 ms while `work` runs. It includes the page, so it over-states the worker alone.
 */
export async function peakRendererRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  const rss = (): number => {
    try {
      const out = execFileSync('ps', ['-eo', 'rss,args'], { encoding: 'utf8' });
      return out
        .split('\n')
        .filter((l) => l.includes('--type=renderer'))
        .reduce((s, l) => s + Number(l.trim().split(/\s+/)[0] ?? 0), 0);
    } catch {
      return 0;
    }
  };
  let peak = rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 100);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, rss()) / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** Fills the temporal form (switching the Datasets page to temporal mode) and generates. */
export async function generateTemporalInUi(
  page: Page,
  values: Record<string, string>,
): Promise<{ generateMs: number; longTasks: number[] }> {
  await page.goto(`${BASE}/datasets?mode=temporal`);
  const form = page.getByRole('form', { name: 'New temporal dataset' });
  for (const [label, value] of Object.entries(values)) {
    const input = form.getByLabel(label, { exact: true });
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await observeLongTasks(page);
  await form.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.waitForURL(/\/datasets\/[0-9a-f-]+$/, { timeout: 300_000 });
  const longTasks = await readLongTasks(page);
  const datasets = await readStore<StoredDataset>(page, 'datasets', ['name', 'createdAt', 'timings']);
  const newest = datasets.sort((a, b) => b.createdAt - a.createdAt)[0];
  const generateMs = (newest?.timings?.generateMs ?? NaN) + (newest?.timings?.storeMs ?? NaN);
  return { generateMs, longTasks };
}

/** The default temporal dataset (100 homes × 180 days, daily samples) as the form's fields: the table and export benchmarks' data. */
export const DEFAULT_TEMPORAL_FORM: Record<string, string> = {
  Homes: '100',
  Days: '180',
  Seed: '42',
  'Start date': '2025-01-01',
  'Time zone': 'UTC',
};
