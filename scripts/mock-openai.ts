import { SCENARIO_KEYS, startMockOpenAi } from '../e2e/mock-openai/server';

/**
 * Starts the mock OpenAI server for manual use: `npx tsx scripts/mock-openai.ts [--port 8787]`.
 * Point the app's base URL at the printed address and use one of the scenario keys as the API key.
 */

function parsePort(args: readonly string[]): number {
  const i = args.indexOf('--port');
  const value = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--port='))?.slice('--port='.length);
  if (value === undefined) return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${value}`);
  return port;
}

const mock = await startMockOpenAi({ port: parsePort(process.argv.slice(2)) });
console.warn(`Mock OpenAI API at ${mock.url} (closes itself after 30 min)`);
console.warn(`Scenario keys: ${SCENARIO_KEYS.join(', ')}`);
console.warn(`Request counts: GET http://127.0.0.1:${mock.port}/__control/counts · reset: POST …/__control/reset`);
const stop = (): void => {
  void mock.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
