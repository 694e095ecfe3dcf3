import { expect, resetApp, test } from './fixtures';

test.describe('app shell', () => {
  test('loads, navigates by URL, keeps the page on reload and back/forward', async ({ page }) => {
    await resetApp(page);
    await expect(page.getByRole('link', { name: 'HomeSynth Workbench' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Homes', 'Training', 'Compare', 'Models', 'Settings', 'Datasets']) {
      await nav.getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`/${name.toLowerCase()}$`));
    }
    await page.goto('/models');
    await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
    await nav.getByRole('link', { name: 'Compare' }).click();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Compare' })).toHaveAttribute('aria-current', 'page');
  });

  test('deep link to an unknown page says so and offers a way back', async ({ page }) => {
    await page.goto('/nowhere/at/all');
    await expect(page.getByText('There is no page here')).toBeVisible();
    await page.getByRole('link', { name: 'Go to Datasets' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
  });

  test('empty states say what to do next', async ({ page }) => {
    await resetApp(page);
    await expect(page.getByText('No datasets yet')).toBeVisible();
    await page.goto('/training');
    await expect(page.getByText('No datasets to train on')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to Datasets' })).toBeVisible();
    await page.goto('/compare');
    await expect(page.getByText('Nothing to compare yet')).toBeVisible();
  });

  test('theme follows the system and the toggle switches and persists', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await resetApp(page);
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await toggle.click();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.getByRole('button', { name: 'Dark theme' }).press('Enter');
    await expect(html).toHaveAttribute('data-theme', 'dark');
  });

  test('is keyboard reachable: skip link, navigation and the Generate button', async ({ page }) => {
    await resetApp(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'HomeSynth Workbench' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Datasets', exact: true })).toBeFocused();
    await page.getByRole('button', { name: 'Generate' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Generate' })).toBeFocused();
  });

  test('runs cross-origin isolated under a Content-Security-Policy', async ({ page }) => {
    await page.goto('/datasets');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
  });
});
