import { z } from 'zod';
import type { StateCreator } from 'zustand/vanilla';
import { baseUrlSchema } from '../llm/base-url';
import { DEFAULT_BASE_URL, type ModelInfo } from '../llm/openai-client';
import { redactSecrets } from '../llm/redact-secrets';
import { hasEncryptedKey } from '../storage/openai-key-repo';
import { getSetting, putSetting } from '../storage/settings-repo';
import type { KeyStatus, KeyTestResult } from '../workers/homes.api';
import type { WorkbenchServices } from './services';
import type { WorkbenchState } from './workbench-store';

/**
 * Settings › OpenAI. Only non-secret settings live here (base URL, model, budget) and booleans saying
 * where the key is held. The key itself goes straight to the homes worker and never comes back: it is
 * never part of this state, of devtools snapshots, of storage in plain text or of any message.
 */

export interface OpenAiSettings {
  /** OpenAI or any OpenAI-compatible server, e.g. http://localhost:11434/v1. */
  baseUrl: string;
  model: string;
  /** Requests-per-minute budget. */
  rpm: number;
}

export const DEFAULT_OPENAI_SETTINGS: OpenAiSettings = { baseUrl: DEFAULT_BASE_URL, model: 'gpt-6-luna', rpm: 60 };

const SETTINGS_KEY = 'openai.settings';

const modelSchema = z
  .string()
  .trim()
  .min(1, 'Choose or type a model.')
  .max(128, 'The model name is longer than 128 characters.');
const rpmSchema = z
  .number({ error: 'Requests per minute must be a number from 1 to 10,000.' })
  .min(1, 'Requests per minute must be a number from 1 to 10,000.')
  .max(10_000, 'Requests per minute must be a number from 1 to 10,000.');

/** The boundary of this slice: nothing reaches storage without passing it (see `base-url.ts` for the URL). */
const settingsSchema = z.object({ baseUrl: baseUrlSchema, model: modelSchema, rpm: rpmSchema });

/** Thrown by `saveOpenAiSettings` for settings it refuses; the message says what to fix and holds no secret. */
export class OpenAiSettingsError extends Error {
  override name = 'OpenAiSettingsError';
}

/**
 * Validates settings; throws an `OpenAiSettingsError` with every problem, one sentence each. The messages
 * are the schemas' own (never the input), and are redacted anyway before they are shown.
 */
export function parseOpenAiSettings(value: unknown): OpenAiSettings {
  const parsed = settingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const messages = [...new Set(parsed.error.issues.map((issue) => issue.message))];
  throw new OpenAiSettingsError(redactSecrets(messages.join(' ')));
}

/**
 * Reads stored settings field by field: a bad field falls back to its default and the rest is kept.
 * `rejectedBaseUrl` is set when a stored base URL fails the check (e.g. one saved with a key in it before
 * the check existed), so the caller can overwrite it.
 */
function readStoredSettings(stored: unknown): { settings: OpenAiSettings; rejectedBaseUrl: boolean } {
  const record = z.record(z.string(), z.unknown()).safeParse(stored);
  if (!record.success) return { settings: DEFAULT_OPENAI_SETTINGS, rejectedBaseUrl: false };
  const baseUrl = baseUrlSchema.safeParse(record.data.baseUrl);
  const model = modelSchema.safeParse(record.data.model);
  const rpm = rpmSchema.safeParse(record.data.rpm);
  return {
    settings: {
      baseUrl: baseUrl.success ? baseUrl.data : DEFAULT_OPENAI_SETTINGS.baseUrl,
      model: model.success ? model.data : DEFAULT_OPENAI_SETTINGS.model,
      rpm: rpm.success ? rpm.data : DEFAULT_OPENAI_SETTINGS.rpm,
    },
    rejectedBaseUrl: !baseUrl.success && record.data.baseUrl !== undefined,
  };
}

export interface KeyTestState {
  status: 'idle' | 'testing' | 'ok' | 'failed';
  /** What the test found (redacted by the worker), or null. */
  message: string | null;
}

