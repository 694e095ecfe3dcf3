import type { Locator, Page } from '@playwright/test';
import { expect, resetApp, test } from './fixtures';

/** A raw float as recharts prints it unformatted: 0.010344811715185642. */
const RAW_FLOAT = /\d\.\d{8,}/;

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (b === null) throw new Error('element has no box');
  return b;
}

/** Hovers the middle of a chart's plot and returns the tooltip's text once it shows. */
async function hoverTooltip(page: Page, figure: Locator, at = 0.5): Promise<string> {
  await figure.scrollIntoViewIfNeeded();
  const b = await box(figure.locator('.recharts-wrapper'));
  await page.mouse.move(b.x + b.width * at, b.y + b.height * 0.6, { steps: 4 });
  const tooltip = figure.locator('.recharts-default-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip.locator('.recharts-tooltip-item').first()).toBeVisible();
  return tooltip.innerText();
}

test.describe('dataset page: tables and charts', () => {
  test('count tables fit their cells, tooltips are formatted, labels and legends do not overlap', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 800, height: 900 });
    await resetApp(page);
    await page.getByRole('radio', { name: /Temporal/ }).check();
    const form = page.getByRole('form', { name: 'New temporal dataset' });
    for (const [label, value] of Object.entries({
      Homes: '6',
      Days: '40',
      Seed: '7',
      'Time zone': 'America/New_York',
      Name: 'Charts',
    })) {
      await form.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Charts' })).toBeVisible({ timeout: 60_000 });

    // 1. Count tables: every cell inside its table, every table inside the page (no sideways scrolling).
    for (const name of [
      'Devices by home type',
      'Devices by device type',
      'Devices by failure scenario (ground truth)',
    ]) {
      const table = page.getByRole('table', { name });
      const t = await box(table);
      for (const cell of await table.locator('td.num').all()) {
        const c = await box(cell);
        expect(c.x + c.width, `${name}: a number column overflows`).toBeLessThanOrEqual(t.x + t.width + 1);
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await page.setViewportSize({ width: 1280, height: 900 });

    // 2–4. The raw series of a failing device: formatted tooltip, separate marker labels, axis on the data.
    await page.getByLabel('Or a failing device').selectOption({ index: 1 });
    const raw = page.getByRole('figure', { name: /error_rate of device #\d+/ });
    await expect(raw.locator('.recharts-line')).toHaveCount(1, { timeout: 30_000 });
    const text = await hoverTooltip(page, raw);
    expect(text).not.toMatch(RAW_FLOAT);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} E[SD]T/);
    // recharts draws reference labels in a layer of their own, so they are found by their text.
    const failure = raw.locator('text.recharts-label', { hasText: /^failure$/ });
    const precursor = raw.locator('text.recharts-label', { hasText: /^precursor$/ });
    await expect(failure).toHaveCount(1);
    await expect(precursor).toHaveCount(1);
    const f = await box(failure);
    const p = await box(precursor);
    const apart = f.x + f.width <= p.x || p.x + p.width <= f.x || f.y + f.height <= p.y || p.y + p.height <= f.y;
    expect(apart, 'the failure and precursor labels overlap').toBe(true);
    // Ticks name local dates ("Jan 6"), not ISO dates at rounded-out positions.
    const ticks = raw.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
    expect(await ticks.count()).toBeGreaterThanOrEqual(2);
    await expect(ticks.first()).toHaveText(/^[A-Z][a-z]{2} \d{1,2}$/);
    // The line starts at the plot's left edge: the x domain begins at the first point, not at an earlier round date.
    const plot = await box(raw.locator('.recharts-cartesian-grid'));
    const line = await box(raw.locator('.recharts-line-curve'));
    expect(Math.abs(line.x - plot.x), 'the x axis is padded before the data').toBeLessThanOrEqual(2);

    // 5. Legends above the weekday, hour and month charts end before the plot begins; their tooltips are formatted.
    for (const name of [
      /by weekday, per device type/,
      /by weekday, per home type/,
      /by local hour, per device type/,
      /by month/,
    ]) {
      const chart = page.getByRole('figure', { name });
      await chart.scrollIntoViewIfNeeded();
      const legend = await box(chart.locator('.recharts-legend-wrapper'));
      const grid = await box(chart.locator('.recharts-cartesian-grid'));
      expect(legend.y + legend.height, `legend overlaps the plot of ${String(name)}`).toBeLessThanOrEqual(grid.y + 1);
      expect(await hoverTooltip(page, chart, 0.45)).not.toMatch(RAW_FLOAT);
    }
    const dist = page.getByRole('figure', { name: /share of samples per bin/ });
    expect(await hoverTooltip(page, dist, 0.3)).toMatch(/\d %/);
  });
});
