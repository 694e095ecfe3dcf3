import { readFile } from 'node:fs/promises';
import { expect, resetApp, test } from './fixtures';

test.describe('training and comparison', () => {
  test('train on a generated dataset, watch live curves, sort and filter the comparison, move the threshold, export', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await resetApp(page);
    await page.getByRole('radio', { name: /Classic/ }).check();
    const form = page.getByRole('form', { name: 'New classic dataset' });
    await form.getByLabel('Name').fill('Train me');
    await form.getByLabel('Samples (rows)').fill('6000');
    await form.getByLabel('Seed').fill('11');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Train me' })).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
    const training = page.getByRole('form', { name: 'New training run' });
    await training.getByText('Network and training settings').click();
    await training.getByLabel('Max epochs').fill('4');
    await training.getByLabel('Bootstrap resamples').fill('200');
    await training.getByRole('button', { name: 'Train' }).click();

    // Live view: a loss chart appears for the first model while training runs.
    await expect(page.getByRole('figure', { name: /Loss per epoch/ }).first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/Backend: wasm/)).toBeVisible();
    const runs = page.getByRole('table', { name: 'Training runs' });
    await expect(runs.getByRole('cell', { name: 'done' })).toBeVisible({ timeout: 180_000 });

    await runs.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/compare\?run=/);
    const table = page.getByRole('table', { name: 'Model comparison' });
    // Global + 8 home types, each a network and boosted trees (both families are on by default).
    await expect(table.getByRole('row')).toHaveCount(1 + 18);
    const f1 = table.getByRole('columnheader', { name: 'F1', exact: true });
    await f1.getByRole('button').click();
    await expect(f1).toHaveAttribute('aria-sort', 'ascending');
    // No cell is marked best across models tested on different sets; a best is named per slot, with paired intervals.
    await expect(table.locator('td.best')).toHaveCount(0);
    // Every slot with trained models (studio has too few samples here and trains none).
    await expect(page.getByRole('table', { name: 'Best model per slot' }).getByRole('row')).toHaveCount(1 + 8);
    await page.getByRole('searchbox', { name: 'Filter rows' }).fill('studio');
    await expect(table.getByRole('row')).toHaveCount(1 + 2);
    await page.getByRole('searchbox', { name: 'Filter rows' }).fill('');

    // The threshold moves the confusion matrix.
    const matrix = page.getByRole('table', { name: 'Confusion matrix' });
    const before = await matrix.textContent();
    await page.getByLabel(/Decision threshold/).fill('0.9');
    await expect(matrix.getByRole('columnheader').first()).toBeVisible();
    await expect.poll(async () => matrix.textContent()).not.toBe(before);

    // After a reload the test predictions come from their own store: the matrix is still there.
    await page.reload();
    await expect(page.getByRole('table', { name: 'Confusion matrix' }).getByRole('cell').first()).toBeVisible();
    await expect(page.getByText('This model has no stored test predictions.')).toHaveCount(0);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^model,family,status,/);
    expect(lines).toHaveLength(1 + 18);
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export comparison_results.json' }).click(),
    ]);
    expect(json.suggestedFilename()).toBe('comparison_results.json');
    const results = JSON.parse(await readFile(await json.path(), 'utf8')) as Record<
      string,
      { model_performance: { f1_score?: number } }
    >;
    expect(Object.keys(results)).toContain('single_family_house');
    expect(typeof results.single_family_house?.model_performance.f1_score).toBe('number');
  });
});
