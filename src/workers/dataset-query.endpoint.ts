import { z } from 'zod';
import { parseTableExport, parseTableQuery } from '../domain/explore/table-view';
import type { DatasetQueryApi } from './dataset-query.api';
import type { DatasetQueryService } from '../services/dataset-query-service';
import { releaseCallback } from './release-callback';

const idSchema = z.string().min(1).max(200);
const optionsSchema = z.object({ priorityColumns: z.array(z.string().max(200)).max(1000) }).strict();

function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new TypeError(`Invalid ${what}.`);
  return r.data;
}

/**
 * Adapts the service to the contract: every request is validated here (a page, or anything else that can
 * post to this worker, gets a readable error for a malformed query), and progress callbacks are released.
 */
export function createDatasetQueryEndpoint(service: DatasetQueryService): DatasetQueryApi {
  return {
    async open(datasetId, requestId, options, onProgress) {
      try {
        return await service.open(
          checked(idSchema, datasetId, 'dataset id'),
          checked(idSchema, requestId, 'request id'),
          checked(optionsSchema, options, 'table options'),
          onProgress,
        );
      } finally {
        releaseCallback(onProgress);
      }
    },
    release: (requestId) => service.release(String(requestId)),
    query: async (query) => service.query(parseTableQuery(query)),
    exportCsv: async (request) => service.exportCsv(parseTableExport(request)),
    forget: (datasetId) => service.forget(String(datasetId)),
    ping: async () => 'pong',
  };
}
