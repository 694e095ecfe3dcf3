import { expose } from 'comlink';
import { openWorkbenchDb } from '../storage/db';
import { createEvaluationEndpoint } from './evaluation.endpoint';
import { createEvaluationService } from '../services/evaluation-service';

expose(
  createEvaluationEndpoint(
    createEvaluationService({ openDb: () => openWorkbenchDb(), clock: () => performance.now() }),
  ),
);
