import { expose } from 'comlink';
import { abortableSleep } from '../llm/abortable-sleep';
import { openWorkbenchDb } from '../storage/db';
import { createHomesEndpoint } from './homes.endpoint';
import { createHomesService } from '../services/homes-service';
import { createYieldToEvents } from './yield-to-events';

// The worker is the composition root of its side: the only place that hands real fetch, crypto and clocks in.
expose(
  createHomesEndpoint(
    createHomesService({
      openDb: () => openWorkbenchDb(),
      fetch: (input, init) => fetch(input, init),
      crypto,
      now: () => Date.now(),
      sleep: abortableSleep,
      random: () => Math.random(),
      yieldToEvents: createYieldToEvents(),
    }),
  ),
);
