import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../llm/openai-client';
import { openWorkbenchDb, STORE_NAMES, type WorkbenchDb } from '../storage/db';
import { getSetting, putSetting } from '../storage/settings-repo';
import type { WorkerClient } from '../workers/worker-client';
import { DEFAULT_OPENAI_SETTINGS, OpenAiSettingsError, parseOpenAiSettings } from './openai-settings-slice';
import type { WorkbenchServices } from './services';
import { createWorkbenchStore, type WorkbenchStore } from './workbench-store';

const SETTINGS_KEY = 'openai.settings';
/** Fake keys, built rather than written out. */
const KEY = `sk-proj-${'Ab3Cd5Ef7Gh9'.repeat(4)}`;
const HEX_KEY = '0123456789abcdef'.repeat(2);
const MARK = 'Ab3Cd5Ef7Gh9';

/** A worker that was never started: the OpenAI slice asks storage for the key status instead. */
function idleClient<Api>(): WorkerClient<Api> {
  return {
    started: false,
    run: () => Promise.reject(new Error('no worker in this test')),
    whenRunning: () => undefined,
    terminate: () => undefined,
  };
}

let dbCount = 0;

/** The store over a fresh fake IndexedDB, with a count of every `put` made through the services' db. */
async function setup(): Promise<{
  store: WorkbenchStore;
  db: WorkbenchDb;
  puts: () => number;
  services: WorkbenchServices;
}> {
  const db = await openWorkbenchDb(`openai-settings-${dbCount++}`);
  let puts = 0;
  const counted: WorkbenchDb = new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop === 'put' || prop === 'add') puts++;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const services: WorkbenchServices = {
    db: counted,
    generator: idleClient(),
    trainer: idleClient(),
    classifier: idleClient(),
    models: idleClient(),
    homes: idleClient(),
    evaluation: idleClient(),
    runs: {
      list: () => Promise.resolve([]),
      remove: () => Promise.resolve(),
      withPredictions: (run) => Promise.resolve(run),
    },
    tabId: 'tab-1',
    isTabAlive: () => true,
    now: () => 1_700_000_000_000,
    newId: () => 'id-1',
    appVersion: 'test',
    storageEstimate: () => Promise.resolve(null),
    persisted: () => Promise.resolve(null),
    requestPersistence: () => Promise.resolve(null),
  };
  return { store: createWorkbenchStore(services), db, puts: () => puts, services };
}

/** Everything in the database, as text, to show a secret reached no store at all. */
async function dump(db: WorkbenchDb): Promise<string> {
  const parts: string[] = [];
  for (const name of STORE_NAMES) parts.push(JSON.stringify(await db.getAll(name)));
  return parts.join('\n');
}

const PASTED_KEY_URLS: [string, string][] = [
  ['a key in the query', `https://api.openai.com/v1?api_key=${KEY}`],
  ['a hex key in the query', `https://api.openai.com/v1?key=${HEX_KEY}`],
  ['a key as the password', `https://user:${KEY}@api.openai.com/v1`],
  ['a key as the user name', `https://${KEY}@api.openai.com/v1`],
  ['a key in the fragment', `https://api.openai.com/v1#${KEY}`],
  ['a key in the path', `https://api.openai.com/v1/${KEY}`],
  ['a key pasted instead of the URL', KEY],
  ['a key after the URL', `https://api.openai.com/v1 ${KEY}`],
  ['a key on a local server', `http://127.0.0.1:8787/v1?token=${KEY}`],
];

