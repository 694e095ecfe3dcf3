import { expect, resetApp, test } from './fixtures';

test.describe('home-type classifier', () => {
  test('generate template homes, train the classifier, see the confusion matrix and targets, classify one home', async ({ page }) => {
    test.setTimeout(240_000);
    await resetApp(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Homes' }).click();
    const form = page.getByRole('form', { name: 'Make homes' });
    await form.getByRole('radio', { name: /Templates/ }).check();
    await form.getByLabel('Homes', { exact: true }).fill('48');
    await form.getByLabel('Days of events').fill('14');
    for (const type of ['single family house', 'apartment', 'condo', 'townhouse', 'cottage', 'studio', 'multi story', 'ranch house']) {
      await form.getByRole('checkbox', { name: type, exact: true }).check();
    }
    await form.getByRole('button', { name: 'Make homes' }).click();
    await expect(page.getByRole('heading', { name: 'Homes (48)' })).toBeVisible({ timeout: 120_000 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
    await page.getByRole('button', { name: /Train the classifier on 48 homes/ }).click();
    const matrix = page.getByRole('table', { name: 'Home-type confusion matrix' });
    await expect(matrix).toBeVisible({ timeout: 120_000 });
    await expect(matrix.getByRole('row')).toHaveCount(9);
    const targets = page.getByRole('list', { name: 'The original targets' });
    await expect(targets.getByRole('listitem')).toHaveCount(3);
    await expect(targets).toContainText(/(PASS|FAIL) accuracy > 0.85/);
    await expect(page.getByText(/Baseline, the best single feature/)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Per-class precision and recall' }).getByRole('row')).toHaveCount(9);

    // Classify one home on the Homes page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Homes' }).click();
    await page.getByRole('table', { name: 'Homes' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Classify this home' }).click();
    const probs = page.getByRole('table', { name: 'Home-type probabilities' });
    await expect(probs.getByRole('row')).toHaveCount(9);
    await expect(page.getByText(/Predicted: /)).toBeVisible();
  });
});
