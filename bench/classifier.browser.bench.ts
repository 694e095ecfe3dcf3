// Home-type classifier benchmark (issue 7) against the built app in headless Chromium: 400 template homes
// (50 per type) with 90 days of events made on the Homes page, then the classifier trained on the Training
// page (5-fold by home). Records held-out accuracy, macro-F1, the lowest per-class precision, the best
// single feature's accuracy and the training times; prints a JSON array of BenchResult.
import { summarise, type BenchResult } from './bench-result';
import { runBrowserBench } from './browser-kit';

const TYPES = ['single family house', 'apartment', 'condo', 'townhouse', 'cottage', 'studio', 'multi story', 'ranch house'];


interface StoredEvaluation {
  accuracy: { estimate: number };
  macroF1: { estimate: number };
  targets: { lowestPrecision: number; accuracy: boolean; macroF1: boolean; perClassPrecision: boolean };
  baseline: { feature: string; accuracy: number };
  trainMs: number;
  finalTrainMs: number;
  homes: number;
}

runBrowserBench(4177, async ({ browser, base: BASE, env }) => {
    const page = await browser.newPage();
    await page.goto(`${BASE}/homes`);
    const form = page.getByRole('form', { name: 'Make homes' });
    await form.getByRole('radio', { name: /Templates/ }).check();
    await form.getByLabel('Homes', { exact: true }).fill('400');
    await form.getByLabel('Days of events').fill('90');
    for (const t of TYPES) await form.getByRole('checkbox', { name: t, exact: true }).check();
    await form.getByRole('button', { name: 'Make homes' }).click();
    await page.getByRole('heading', { name: 'Homes (400)' }).waitFor({ timeout: 300_000 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
    await page.getByRole('button', { name: /Train the classifier on 400 homes/ }).click();
    await page.getByRole('table', { name: 'Home-type confusion matrix' }).waitFor({ timeout: 300_000 });
    const ev = await page.evaluate(
      () =>
        new Promise<StoredEvaluation>((resolve, reject) => {
          const req = indexedDB.open('homesynth-workbench');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const all = req.result.transaction('models').objectStore('models').getAll();
            all.onsuccess = () => {
              const m = (all.result as { kind: string; createdAt: number; homeTypeEvaluation?: StoredEvaluation }[])
                .filter((x) => x.kind === 'home-type')
                .sort((a, b) => b.createdAt - a.createdAt)[0];
              if (m?.homeTypeEvaluation) resolve(m.homeTypeEvaluation);
              else reject(new Error('no home-type classifier stored'));
            };
          };
        }),
    );
    const label = `${ev.homes} template homes × 90 days, 5-fold by home`;
    const results: BenchResult[] = [
      summarise(`home-type classifier held-out accuracy (${label})`, 'fraction', [ev.accuracy.estimate], env, { op: '>=', value: 0.85 }),
      summarise(`home-type classifier held-out macro-F1 (${label})`, 'fraction', [ev.macroF1.estimate], env, { op: '>=', value: 0.8 }),
      summarise(`home-type classifier lowest per-class precision (${label})`, 'fraction', [ev.targets.lowestPrecision], env, { op: '>=', value: 0.75 }),
      summarise(`best single feature alone (${ev.baseline.feature}), accuracy — must stay well below the model`, 'fraction', [ev.baseline.accuracy], env),
      summarise('home-type classifier: final model training in the worker', 's', [ev.finalTrainMs / 1000], env, { op: '<=', value: 5 }),
      summarise('home-type classifier: 5-fold evaluation + bootstrap + final model in the worker', 's', [ev.trainMs / 1000], env),
    ];
    return results;
});
