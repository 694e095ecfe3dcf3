import { expose } from 'comlink';
import { selectBackend } from '../ml/backend';
import { openWorkbenchDb } from '../storage/db';
import { createModelsEndpoint } from './models.endpoint';
import { createModelsService } from '../services/models-service';
import { loadBackend } from './tf-backends';

expose(
  createModelsEndpoint(
    createModelsService({
      openDb: () => openWorkbenchDb(),
      // Inference on a few-kB network: cpu starts at once (no .wasm to fetch and compile) and is fast enough.
      ensureBackend: () => selectBackend('cpu', loadBackend).then((c) => c.active),
      now: () => Date.now(),
      clock: () => performance.now(),
      newId: () => crypto.randomUUID(),
    }),
  ),
);
