import { expose } from 'comlink';
import { openWorkbenchDb } from '../storage/db';
import { createDatasetQueryEndpoint } from './dataset-query.endpoint';
import { createDatasetQueryService } from './dataset-query-service';

expose(
  createDatasetQueryEndpoint(
    createDatasetQueryService({ openDb: () => openWorkbenchDb(), clock: () => performance.now() }),
  ),
);
