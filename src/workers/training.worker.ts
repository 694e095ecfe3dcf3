import { expose } from 'comlink';
import { selectBackend } from '../ml/backend';
import { openWorkbenchDb } from '../storage/db';
import { loadBackend } from './tf-backends';
import { createTrainingEndpoint } from './training.endpoint';
import { createTrainingService } from './training-service';

/**
 * A yield that lets queued messages (a stop) run, without setTimeout's clamp: chained timers wait at least
 * 4 ms each, ~10 % of training time at one yield per 40 ms.
 */
function createYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

expose(
  createTrainingEndpoint(
    createTrainingService({
      openDb: () => openWorkbenchDb(),
      selectBackend: (requested) => selectBackend(requested, loadBackend),
      now: () => Date.now(),
      clock: () => performance.now(),
      yieldToEvents: createYield(),
    }),
  ),
);
