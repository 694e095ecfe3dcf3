import { releaseProxy, type Remote } from 'comlink';

/**
 * A callback that came through Comlink is a proxy holding a MessagePort open; release it when the call
 * ends. Plain functions (unit tests) pass through untouched.
 */
export function releaseCallback(fn: unknown): void {
  if (typeof fn === 'function' && releaseProxy in fn) {
    (fn as Remote<() => void>)[releaseProxy]();
  }
}
