import { expose } from 'comlink';
import { openWorkbenchDb } from '../storage/db';
import { createGeneratorEndpoint } from './generator.endpoint';
import { createGeneratorService } from '../services/generator-service';
import { createYieldToEvents } from './yield-to-events';

expose(
  createGeneratorEndpoint(
    createGeneratorService({
      openDb: () => openWorkbenchDb(),
      now: () => Date.now(),
      clock: () => performance.now(),
      yieldToEvents: createYieldToEvents(),
    }),
  ),
);