describe('Settings › OpenAI: base URL checked before anything is stored', () => {
  it.each(PASTED_KEY_URLS)(
    'refuses %s: nothing is written, the previous value stays, and the message holds no key',
    async (_what, baseUrl) => {
      const { store, db, puts } = await setup();
      await store.getState().saveOpenAiSettings({ baseUrl: 'http://127.0.0.1:8787/v1', model: 'gpt-test', rpm: 30 });
      const before = await dump(db);
      const putsBefore = puts();
      expect(putsBefore).toBeGreaterThan(0);
      const previous = store.getState().openAi;

      const attempt = store.getState().saveOpenAiSettings({ baseUrl, model: 'other-model' });
      await expect(attempt).rejects.toBeInstanceOf(OpenAiSettingsError);
      const message = await attempt.then(
        () => '',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      expect(message).toMatch(/base URL|API key/);
      expect(message).toMatch(/e\.g\. https:\/\/api\.openai\.com\/v1|remove it/);
      expect(message).not.toContain(KEY);
      expect(message).not.toContain(MARK);
      expect(message).not.toContain(HEX_KEY);

      expect(puts()).toBe(putsBefore);
      expect(await dump(db)).toBe(before);
      expect(await dump(db)).not.toContain(MARK);
      expect(await getSetting(db, SETTINGS_KEY)).toEqual({
        baseUrl: 'http://127.0.0.1:8787/v1',
        model: 'gpt-test',
        rpm: 30,
      });
      expect(store.getState().openAi).toBe(previous);
    },
  );

  it('refuses a pasted key on a first save too, leaving the store empty', async () => {
    const { store, db, puts } = await setup();
    await expect(
      store.getState().saveOpenAiSettings({ baseUrl: `https://api.openai.com/v1?api_key=${KEY}` }),
    ).rejects.toThrow(/query string/);
    expect(puts()).toBe(0);
    expect(await getSetting(db, SETTINGS_KEY)).toBeUndefined();
    expect(await dump(db)).not.toContain(MARK);
    expect(store.getState().openAi).toEqual(DEFAULT_OPENAI_SETTINGS);
  });

  it.each([
    ['the e2e mock server', 'http://127.0.0.1:8787/v1', 'http://127.0.0.1:8787/v1'],
    ['Ollama', 'http://localhost:11434/v1/', 'http://localhost:11434/v1'],
    ['OpenAI', ' https://api.openai.com/v1 ', 'https://api.openai.com/v1'],
  ])('saves a valid URL (%s), normalised, and loads it back', async (_what, input, saved) => {
    const { store, db, services } = await setup();
    await store.getState().saveOpenAiSettings({ baseUrl: input, rpm: 120 });
    const expected = { baseUrl: saved, model: DEFAULT_OPENAI_SETTINGS.model, rpm: 120 };
    expect(store.getState().openAi).toEqual(expected);
    expect(await getSetting(db, SETTINGS_KEY)).toEqual(expected);
    const reloaded = createWorkbenchStore(services);
    await reloaded.getState().loadOpenAiSettings();
    expect(reloaded.getState().openAi).toEqual(expected);
    expect(reloaded.getState().notices).toEqual([]);
  });

  it('refuses plain http to another computer, saying to use https', async () => {
    const { store, db } = await setup();
    await expect(store.getState().saveOpenAiSettings({ baseUrl: 'http://192.168.1.20:8000/v1' })).rejects.toThrow(
      /must use https:\/\//,
    );
    expect(await getSetting(db, SETTINGS_KEY)).toBeUndefined();
  });

  it('refuses a bad model or budget with a readable message, writing nothing', async () => {
    const { store, puts } = await setup();
    await expect(store.getState().saveOpenAiSettings({ model: '  ' })).rejects.toThrow('Choose or type a model.');
    await expect(store.getState().saveOpenAiSettings({ rpm: 0 })).rejects.toThrow(
      'Requests per minute must be a number from 1 to 10,000.',
    );
    await expect(store.getState().saveOpenAiSettings({ rpm: Number.NaN })).rejects.toThrow(
      'Requests per minute must be a number from 1 to 10,000.',
    );
    expect(puts()).toBe(0);
  });

  it('reports every problem at once, once each', () => {
    expect(() => parseOpenAiSettings({ baseUrl: `https://x/v1#${KEY}`, model: '', rpm: 0 })).toThrow(
      /^The base URL must not have a fragment.*Choose or type a model\. Requests per minute must be a number from 1 to 10,000\.$/,
    );
  });

  it('on load, replaces a stored base URL that fails the check (one saved with a key before the check) and says so without the key', async () => {
    const { store, db } = await setup();
    await putSetting(db, SETTINGS_KEY, { baseUrl: `https://u:${KEY}@api.openai.com/v1`, model: 'kept-model', rpm: 42 });
    await store.getState().loadOpenAiSettings();
    const expected = { baseUrl: DEFAULT_BASE_URL, model: 'kept-model', rpm: 42 };
    expect(store.getState().openAi).toEqual(expected);
    expect(await getSetting(db, SETTINGS_KEY)).toEqual(expected);
    expect(await dump(db)).not.toContain(MARK);
    const notices = store.getState().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('replaced by https://api.openai.com/v1');
    expect(JSON.stringify(notices)).not.toContain(MARK);
  });

  it('on load, keeps defaults for missing or unreadable settings without writing', async () => {
    const { store, puts, db } = await setup();
    await store.getState().loadOpenAiSettings();
    expect(store.getState().openAi).toEqual(DEFAULT_OPENAI_SETTINGS);
    await putSetting(db, SETTINGS_KEY, 'not an object');
    await store.getState().loadOpenAiSettings();
    expect(store.getState().openAi).toEqual(DEFAULT_OPENAI_SETTINGS);
    expect(puts()).toBe(0);
    expect(store.getState().notices).toEqual([]);
  });
});
