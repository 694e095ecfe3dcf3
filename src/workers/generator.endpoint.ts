import type { GeneratorApi } from './generator.api';
import type { GeneratorService } from './generator-service';
import { releaseCallback } from './release-callback';

/** Adapts the service to the contract: releases proxies, nothing else. */
export function createGeneratorEndpoint(service: GeneratorService): GeneratorApi {
  return {
    async generateClassic(req, onProgress) {
      try {
        return await service.generateClassic(req, onProgress);
      } finally {
        releaseCallback(onProgress);
      }
    },
    cancel: (jobId) => service.cancel(jobId),
    exportDataset: (id, format) => service.exportDataset(id, format),
    ping: async () => 'pong',
  };
}
