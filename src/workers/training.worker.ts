import { expose } from 'comlink';
import { selectBackend } from '../ml/backend';
import { openWorkbenchDb } from '../storage/db';
import { loadBackend } from './tf-backends';
import { createTrainingEndpoint } from './training.endpoint';
import { createTrainingService } from '../services/training-service';
import { createYieldToEvents } from './yield-to-events';

expose(
  createTrainingEndpoint(
    createTrainingService({
      openDb: () => openWorkbenchDb(),
      selectBackend: (requested) => selectBackend(requested, loadBackend),
      now: () => Date.now(),
      clock: () => performance.now(),
      yieldToEvents: createYieldToEvents(),
    }),
  ),
);
