import { readFile } from 'node:fs/promises';
import { expect, resetApp, test } from './fixtures';

/*
 * Both model families side by side: a run trains the network and boosted trees, the Compare page shows one
 * row per (slot, family) with its validation-chosen threshold, and the trees model makes the round trip
 * export → delete → import → predict. (The network's export and import are covered by models.spec.ts.)
 */
test.describe('two model families', () => {
  test('compare a network and boosted trees of one slot, then export, delete, re-import and use the trees', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await page.getByRole('radio', { name: /Classic/ }).check();
    const form = page.getByRole('form', { name: 'New classic dataset' });
    await form.getByLabel('Name').fill('Families');
    await form.getByLabel('Samples (rows)').fill('3000');
    await form.getByLabel('Seed').fill('5');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Families' })).toBeVisible();

    // The global model only, in both families, kept small.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
    const training = page.getByRole('form', { name: 'New training run' });
    const families = training.getByRole('group', { name: 'Model families' });
    await expect(families.getByRole('checkbox', { name: 'Dense network (TF.js)' })).toBeChecked();
    await families.getByRole('checkbox', { name: 'Gradient-boosted trees' }).check();
    await training
      .getByRole('group', { name: 'Models' })
      .getByRole('checkbox', { name: 'One per home type' })
      .uncheck();
    await training.getByText('Network and training settings').click();
    await training.getByLabel('Max epochs').fill('2');
    await training.getByLabel('Bootstrap resamples').fill('100');
    await training.getByText('Trees settings').click();
    await training.getByLabel('Max boosting rounds').fill('15');
    await training.getByRole('button', { name: 'Train' }).click();
    const runs = page.getByRole('table', { name: 'Training runs' });
    await expect(runs.getByRole('cell', { name: 'done' })).toBeVisible({ timeout: 90_000 });

    // Compare: one row per family of the global slot, each with its threshold and rule.
    await runs.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/compare\?run=/);
    await expect(page.getByText(/Every metric is taken at each model's own threshold/)).toBeVisible();
    const table = page.getByRole('table', { name: 'Model comparison' });
    await expect(table.getByRole('row')).toHaveCount(1 + 2);
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers.indexOf('PR-AUC')).toBe(headers.indexOf('Base rate') + 1);
    for (const family of ['network', 'boosted trees']) {
      const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: family, exact: true }) });
      await expect(row.getByRole('cell', { name: 'global', exact: true })).toBeVisible();
      await expect(row.getByRole('cell', { name: /^\d\.\d{3} \(max F1\)$/ })).toBeVisible();
    }

    // The detail section picks the trees of the slot; its threshold starts at the chosen one and resets to it.
    await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: 'global · boosted trees' });
    await expect(
      page.getByText(/Chosen threshold \d\.\d{3}, by the rule “highest F1 on validation devices”/),
    ).toBeVisible();
    const reset = page.getByRole('button', { name: 'Reset to chosen threshold' });
    await expect(reset).toBeDisabled();
    await page.getByLabel(/Decision threshold/).fill('0.999');
    await expect(reset).toBeEnabled();
    await reset.click();
    await expect(page.getByText(/Decision threshold: \d\.\d{3} \(chosen on validation devices\)/)).toBeVisible();

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^model,family,status,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      'global,network',
      'global,boosted trees',
    ]);

    // Models: export the trees as one JSON file, delete them, import the file back and predict with it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    const list = page.getByRole('table', { name: 'Stored models' });
    await expect(list.getByRole('row')).toHaveCount(1 + 2);
    await list.getByRole('link', { name: / · global · trees$/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: / · global · trees · global · v1\.0\.0$/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export model.json + weights.bin' })).toHaveCount(0);
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export single JSON file' }).click(),
    ]);
    expect(exported.suggestedFilename()).toBe('homesynth-model-global-trees-v1.0.0.json');
    const buffer = await readFile(await exported.path());
    const file = JSON.parse(buffer.toString('utf8')) as {
      format: string;
      model: { family: string };
      metadata: { family: string; threshold: number };
    };
    expect(file).toMatchObject({
      format: 'homesynth-model',
      model: { family: 'trees' },
      metadata: { family: 'trees' },
    });
    expect(file.metadata.threshold).toBeGreaterThan(0);

    await list.getByRole('button', { name: /^Delete model .* · global · trees \(trees\) v1\.0\.0$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete model' }).click();
    await expect(list.getByRole('row')).toHaveCount(1 + 1);
    await expect(list.getByRole('link', { name: / · global · trees$/ })).toHaveCount(0);

    await page
      .getByLabel('Import a model')
      .setInputFiles({ name: exported.suggestedFilename(), mimeType: 'application/json', buffer });
    await expect(
      page.getByText(/^Imported “.* · global · trees \(imported\)” \(global, trees\) as version 1\.0\.\d/),
    ).toBeVisible();
    await expect(list.getByRole('row')).toHaveCount(1 + 2);

    const predict = page.getByRole('form', { name: 'Predict one device' });
    const option = predict.getByRole('option', { name: /\(imported\) · global · Trees · v1\.0\.\d/ });
    const value = await option.getAttribute('value');
    if (value === null) throw new Error('the imported trees model is not offered');
    await predict.getByRole('combobox', { name: 'Model', exact: true }).selectOption(value);
    await predict.getByLabel('battery_level').fill('5');
    await predict.getByRole('button', { name: 'Predict' }).click();
    const prediction = page.getByRole('region', { name: 'Prediction' });
    await expect(prediction.getByText(/^\d+\.\d{2} %$/)).toBeVisible();
    await expect(prediction).toContainText('the model you picked');
    await expect(prediction).toContainText(/\(imported\)/);
    await expect(prediction).toContainText('Trees');
  });
});
