import { expose } from 'comlink';
import { selectBackend } from '../ml/backend';
import { openWorkbenchDb } from '../storage/db';
import { createClassifierEndpoint } from './classifier.endpoint';
import { createClassifierService } from '../services/classifier-service';
import { loadBackend } from './tf-backends';

let backend: Promise<string> | null = null;
expose(
  createClassifierEndpoint(
    createClassifierService({
      openDb: () => openWorkbenchDb(),
      clock: () => performance.now(),
      backend: () => (backend ??= selectBackend('wasm', loadBackend).then((c) => c.active)),
    }),
  ),
);
