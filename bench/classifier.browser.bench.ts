// Home-type classifier benchmark (issues 7 and 12) against the built app in headless Chromium: 400 template
// homes and 400 survey-statistics homes (50 per type each, 90 days of events) made on the Homes page, then
// the classifier trained on the Training page (5-fold by home within each source, plus across sources).
//
// The targets are judged across sources: trained on one maker's homes, tested on the other's,
// in both directions (with two sources these are exactly the leave-one-source-out scores). The two named
// baselines ("structure-only baseline accuracy", "template grammar baseline accuracy") are in-source on
// the template homes — what a model learns from the templates' structure alone — with their cross-source
// figures beside them. Prints a JSON array of BenchResult.
import { HOME_TYPES } from '../src/domain/home-types';
import { summarise, type BenchResult } from './bench-result';
import { readStore, runBrowserBench } from './browser-kit';

// The Homes page's type checkboxes: every home type, named with spaces ("single family house").
const TYPES = HOME_TYPES.map((t) => t.replaceAll('_', ' '));
const PER_SOURCE = 400;
const DAYS = 90;

interface Interval {
  estimate: number;
}
interface StoredScore {
  homes: number;
  accuracy: Interval;
  macroF1: Interval;
  lowestPrecision: Interval;
}
interface StoredEvaluation {
  accuracy: Interval;
  macroF1: Interval;
  targets: { lowestPrecision: number };
  baseline: { feature: string; accuracy: number };
  trainMs: number;
  finalTrainMs: number;
  homes: number;
  crossSource?: { sources: { name: string }[]; matrix: (StoredScore | null)[][] };
  models?: { id: string; evaluation: { leaveOneOut: (StoredScore | null)[]; matrix: (StoredScore | null)[][] } }[];
}

runBrowserBench(4177, async ({ browser, base: BASE, env }) => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/homes`);
  const form = page.getByRole('form', { name: 'Make homes' });
  const make = async (choice: RegExp, expectedTotal: number): Promise<void> => {
    await form.getByRole('radio', { name: choice }).check();
    await form.getByLabel('Homes', { exact: true }).fill(String(PER_SOURCE));
    await form.getByLabel('Days of events').fill(String(DAYS));
    for (const t of TYPES) await form.getByRole('checkbox', { name: t, exact: true }).check();
    await form.getByRole('button', { name: 'Make homes' }).click();
    await page.getByRole('heading', { name: `Homes (${expectedTotal})` }).waitFor({ timeout: 600_000 });
  };
  await make(/Templates/, PER_SOURCE);
  await make(/Survey statistics/, 2 * PER_SOURCE);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
  await page.getByRole('button', { name: new RegExp(`Train the classifier on ${2 * PER_SOURCE} homes`) }).click();
  await page.getByRole('table', { name: 'Cross-source accuracy' }).waitFor({ timeout: 900_000 });
  const models = await readStore<{ kind: string; createdAt: number; homeTypeEvaluation?: StoredEvaluation }>(
    page,
    'models',
    ['kind', 'createdAt', 'homeTypeEvaluation'],
  );
  const ev = models
    .filter((x) => x.kind === 'home-type')
    .sort((a, b) => b.createdAt - a.createdAt)[0]?.homeTypeEvaluation;
  if (!ev) throw new Error('no home-type classifier stored');
  const cross = ev.crossSource;
  if (!cross) throw new Error('the stored classifier has no cross-source evaluation');
  const names = cross.sources.map((s) => s.name);
  const t = names.indexOf('template');
  const s = names.findIndex((n) => n !== 'template');
  if (t < 0 || s < 0) throw new Error(`expected template homes and a second source, found ${names.join(', ')}`);
  const cell = (from: number, to: number): StoredScore => {
    const c = cross.matrix[from]?.[to];
    if (!c) throw new Error(`no cross-source score ${names[from]} → ${names[to]}`);
    return c;
  };
  const second = names[s] ?? 'second source';
  const label = `${PER_SOURCE} template + ${PER_SOURCE} ${second} homes × ${DAYS} days`;
  const results: BenchResult[] = [];
  for (const [direction, from, to] of [
    ['templates → second source', t, s],
    ['second source → templates', s, t],
  ] as const) {
    const c = cell(from, to);
    results.push(
      summarise(`home-type classifier cross-source accuracy (${direction})`, 'fraction', [c.accuracy.estimate], env, {
        op: '>=',
        value: 0.85,
      }),
      summarise(`home-type classifier cross-source macro-F1 (${direction})`, 'fraction', [c.macroF1.estimate], env, {
        op: '>=',
        value: 0.8,
      }),
      summarise(
        `home-type classifier cross-source lowest per-class precision (${direction})`,
        'fraction',
        [c.lowestPrecision.estimate],
        env,
        { op: '>=', value: 0.75 },
      ),
    );
  }
  const inTemplates = cell(t, t);
  const inSecond = cell(s, s);
  results.push(
    summarise(
      `home-type classifier in-source accuracy (template homes, 5-fold by home; ${label})`,
      'fraction',
      [inTemplates.accuracy.estimate],
      env,
    ),
    summarise(
      `home-type classifier in-source accuracy (${second} homes, 5-fold by home; ${label})`,
      'fraction',
      [inSecond.accuracy.estimate],
      env,
    ),
  );
  // Baselines: the exact names are in-source on the template homes; cross-source beside them.
  for (const [id, name] of [
    ['structure', 'structure-only baseline accuracy'],
    ['template-grammar', 'template grammar baseline accuracy'],
  ] as const) {
    const row = ev.models?.find((m) => m.id === id);
    const own = row?.evaluation.matrix[t]?.[t];
    // With two sources, leaving one out is training on the other: the held-out source names the direction.
    const toSecond = row?.evaluation.leaveOneOut[s];
    const toTemplates = row?.evaluation.leaveOneOut[t];
    if (!own || !toSecond || !toTemplates) throw new Error(`no stored evaluation of the ${id} baseline`);
    results.push(
      summarise(name, 'fraction', [own.accuracy.estimate], env),
      summarise(`${name} (cross-source, templates → second source)`, 'fraction', [toSecond.accuracy.estimate], env),
      summarise(`${name} (cross-source, second source → templates)`, 'fraction', [toTemplates.accuracy.estimate], env),
    );
  }
  results.push(
    summarise(
      `best single feature alone (${ev.baseline.feature}), in-source accuracy`,
      'fraction',
      [ev.baseline.accuracy],
      env,
    ),
    summarise('home-type classifier: final model training in the worker', 's', [ev.finalTrainMs / 1000], env, {
      op: '<=',
      value: 5,
    }),
    summarise(
      'home-type classifier: in- and cross-source evaluation, ablations, baselines, perturbations + final model in the worker',
      's',
      [ev.trainMs / 1000],
      env,
    ),
  );
  return results;
});
