import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openWorkbenchDb } from '../storage/db';
import { deleteRun, listRuns, withPredictions } from '../storage/runs-repo';
import { createWorkbenchStore, initialiseStore } from '../state/workbench-store';
import { ServicesContext } from '../state/use-service-calls';
import { WorkbenchContext } from '../state/use-workbench';
import type { WorkbenchServices } from '../state/services';
import type { ClassifierApi } from '../workers/classifier.api';
import type { DatasetQueryApi } from '../workers/dataset-query.api';
import type { EvaluationApi } from '../workers/evaluation.api';
import type { GeneratorApi } from '../workers/generator.api';
import type { HomesApi } from '../workers/homes.api';
import type { ModelsApi } from '../workers/models.api';
import type { TrainingApi } from '../workers/training.api';
import { createWorkerClient } from '../workers/worker-client';
import { App } from './App';
import { registerServiceWorker } from './register-sw';
import { holdTabLock, liveTabs } from './tab-liveness';
import { storedTheme } from './theme';
import './styles.css';

const APP_VERSION = '0.1.0';

function fatal(message: string): void {
  const root = document.getElementById('root');
  if (root) {
    root.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'fatal';
    p.setAttribute('role', 'alert');
    p.textContent = message;
    root.append(p);
  }
}

/** The composition root: the only place that opens the database, constructs workers and creates the store. */
async function boot(): Promise<void> {
  const tabId = crypto.randomUUID();
  await holdTabLock(tabId);
  const alive = await liveTabs();
  const db = await openWorkbenchDb(undefined, {
    onBlocked: () =>
      fatal(
        'HomeSynth Workbench was updated, but another tab still has the older version open. Close the other tabs of this app, then reload this one.',
      ),
    onVersionChange: () =>
      fatal(
        'A newer version of HomeSynth Workbench was opened in another tab. Reload this tab to continue; your data is safe.',
      ),
  });
  const generator = createWorkerClient<GeneratorApi>(
    () => new Worker(new URL('../workers/generator.worker.ts', import.meta.url), { type: 'module', name: 'generator' }),
    { ping: (api) => api.ping(), label: 'generator', idleMs: 60_000 },
  );
  const trainer = createWorkerClient<TrainingApi>(
    () => new Worker(new URL('../workers/training.worker.ts', import.meta.url), { type: 'module', name: 'trainer' }),
    // Long epochs on slow backends (webgl compiles shaders for seconds) must not look like a dead worker.
    { ping: (api) => api.ping(), label: 'training', pingTimeoutMs: 60_000, idleMs: 120_000 },
  );
  const models = createWorkerClient<ModelsApi>(
    () => new Worker(new URL('../workers/models.worker.ts', import.meta.url), { type: 'module', name: 'models' }),
    { ping: (api) => api.ping(), label: 'models', idleMs: 120_000 },
  );
  const classifier = createWorkerClient<ClassifierApi>(
    () =>
      new Worker(new URL('../workers/classifier.worker.ts', import.meta.url), { type: 'module', name: 'classifier' }),
    { ping: (api) => api.ping(), label: 'classifier', pingTimeoutMs: 60_000, idleMs: 120_000 },
  );
  const evaluation = createWorkerClient<EvaluationApi>(
    () =>
      new Worker(new URL('../workers/evaluation.worker.ts', import.meta.url), { type: 'module', name: 'evaluation' }),
    { ping: (api) => api.ping(), label: 'evaluation', idleMs: 120_000 },
  );
  // Holds one dataset's columns for the all-rows table; ten idle minutes free that memory.
  const datasetQuery = createWorkerClient<DatasetQueryApi>(
    () =>
      new Worker(new URL('../workers/dataset-query.worker.ts', import.meta.url), {
        type: 'module',
        name: 'dataset-query',
      }),
    { ping: (api) => api.ping(), label: 'dataset table', idleMs: 600_000 },
  );
  // No idle timeout: this worker holds the OpenAI key in memory, and ending it would silently drop the key.
  const homes = createWorkerClient<HomesApi>(
    () => new Worker(new URL('../workers/homes.worker.ts', import.meta.url), { type: 'module', name: 'homes' }),
    { ping: (api) => api.ping(), label: 'homes' },
  );
  const services: WorkbenchServices = {
    db,
    generator,
    trainer,
    classifier,
    models,
    homes,
    evaluation,
    datasetQuery,
    runs: {
      list: () => listRuns(db),
      remove: (id) => deleteRun(db, id),
      withPredictions: (run) => withPredictions(db, run),
    },
    tabId,
    isTabAlive: (id) => alive.has(id),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    appVersion: APP_VERSION,
    storageEstimate: async () => {
      if (!navigator.storage?.estimate) return null;
      const e = await navigator.storage.estimate();
      return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
    },
    persisted: async () => (navigator.storage?.persisted ? navigator.storage.persisted() : null),
    requestPersistence: async () => (navigator.storage?.persist ? navigator.storage.persist() : null),
  };
  const store = createWorkbenchStore(services, storedTheme());
  await initialiseStore(store, services);
  const root = document.getElementById('root');
  if (!root) throw new Error('No #root element');
  createRoot(root).render(
    <StrictMode>
      <WorkbenchContext.Provider value={store}>
        <ServicesContext.Provider value={services}>
          <App />
        </ServicesContext.Provider>
      </WorkbenchContext.Provider>
    </StrictMode>,
  );
  // Offline use and cross-origin isolation on static hosts; no automatic reload while a job runs.
  registerServiceWorker(() => store.getState().jobs.some((j) => j.status === 'running'));
}

boot().catch((e: unknown) => {
  fatal(
    `HomeSynth Workbench could not start: ${e instanceof Error ? e.message : String(e)}. IndexedDB may be disabled (private browsing?) — allow site data and reload.`,
  );
});
