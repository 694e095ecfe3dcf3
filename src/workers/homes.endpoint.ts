import { transfer } from 'comlink';
import type { HomesApi } from './homes.api';
import type { HomesService } from '../services/homes-service';
import { releaseCallback } from './release-callback';

/** Adapts the service to the contract: releases progress proxies and transfers view buffers, nothing else. */
export function createHomesEndpoint(service: HomesService): HomesApi {
  return {
    setKey: (key) => service.setKey(key),
    rememberKey: (passphrase) => service.rememberKey(passphrase),
    unlockKey: (passphrase) => service.unlockKey(passphrase),
    forgetKey: () => service.forgetKey(),
    keyStatus: () => service.keyStatus(),
    testKey: (baseUrl) => service.testKey(baseUrl),
    async startRun(req, onProgress) {
      try {
        return await service.startRun(req, onProgress);
      } finally {
        releaseCallback(onProgress);
      }
    },
    async resumeRun(jobId, llm, onProgress) {
      try {
        return await service.resumeRun(jobId, llm, onProgress);
      } finally {
        releaseCallback(onProgress);
      }
    },
    cancel: (jobId) => service.cancel(jobId),
    async homeView(homeId) {
      const view = await service.homeView(homeId);
      if (view === null) return null;
      return transfer(view, [view.heatmap.buffer, view.perDay.counts.buffer, view.perDevice.buffer]);
    },
    exportHome: (homeId) => service.exportHome(homeId),
    exportHomeHistory: (homeId, format) => service.exportHomeHistory(homeId, format),
    async exportAllHomes(jobId, onProgress) {
      try {
        return await service.exportAllHomes(jobId, onProgress);
      } finally {
        releaseCallback(onProgress);
      }
    },
    exportSummary: () => service.exportSummary(),
    async exportEventsParquet(jobId, onProgress) {
      try {
        return await service.exportEventsParquet(jobId, onProgress);
      } finally {
        releaseCallback(onProgress);
      }
    },
    importHomes: (files, timeZone) => service.importHomes(files, timeZone),
    ping: async () => 'pong',
  };
}
