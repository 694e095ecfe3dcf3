import type { GeneratorApi } from './generator.api';
import type { GeneratorService } from '../services/generator-service';
import { releaseCallback } from './release-callback';
import { transfer } from 'comlink';

/** Adapts the service to the contract: releases proxies and transfers large buffers, nothing else. */
export function createGeneratorEndpoint(service: GeneratorService): GeneratorApi {
  return {
    async generateClassic(req, onProgress) {
      try {
        return await service.generateClassic(req, onProgress);
      } finally {
        releaseCallback(onProgress);
      }
    },
    async generateTemporal(req, onProgress) {
      try {
        return await service.generateTemporal(req, onProgress);
      } finally {
        releaseCallback(onProgress);
      }
    },
    cancel: (jobId) => service.cancel(jobId),
    async exportDataset(id, format, jobId, onProgress) {
      try {
        return await service.exportDataset(id, format, { jobId, onProgress });
      } finally {
        releaseCallback(onProgress);
      }
    },
    async deviceSeries(id, device, metric, maxPoints) {
      const s = await service.deviceSeries(id, device, metric, maxPoints);
      return transfer(s, [s.time.buffer, s.values.buffer]);
    },
    profiles: (id, metric) => service.profiles(id, metric),
    featureHistogram: (id, feature) => service.featureHistogram(id, feature),
    ping: async () => 'pong',
  };
}
