import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every e2e test fails on any uncaught page error or console error: a journey that "works" while the
 * console shows errors is not working.
 */
export const test = base.extend<{ errors: string[] }>({
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'page errors or console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Fresh app state: IndexedDB and localStorage of the origin cleared. */
export async function resetApp(page: Page): Promise<void> {
  await page.goto('/datasets');
  await page.evaluate(async () => {
    localStorage.clear();
    const dbs = await indexedDB.databases();
    await Promise.all(
      dbs.map(
        (d) =>
          new Promise<void>((resolve) => {
            if (!d.name) return resolve();
            const req = indexedDB.deleteDatabase(d.name);
            req.onsuccess = () => resolve();
            req.onerror = () => resolve();
            req.onblocked = () => resolve();
          }),
      ),
    );
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
}
