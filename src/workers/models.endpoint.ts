import { transfer } from 'comlink';
import type { ModelsApi } from './models.api';
import type { ModelsService } from '../services/models-service';

/** Adapts the service to the contract: binary exports are transferred, not copied; nothing else. */
export function createModelsEndpoint(service: ModelsService): ModelsApi {
  return {
    checkHealth: (id) => service.checkHealth(id),
    async exportModel(id, format, appVersion) {
      const files = await service.exportModel(id, format, appVersion);
      return transfer(
        files,
        files.flatMap((f) => (f.data instanceof ArrayBuffer ? [f.data] : [])),
      );
    },
    snippets: (id) => service.snippets(id),
    importModel: (files, appVersion) => service.importModel(files, appVersion),
    predict: (req) => service.predict(req),
    predictBatch: (req) => service.predictBatch(req),
    ping: async () => 'pong',
  };
}
