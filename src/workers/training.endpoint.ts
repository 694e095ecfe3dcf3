import type { TrainingApi } from './training.api';
import type { TrainingService } from '../services/training-service';
import { releaseCallback } from './release-callback';

/** Adapts the service to the contract: releases proxies, nothing else. */
export function createTrainingEndpoint(service: TrainingService): TrainingApi {
  return {
    async train(req, onEvent, onProgress) {
      try {
        return await service.train(req, onEvent, onProgress);
      } finally {
        releaseCallback(onEvent);
        releaseCallback(onProgress);
      }
    },
    stop: (runId, slot) => service.stop(runId, slot),
    ping: async () => 'pong',
  };
}
