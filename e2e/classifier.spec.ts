import type { Page } from '@playwright/test';
import { expect, resetApp, test } from './fixtures';

const TYPES = [
  'single family house',
  'apartment',
  'condo',
  'townhouse',
  'cottage',
  'studio',
  'multi story',
  'ranch house',
];
/** Per source: 3 of each type, so every type has the 5 homes training asks for across the two sources. */
const PER_SOURCE = 24;

async function makeHomes(page: Page, source: RegExp, total: number): Promise<void> {
  const form = page.getByRole('form', { name: 'Make homes' });
  await form.getByRole('radio', { name: source }).check();
  await form.getByLabel('Homes', { exact: true }).fill(String(PER_SOURCE));
  await form.getByLabel('Days of events').fill('14');
  for (const type of TYPES) await form.getByRole('checkbox', { name: type, exact: true }).check();
  await form.getByRole('button', { name: 'Make homes' }).click();
  await expect(page.getByRole('heading', { name: `Homes (${total})` })).toBeVisible({ timeout: 120_000 });
}

test.describe('home-type classifier', () => {
  test('homes from two sources: train, see the cross-source matrix, targets, ablations and perturbation checks, classify one home', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await resetApp(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Homes' }).click();
    await makeHomes(page, /Templates/, PER_SOURCE);
    await makeHomes(page, /Survey statistics/, 2 * PER_SOURCE);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
    await page.getByRole('button', { name: new RegExp(`Train the classifier on ${2 * PER_SOURCE} homes`) }).click();
    await expect(page.getByTestId('classifier-model-name')).toHaveText(
      /^Softmax regression on [a-z +]+, per-source standardised$/,
      { timeout: 180_000 },
    );
    const cross = page.getByRole('table', { name: 'Cross-source accuracy' });
    await expect(cross).toBeVisible({ timeout: 180_000 });
    // A header row and one row per source; every cell filled (diagonal in-source, the rest across).
    await expect(cross.getByRole('row')).toHaveCount(3);
    await expect(cross.getByRole('rowheader', { name: /templates/ })).toBeVisible();
    await expect(cross.getByRole('rowheader', { name: /survey statistics/ })).toBeVisible();
    await expect(cross.getByRole('cell', { name: /^\d\.\d{3} \[/ })).toHaveCount(4);

    const loso = page.getByRole('table', { name: 'Leave one source out' });
    await expect(loso.getByRole('row')).toHaveCount(4);
    await expect(loso).toContainText(/(met|not met)/);
    const targets = page.getByRole('list', { name: 'The original targets' });
    await expect(targets.getByRole('listitem')).toHaveCount(3);
    await expect(targets).toContainText(
      /(met|not met) accuracy ≥ 0.85 \(\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\], .* held out\)/,
    );
    await expect(page.getByText(/Cross-source evaluation needs a second home source/)).toHaveCount(0);

    const ablations = page.getByRole('table', { name: 'Ablations and baselines' });
    await expect(ablations.getByRole('row')).toHaveCount(8);
    for (const row of [
      /Model: softmax regression, per-source standardised/,
      /Network, all features/,
      /Structure only/,
      /Behaviour only/,
      /Household only/,
      /Template grammar: depth-4 tree/,
      /Best single feature/,
    ]) {
      await expect(ablations.getByRole('rowheader', { name: row })).toBeVisible();
    }
    const perturbations = page.getByRole('table', { name: 'Perturbation checks' });
    await expect(perturbations.getByRole('row')).toHaveCount(5);
    for (const row of [/As stored/, /Shuffled floor numbers/, /Rooms renamed/, /Outdoor areas dropped/]) {
      await expect(perturbations.getByRole('rowheader', { name: row })).toBeVisible();
    }
    await expect(page.getByRole('table', { name: 'Home-type confusion matrix' }).getByRole('row')).toHaveCount(9);
    await expect(page.getByRole('table', { name: 'Per-class precision and recall' }).getByRole('row')).toHaveCount(9);

    // Classify one home on the Homes page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Homes' }).click();
    await page.getByRole('table', { name: 'Homes' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Classify this home' }).click();
    const probs = page.getByRole('table', { name: 'Home-type probabilities' });
    await expect(probs.getByRole('row')).toHaveCount(9);
    await expect(page.getByText(/Predicted: /)).toBeVisible();
    // Every home here is from a source the classifier trained on: scaled by its own source's statistics.
    await expect(
      page.getByRole('note').filter({ hasText: /scaled by the statistics of its own source/ }),
    ).toBeVisible();
  });
});
