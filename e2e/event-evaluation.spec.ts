import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { applyCalibrator, calibratorSchema } from '../src/domain/evaluation/calibration';
import { predictGbdt, type GbdtModel } from '../src/domain/evaluation/gbdt';
import { expect, resetApp, test } from './fixtures';

/*
 * Issue 11 in the real app: the Compare page's event-level evaluation (worker, home-clustered intervals)
 * reacts to an alert budget and to the calibration switch; a calibrated model exported from the Models
 * page predicts in Node exactly what the app predicts.
 */

async function trainGlobal(page: Page, families: { trees: boolean }, epochs: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
  const training = page.getByRole('form', { name: 'New training run' });
  const group = training.getByRole('group', { name: 'Model families' });
  if (families.trees) await group.getByRole('checkbox', { name: 'Gradient-boosted trees' }).check();
  else await group.getByRole('checkbox', { name: 'Gradient-boosted trees' }).uncheck();
  await training.getByRole('group', { name: 'Models' }).getByRole('checkbox', { name: 'One per home type' }).uncheck();
  await expect(training.getByLabel('Calibration (fitted on validation devices)')).toHaveValue('platt');
  await training.getByText('Network and training settings').click();
  await training.getByLabel('Max epochs').fill(epochs);
  await training.getByLabel('Bootstrap resamples').fill('100');
  await training.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('table', { name: 'Training runs' }).getByRole('cell', { name: 'done' })).toBeVisible({
    timeout: 120_000,
  });
}

/** The text of one cell of a row, by column header. */
async function cellText(table: Locator, row: Locator, header: string): Promise<string> {
  const headers = await table.getByRole('columnheader').allTextContents();
  // The row's first column is its header cell (th), so cell k sits under column k + 1.
  return (
    (await row
      .getByRole('cell')
      .nth(headers.indexOf(header) - 1)
      .textContent()) ?? ''
  );
}

test.describe('event-level evaluation', () => {
  test('an alert budget moves the threshold, recall and lead time; the calibration switch changes the reliability view', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await resetApp(page);
    await page.getByRole('radio', { name: /Temporal/ }).check();
    const form = page.getByRole('form', { name: 'New temporal dataset' });
    for (const [label, value] of Object.entries({
      Homes: '14',
      Days: '70',
      Seed: '4',
      'Time zone': 'UTC',
      Name: 'Events',
    })) {
      await form.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Events' })).toBeVisible({ timeout: 90_000 });
    await trainGlobal(page, { trees: false }, '4');

    await page.getByRole('table', { name: 'Training runs' }).getByRole('link').first().click();
    const table = page.getByRole('table', { name: 'Event-level metrics' });
    const row = table.getByRole('row', { name: /^global · network/ });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: /each model’s own, from the run/ })).toBeVisible();
    const before = {
      threshold: await cellText(table, row, 'Threshold'),
      recall: await cellText(table, row, 'Recall (devices)'),
      lead: await cellText(table, row, 'Median lead time (days)'),
      falseAlarms: await cellText(table, row, 'False alarms / 100 device-months'),
    };
    expect(before.recall).toMatch(/^\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]$/);

    // A tight budget: chosen on validation devices, it raises the threshold, so fewer alerts and later ones.
    await page.getByRole('radio', { name: 'Alert budget' }).check();
    const budget = page.getByLabel('False alarms per 100 device-months');
    await budget.fill('-1');
    await expect(page.getByRole('alert').filter({ hasText: 'must not be negative' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await budget.fill('0.5');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: /≤ 0\.5 false alarms per 100 device-months on validation devices/ }),
    ).toBeVisible({ timeout: 30_000 });
    const after = {
      threshold: await cellText(table, row, 'Threshold'),
      recall: await cellText(table, row, 'Recall (devices)'),
      lead: await cellText(table, row, 'Median lead time (days)'),
      falseAlarms: await cellText(table, row, 'False alarms / 100 device-months'),
    };
    expect(Number(after.threshold)).toBeGreaterThan(Number(before.threshold));
    expect(after.recall).not.toBe(before.recall);
    expect(after.lead).not.toBe(before.lead);
    expect(Number.parseFloat(after.falseAlarms)).toBeLessThanOrEqual(Number.parseFloat(before.falseAlarms));

    // Calibration: Platt on validation devices; the switch shows the scores before it, with their own ECE.
    const reliability = page.getByRole('figure', { name: /Reliability diagram/ });
    await expect(reliability).toHaveAccessibleName(/calibrated scores; ECE \d\.\d{3}/);
    const calibratedName = await reliability.getAttribute('aria-label');
    await page.getByRole('checkbox', { name: 'Calibrated scores' }).uncheck();
    await expect(reliability).toHaveAccessibleName(/uncalibrated scores; ECE \d\.\d{3}/);
    expect(await reliability.getAttribute('aria-label')).not.toBe(calibratedName);
    await expect(page.getByText(/Expected calibration error .* before calibration, .* after/)).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Best model per slot' }).getByRole('row', { name: /^global/ }),
    ).toBeVisible();
  });

  test('an exported calibrated model predicts what the app predicts', async ({ page }) => {
    test.setTimeout(120_000);
    await resetApp(page);
    await page.getByRole('radio', { name: /Classic/ }).check();
    const form = page.getByRole('form', { name: 'New classic dataset' });
    await form.getByLabel('Name').fill('Calibrated');
    await form.getByLabel('Samples (rows)').fill('3000');
    await form.getByLabel('Seed').fill('9');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Calibrated' })).toBeVisible();
    await trainGlobal(page, { trees: true }, '2');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    await page
      .getByRole('table', { name: 'Stored models' })
      .getByRole('link', { name: / · global · trees$/ })
      .click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export single JSON file' }).click(),
    ]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      model: { trees: GbdtModel };
      metadata: { featureNames: string[]; calibration: unknown; threshold: number };
    };
    const calibration = calibratorSchema.parse(file.metadata.calibration);
    expect(calibration.method).toBe('platt');

    // The app's prediction for the form's values with a low battery, with this very model.
    const predict = page.getByRole('form', { name: 'Predict one device' });
    const option = predict.getByRole('option', { name: /· global · Trees · v1\.0\.0/ });
    await predict
      .getByRole('combobox', { name: 'Model', exact: true })
      .selectOption((await option.getAttribute('value')) ?? '');
    await predict.getByLabel('battery_level').fill('12');
    const row = new Float32Array(file.metadata.featureNames.length);
    for (const [i, name] of file.metadata.featureNames.entries())
      row[i] = Number(await predict.getByLabel(name, { exact: true }).inputValue());
    await predict.getByRole('button', { name: 'Predict' }).click();
    const shown = await page
      .getByRole('region', { name: 'Prediction' })
      .getByText(/^\d+\.\d{2} %$/)
      .textContent();

    const raw = predictGbdt(file.model.trees, row, 1, row.length)[0] ?? Number.NaN;
    const calibrated = applyCalibrator(calibration, raw);
    expect(calibrated).not.toBeCloseTo(raw, 3);
    expect(shown).toBe(`${(calibrated * 100).toFixed(2)} %`);
  });
});
