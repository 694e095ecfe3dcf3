/** Turns IndexedDB failures into messages a user can act on. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const name = 'name' in e ? String(e.name) : '';
  const inner = 'inner' in e ? e.inner : undefined;
  return name === 'QuotaExceededError' || (inner !== undefined && isQuotaError(inner));
}

export function toStorageError(e: unknown, what: string): Error {
  if (isQuotaError(e)) {
    return new StorageFullError(
      `Not enough storage to save ${what}. Nothing was saved. Free space in Settings › Storage (delete old datasets or models) or allow persistent storage, then try again.`,
    );
  }
  if (e instanceof Error) return new Error(`Could not save ${what}: ${e.message}`);
  return new Error(`Could not save ${what}.`);
}
