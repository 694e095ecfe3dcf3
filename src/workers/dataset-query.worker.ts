import { expose } from 'comlink';
import { openWorkbenchDb } from '../storage/db';
import { createDatasetQueryEndpoint } from './dataset-query.endpoint';
import { createDatasetQueryService } from '../services/dataset-query-service';
import { createYieldToEvents } from './yield-to-events';

expose(
  createDatasetQueryEndpoint(
    createDatasetQueryService({
      openDb: () => openWorkbenchDb(),
      clock: () => performance.now(),
      yieldToEvents: createYieldToEvents(),
    }),
  ),
);
