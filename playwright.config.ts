import { defineConfig, devices } from '@playwright/test';
import { MOCK_OPENAI_PORT } from './e2e/mock-openai/port';
import { CHROMIUM_ARGS, resolveChromium } from './scripts/chromium-path';

const chromium = resolveChromium();
if (!chromium.ok) {
  // One clear line instead of a hang or a download attempt that cannot work offline.
  throw new Error(chromium.message);
}

/** The plain static host of e2e/static-host.spec.ts (which uses the same port). */
const STATIC_HOST_PORT = 4180;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    trace: 'off',
    acceptDownloads: true,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: chromium.path, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: [
    {
      command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
      url: 'http://127.0.0.1:4173',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // A plain static host for e2e/static-host.spec.ts: dist/ with a 404.html fallback and no custom headers.
      command: `node scripts/static-server.mjs --port ${STATIC_HOST_PORT} --root dist`,
      url: `http://127.0.0.1:${STATIC_HOST_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The mock OpenAI API for e2e/homes.spec.ts: loopback only, and bounded (10,000 requests, 30 min).
      command: `npx tsx scripts/mock-openai.ts --port ${MOCK_OPENAI_PORT}`,
      url: `http://127.0.0.1:${MOCK_OPENAI_PORT}/__control/counts`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
