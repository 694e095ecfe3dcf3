import type { EvaluationApi } from './evaluation.api';
import type { EvaluationService } from '../services/evaluation-service';

/** Adapts the service to the contract (it holds no callbacks to release). */
export function createEvaluationEndpoint(service: EvaluationService): EvaluationApi {
  return {
    evaluateRun: (runId, settings) => service.evaluateRun(runId, settings),
    ping: async () => 'pong',
  };
}
