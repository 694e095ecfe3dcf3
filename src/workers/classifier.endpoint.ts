import type { ClassifierApi } from './classifier.api';
import type { ClassifierService } from '../services/classifier-service';
import { releaseCallback } from './release-callback';

/** Adapts the service to the contract: releases proxies, nothing else. */
export function createClassifierEndpoint(service: ClassifierService): ClassifierApi {
  return {
    async train(req, onProgress) {
      try {
        return await service.train(req, onProgress);
      } finally {
        releaseCallback(onProgress);
      }
    },
    classifyHome: (id) => service.classifyHome(id),
    ping: async () => 'pong',
  };
}
