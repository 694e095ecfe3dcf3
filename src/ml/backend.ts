import * as tf from '@tensorflow/tfjs';

import type { BackendChoice, BackendName } from '../domain/training/backends';
import { installWasmTransposedMatMul } from './wasm-matmul';

/** Registers a non-default backend on demand (lazy chunks in the browser; absent in Node tests). */
export type BackendLoader = (name: BackendName) => Promise<void>;

const SET_BACKEND_TIMEOUT_MS = 15_000;

async function trySet(name: string): Promise<boolean> {
  const attempt = (async () => {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), SET_BACKEND_TIMEOUT_MS);
  });
  try {
    return await Promise.race([attempt, timeout]);
  } catch {
    return false;
  } finally {
    // A pending timer would keep a Node process (the command line) alive for 15 s after its work.
    clearTimeout(timer);
  }
}

/**
 * Activates the requested backend, falling back to wasm and then cpu; always checks which backend really
 * runs (WebGPU, for one, silently falls back without a flag). The wasm backend runs single-threaded SIMD:
 * the threaded build breaks under minification and gains nothing on 2 cores.
 */
export async function selectBackend(requested: BackendName, load: BackendLoader): Promise<BackendChoice> {
  const order: BackendName[] = [requested, ...(['wasm', 'cpu'] as const).filter((b) => b !== requested)];
  for (const name of order) {
    try {
      await load(name);
      // The wasm module registers this flag on import, so it can only be set once the backend is loaded.
      if (name === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    } catch {
      continue;
    }
    if (await trySet(name)) {
      if (name === 'wasm') installWasmTransposedMatMul();
      return {
        requested,
        active: name,
        note: name === requested ? null : `${requested} is not available here; training runs on ${name}.`,
      };
    }
  }
  throw new Error('No TensorFlow.js backend could start in this browser.');
}
