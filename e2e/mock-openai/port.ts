/** Where the mock OpenAI server listens during e2e runs (started by playwright.config.ts, used by e2e/homes.spec.ts). */
export const MOCK_OPENAI_PORT = 8787;
