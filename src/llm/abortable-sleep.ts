/**
 * `setTimeout` as a promise that ends early when `signal` aborts (resolving, not rejecting: callers check
 * `signal.aborted` afterwards, so a cancel during a long rate-limit pause is immediate). The real clock
 * injected into the pacer and the synthesis run; tests inject a fake one.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true || ms <= 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
