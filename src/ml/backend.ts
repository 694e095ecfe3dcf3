import * as tf from '@tensorflow/tfjs';

export const BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendChoice {
  requested: BackendName;
  active: string;
  /** Why the active backend differs from the requested one, if it does. */
  note: string | null;
}

/** Registers a non-default backend on demand (lazy chunks in the browser; absent in Node tests). */
export type BackendLoader = (name: BackendName) => Promise<void>;

const SET_BACKEND_TIMEOUT_MS = 15_000;

async function trySet(name: string): Promise<boolean> {
  const attempt = (async () => {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  })();
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), SET_BACKEND_TIMEOUT_MS));
  try {
    return await Promise.race([attempt, timeout]);
  } catch {
    return false;
  }
}

/**
 * Activates the requested backend, falling back to wasm and then cpu; always checks which backend really
 * runs (WebGPU, for one, silently falls back without a flag). The wasm backend runs single-threaded SIMD:
 * the threaded build breaks under minification and gains nothing on 2 cores.
 */
export async function selectBackend(requested: BackendName, load: BackendLoader): Promise<BackendChoice> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const order: BackendName[] = [requested, ...(['wasm', 'cpu'] as const).filter((b) => b !== requested)];
  for (const name of order) {
    try {
      await load(name);
    } catch {
      continue;
    }
    if (await trySet(name)) {
      return {
        requested,
        active: name,
        note: name === requested ? null : `${requested} is not available here; training runs on ${name}.`,
      };
    }
  }
  throw new Error('No TensorFlow.js backend could start in this browser.');
}
