/**
 * The one way a worker's long job lets queued messages (a cancel, a stop, a query) run: a MessageChannel
 * round trip, without setTimeout's clamp (chained timers wait at least 4 ms each, ~10 % of a job that
 * yields every 40 ms).
 */
export function createYieldToEvents(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
