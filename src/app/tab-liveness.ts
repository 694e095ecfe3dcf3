/**
 * Each tab holds a Web Lock named after its id for its whole life. After a reload, a running job whose
 * tab holds no lock was cut off; a job of another open tab is still alive.
 */
const PREFIX = 'homesynth-tab:';

export async function holdTabLock(tabId: string): Promise<void> {
  if (!('locks' in navigator)) return;
  await new Promise<void>((acquired) => {
    void navigator.locks.request(`${PREFIX}${tabId}`, () => {
      acquired();
      return new Promise<never>(() => undefined);
    });
  });
}

export async function liveTabs(): Promise<Set<string>> {
  if (!('locks' in navigator)) return new Set();
  const { held = [] } = await navigator.locks.query();
  return new Set(
    held
      .map((l) => l.name ?? '')
      .filter((n) => n.startsWith(PREFIX))
      .map((n) => n.slice(PREFIX.length)),
  );
}
