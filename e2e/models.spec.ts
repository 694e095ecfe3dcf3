import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, resetApp, test } from './fixtures';

const METRICS = [
  'response_time',
  'error_rate',
  'battery_level',
  'signal_strength',
  'usage_frequency',
  'temperature',
  'humidity',
  'uptime_hours',
  'restart_count',
  'connection_drops',
  'data_transfer_rate',
];

/** Collects the downloads that one click starts (the layers export starts two). */
async function downloadsOf(page: Page, click: () => Promise<void>, count: number): Promise<Download[]> {
  const got: Download[] = [];
  const listener = (d: Download): void => {
    got.push(d);
  };
  page.on('download', listener);
  await click();
  await expect.poll(() => got.length).toBe(count);
  page.off('download', listener);
  return got;
}

const fileOf = async (d: Download) => ({
  name: d.suggestedFilename(),
  mimeType: 'application/octet-stream',
  buffer: await readFile(await d.path()),
});

test.describe('model registry', () => {
  test('train, check health, export both formats, import into a fresh profile, predict one device and a CSV batch', async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000);
    await resetApp(page);
    await page.getByRole('radio', { name: /Classic/ }).check();
    const form = page.getByRole('form', { name: 'New classic dataset' });
    await form.getByLabel('Name').fill('Registry');
    await form.getByLabel('Samples (rows)').fill('3000');
    await form.getByLabel('Seed').fill('11');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Registry' })).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
    const training = page.getByRole('form', { name: 'New training run' });
    await training.getByText('Network and training settings').click();
    await training.getByLabel('Max epochs').fill('3');
    await training.getByLabel('Bootstrap resamples').fill('100');
    await training.getByRole('button', { name: 'Train' }).click();
    await expect(page.getByRole('table', { name: 'Training runs' }).getByRole('cell', { name: 'done' })).toBeVisible({
      timeout: 180_000,
    });

    // The registry lists every model of the run; open the global one.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    const list = page.getByRole('table', { name: 'Stored models' });
    await expect(list.getByRole('row')).not.toHaveCount(1);
    await list.getByRole('link', { name: / · global$/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: /· global · v1\.0\.0$/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Features and normalisation' }).getByRole('row')).toHaveCount(1 + 11);
    await expect(page.getByRole('region', { name: '/models/version' })).toContainText('"version": "1.0.0"');

    await page.getByRole('button', { name: 'Check health' }).click();
    await expect(page.getByText('Status: healthy')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Health checks' })).toContainText(
      'Predicts a probability on a known row (passed)',
    );

    const [single] = await downloadsOf(
      page,
      () => page.getByRole('button', { name: 'Export single JSON file' }).click(),
      1,
    );
    if (!single) throw new Error('no download');
    expect(single.suggestedFilename()).toBe('homesynth-model-global-v1.0.0.json');
    const file = JSON.parse(await readFile(await single.path(), 'utf8')) as {
      format: string;
      formatVersion: number;
      model: { family: string; weightsBase64: string };
      metadata: {
        family: string;
        featureNames: string[];
        standardizer: { mean: number[] };
        training: { label: string };
      };
    };
    expect(file).toMatchObject({
      format: 'homesynth-model',
      formatVersion: 3,
      model: { family: 'network' },
      metadata: { family: 'network', featureNames: METRICS, training: { label: 'injected' } },
    });
    expect(file.metadata.standardizer.mean).toHaveLength(11);
    expect(file.model.weightsBase64.length).toBeGreaterThan(100);

    const layers = await downloadsOf(
      page,
      () => page.getByRole('button', { name: 'Export model.json + weights.bin' }).click(),
      2,
    );
    expect(layers.map((d) => d.suggestedFilename()).sort()).toEqual(['model.json', 'weights.bin']);
    const modelJsonDownload = layers.find((d) => d.suggestedFilename() === 'model.json');
    const weightsDownload = layers.find((d) => d.suggestedFilename() === 'weights.bin');
    if (!modelJsonDownload || !weightsDownload) throw new Error('missing layers files');
    const modelJson = JSON.parse(await readFile(await modelJsonDownload.path(), 'utf8')) as {
      weightsManifest: { paths: string[]; weights: { shape: number[] }[] }[];
    };
    expect(modelJson.weightsManifest[0]?.paths).toEqual(['./weights.bin']);
    const floats = modelJson.weightsManifest
      .flatMap((g) => g.weights)
      .reduce((s, w) => s + w.shape.reduce((p, k) => p * k, 1), 0);
    expect((await readFile(await weightsDownload.path())).byteLength).toBe(floats * 4);

    await page.getByRole('tab', { name: 'Node' }).click();
    await expect(page.getByRole('region', { name: 'Node snippet' })).toContainText(
      "readFile(new URL('./homesynth-model-global-v1.0.0.json'",
    );

    // Predict one device here: the apartment model answers for an apartment.
    const predict = page.getByRole('form', { name: 'Predict one device' });
    await predict.getByLabel('Home type').selectOption('apartment');
    await predict.getByLabel('battery_level').fill('5');
    await predict.getByRole('button', { name: 'Predict' }).click();
    const prediction = page.getByRole('region', { name: 'Prediction' });
    await expect(prediction).toContainText('the apartment model');
    await expect(prediction.getByRole('list', { name: 'Recommendations' })).toContainText(
      'Replace or charge battery immediately',
    );

    // A fresh browser profile: nothing stored; a broken file is refused, the exported files are imported.
    const baseURL = test.info().project.use.baseURL;
    const context = await browser.newContext({ ...(baseURL === undefined ? {} : { baseURL }), acceptDownloads: true });
    const fresh = await context.newPage();
    const freshErrors: string[] = [];
    fresh.on('pageerror', (e) => freshErrors.push(e.message));
    fresh.on('console', (m) => {
      if (m.type() === 'error') freshErrors.push(m.text());
    });
    await fresh.goto('/models');
    await expect(fresh.getByRole('heading', { name: 'No models yet' })).toBeVisible();
    const importInput = fresh.getByLabel('Import a model');
    await importInput.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "homesynth-model"'),
    });
    await expect(fresh.getByRole('alert')).toContainText('Not imported: "broken.json" is not JSON');
    await importInput.setInputFiles([await fileOf(single)]);
    await expect(
      fresh.getByText(/^Imported “.* · global \(imported\)” \(global\) as version 1\.0\.0\.$/),
    ).toBeVisible();
    await importInput.setInputFiles([await fileOf(modelJsonDownload), await fileOf(weightsDownload)]);
    await expect(fresh.getByText(/as version 1\.0\.1 \(version 1\.0\.0 where it was exported\)\.$/)).toBeVisible();
    const freshList = fresh.getByRole('table', { name: 'Stored models' });
    await expect(freshList.getByRole('row')).toHaveCount(1 + 2);
    await expect(freshList.getByText('imported', { exact: true })).toHaveCount(2);
    const versions = fresh.getByRole('table', { name: 'Versions side by side' });
    await expect(versions.getByRole('columnheader', { name: 'v1.0.1 (current)' })).toBeVisible();
    await expect(versions.getByRole('columnheader', { name: 'v1.0.0', exact: true })).toBeVisible();

    // No apartment model here: the global model answers, and says so.
    const freshPredict = fresh.getByRole('form', { name: 'Predict one device' });
    await freshPredict.getByLabel('Home type').selectOption('apartment');
    await freshPredict.getByRole('button', { name: 'Predict' }).click();
    const freshPrediction = fresh.getByRole('region', { name: 'Prediction' });
    await expect(freshPrediction.getByRole('note')).toHaveText(
      'No classic (11-metric) model for apartment homes is stored: the global model answered instead.',
    );
    await expect(freshPrediction).toContainText(/Model version1\.0\.1/);
    await expect(freshPrediction).toContainText(/(critical|high|medium|low|minimal)/);

    // A CSV batch: rows routed by home_type, results downloadable.
    const typical = [250, 0.02, 80, -55, 0.5, 22, 45, 900, 1, 0, 600];
    const rows = [
      ['d1', 'apartment', ...typical],
      ['d2', 'studio', ...typical.map((v, i) => (i === 2 ? 4 : v))],
      ['d3', '', ...typical.map((v, i) => (i === 1 ? 0.4 : v))],
    ];
    const csv = [['device_id', 'home_type', ...METRICS].join(','), ...rows.map((r) => r.join(','))].join('\n');
    await fresh
      .getByLabel('CSV file of devices')
      .setInputFiles({ name: 'fleet.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(fresh.getByText('3 devices predicted with 1 model (classic features).')).toBeVisible();
    await expect(fresh.getByRole('list', { name: 'Notes' })).toContainText(
      '1 rows of apartment homes used the global model',
    );
    const [results] = await downloadsOf(
      fresh,
      () => fresh.getByRole('button', { name: 'Download fleet-predictions.csv' }).click(),
      1,
    );
    if (!results) throw new Error('no results download');
    const lines = (await readFile(await results.path(), 'utf8')).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 3);
    expect(lines[0]).toBe(
      'device_id,home_type,model_slot,model_version,model_family,routed_to,failure_probability,probability,threshold,risk_level,predicted_failure,recommendations',
    );
    expect(lines[2]).toMatch(
      /^d2,studio,global,1\.0\.1,network,global,[\d.]+,[\d.e-]+,[\d.e-]+,(critical|high|medium|low|minimal),[01],.*Replace or charge battery immediately/,
    );
    expect(freshErrors).toEqual([]);
    await context.close();
  });
});