export interface OpenAiSlice {
  openAi: OpenAiSettings;
  openAiKey: KeyStatus;
  /** Models listed by the last successful "Test key", for the model picker. */
  openAiModels: ModelInfo[] | null;
  openAiTest: KeyTestState;
  loadOpenAiSettings(): Promise<void>;
  /**
   * Validates the merged settings, then stores them, then shows them. Rejects with an `OpenAiSettingsError`
   * (readable, secret-free) and changes nothing, in storage or in state, when they fail the check.
   */
  saveOpenAiSettings(patch: Partial<OpenAiSettings>): Promise<void>;
  /** Hands the key to the worker (rejects with a readable error for something that is not a key). */
  setApiKey(key: string): Promise<void>;
  rememberApiKey(passphrase: string): Promise<void>;
  unlockApiKey(passphrase: string): Promise<void>;
  /** Wipes the key from memory and from this device. */
  forgetApiKey(): Promise<void>;
  testApiKey(): Promise<void>;
  refreshKeyStatus(): Promise<void>;
}

export function createOpenAiSettingsSlice(
  services: WorkbenchServices,
): StateCreator<WorkbenchState, [], [], OpenAiSlice> {
  return (set, get) => {
    const keyStatus = async (): Promise<KeyStatus> =>
      // A worker that never started holds no key: no need to start one just to ask.
      services.homes.started
        ? services.homes.run((api) => api.keyStatus())
        : { inMemory: false, remembered: await hasEncryptedKey(services.db) };
    const withKey = async (call: () => Promise<KeyStatus>): Promise<void> => {
      set({ openAiKey: await call(), openAiTest: { status: 'idle', message: null } });
    };
    return {
      openAi: DEFAULT_OPENAI_SETTINGS,
      openAiKey: { inMemory: false, remembered: false },
      openAiModels: null,
      openAiTest: { status: 'idle', message: null },
      async loadOpenAiSettings() {
        const { settings, rejectedBaseUrl } = readStoredSettings(await getSetting(services.db, SETTINGS_KEY));
        if (rejectedBaseUrl) {
          // A base URL stored before the check existed may hold a key in plain text: overwrite it now.
          await putSetting(services.db, SETTINGS_KEY, settings);
          get().notify(
            'info',
            `The saved OpenAI base URL was not a valid server address (it may have held a key) and was replaced by ${settings.baseUrl}. Set it again in Settings › OpenAI if you use another server.`,
          );
        }
        set({ openAi: settings, openAiKey: await keyStatus() });
      },
      async saveOpenAiSettings(patch) {
        // Validate first: a refused value is neither stored nor shown, and the previous settings stay.
        const next = parseOpenAiSettings({ ...get().openAi, ...patch });
        await putSetting(services.db, SETTINGS_KEY, next);
        set({ openAi: next });
      },
      setApiKey: (key) => withKey(() => services.homes.run((api) => api.setKey(key))),
      rememberApiKey: (passphrase) => withKey(() => services.homes.run((api) => api.rememberKey(passphrase))),
      unlockApiKey: (passphrase) => withKey(() => services.homes.run((api) => api.unlockKey(passphrase))),
      async forgetApiKey() {
        await withKey(() => services.homes.run((api) => api.forgetKey()));
        set({ openAiModels: null });
      },
      async testApiKey() {
        set({ openAiTest: { status: 'testing', message: null } });
        try {
          const result = await services.homes.run<KeyTestResult>((api) => api.testKey(get().openAi.baseUrl));
          if (result.ok) {
            const ids = result.models.map((m) => m.id);
            const model = get().openAi.model;
            set({
              openAiModels: result.models,
              openAiTest: {
                status: 'ok',
                message: `The key works: ${result.models.length} model${result.models.length === 1 ? '' : 's'} available${
                  ids.includes(model) ? `, including ${model}` : `; ${model} is not among them, pick one below`
                }.`,
              },
            });
          } else {
            set({ openAiTest: { status: 'failed', message: result.message }, openAiKey: result.keyStatus });
          }
        } catch (e) {
          set({ openAiTest: { status: 'failed', message: e instanceof Error ? e.message : String(e) } });
        }
      },
      async refreshKeyStatus() {
        set({ openAiKey: await keyStatus() });
      },
    };
  };
}
