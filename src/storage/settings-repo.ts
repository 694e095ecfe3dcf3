import type { WorkbenchDb } from './db';

/** Settings are small values under fixed keys. The API key is never stored here in plain text. */
export async function getSetting(db: WorkbenchDb, key: string): Promise<unknown> {
  return (await db.get('settings', key))?.value;
}

export async function putSetting(db: WorkbenchDb, key: string, value: unknown): Promise<void> {
  await db.put('settings', { key, value });
}
