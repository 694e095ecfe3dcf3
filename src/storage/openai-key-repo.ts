import { z } from 'zod';
import type { WorkbenchDb } from './db';

/**
 * The opt-in "remember on this device" tier of the OpenAI key: only ciphertext with its KDF parameters
 * is stored (settings key `openai.key.encrypted`); the key itself never reaches storage in plain text.
 */

export const ENCRYPTED_KEY_KEY = 'openai.key.encrypted';

const encryptedKeySchema = z.object({
  version: z.literal(1),
  kdf: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().positive(),
  salt: z.instanceof(Uint8Array),
  iv: z.instanceof(Uint8Array),
  /** AES-GCM output (ciphertext and tag). */
  ciphertext: z.instanceof(Uint8Array),
  createdAt: z.number(),
});

export type EncryptedKeyRecord = z.infer<typeof encryptedKeySchema>;

/** The stored ciphertext, or null when none is stored (or the value is unreadable). */
export async function getEncryptedKey(db: WorkbenchDb): Promise<EncryptedKeyRecord | null> {
  const parsed = encryptedKeySchema.safeParse((await db.get('settings', ENCRYPTED_KEY_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

export async function hasEncryptedKey(db: WorkbenchDb): Promise<boolean> {
  return (await getEncryptedKey(db)) !== null;
}

export async function putEncryptedKey(db: WorkbenchDb, record: EncryptedKeyRecord): Promise<void> {
  await db.put('settings', { key: ENCRYPTED_KEY_KEY, value: encryptedKeySchema.parse(record) });
}

export async function deleteEncryptedKey(db: WorkbenchDb): Promise<void> {
  await db.delete('settings', ENCRYPTED_KEY_KEY);
}
