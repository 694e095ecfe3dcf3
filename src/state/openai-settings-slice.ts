import { z } from 'zod';
import type { StateCreator } from 'zustand/vanilla';
import { DEFAULT_BASE_URL, type ModelInfo } from '../llm/openai-client';
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

const settingsSchema = z.object({
  baseUrl: z.string().min(1),
  model: z.string().min(1),
  rpm: z.number().min(1).max(10_000),
});

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

export function createOpenAiSettingsSlice(services: WorkbenchServices): StateCreator<WorkbenchState, [], [], OpenAiSlice> {
  return (set, get) => {
    const keyStatus = async (): Promise<KeyStatus> =>
      // A worker that never started holds no key: no need to start one just to ask.
      services.homes.started ? services.homes.run((api) => api.keyStatus()) : { inMemory: false, remembered: await hasEncryptedKey(services.db) };
    const withKey = async (call: () => Promise<KeyStatus>): Promise<void> => {
      set({ openAiKey: await call(), openAiTest: { status: 'idle', message: null } });
    };
    return {
      openAi: DEFAULT_OPENAI_SETTINGS,
      openAiKey: { inMemory: false, remembered: false },
      openAiModels: null,
      openAiTest: { status: 'idle', message: null },
      async loadOpenAiSettings() {
        const parsed = settingsSchema.safeParse(await getSetting(services.db, SETTINGS_KEY));
        set({ openAi: parsed.success ? parsed.data : DEFAULT_OPENAI_SETTINGS, openAiKey: await keyStatus() });
      },
      async saveOpenAiSettings(patch) {
        const next = settingsSchema.parse({ ...get().openAi, ...patch });
        set({ openAi: next });
        await putSetting(services.db, SETTINGS_KEY, next);
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
