import { z } from 'zod';
import type { EncryptedKeyRecord } from '../storage/openai-key-repo';

/**
 * Encryption of the OpenAI key for the opt-in "remember on this device" tier (openai.md §11): a key
 * derived from the user's passphrase with PBKDF2-SHA-256 (random 16-byte salt, 600,000 iterations, the
 * OWASP figure for SHA-256) encrypts the API key with AES-GCM (random 12-byte IV). This protects the key
 * at rest; it does not protect it from script running in the page while it is unlocked.
 *
 * Records are validated whole, on the way in and on the way out: the iteration count must lie within
 * [MIN_KDF_ITERATIONS, MAX_KDF_ITERATIONS] (a tampered record could ask for 1 iteration, making the
 * passphrase cheap to guess, or for billions, hanging the worker), and salt, IV and ciphertext must have
 * their sizes.
 */

export const KEY_KDF_ITERATIONS = 600_000;
/**
 * The floor for creating and for opening a record: OWASP's Password Storage Cheat Sheet (2023) asks for
 * 600,000 iterations of PBKDF2-HMAC-SHA-256 (its 210,000 is for HMAC-SHA-512, which this vault does not use).
 */
export const MIN_KDF_ITERATIONS = 600_000;
/** The ceiling: far above any sensible setting, low enough that a record cannot hang the worker for long. */
export const MAX_KDF_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 8;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
/** AES-GCM appends a 16-byte authentication tag to the ciphertext. */
const GCM_TAG_BYTES = 16;
/** Keys are far shorter; a bigger "ciphertext" is not one of ours. */
const MAX_KEY_BYTES = 4096;

const FORGET_AND_SAVE_AGAIN = 'Forget the saved key (Forget key) and save it again.';

/** Thrown when a record (stored, or about to be) is outside the vault's bounds or malformed. */
export class KeyRecordError extends Error {
  override name = 'KeyRecordError';
}

const iterationsSchema = z
  .number({ error: 'the PBKDF2 iteration count is not a number' })
  .int('the PBKDF2 iteration count is not a whole number')
  .min(
    MIN_KDF_ITERATIONS,
    `it uses fewer than ${MIN_KDF_ITERATIONS.toLocaleString('en-US')} PBKDF2 iterations, too few to protect the key`,
  )
  .max(MAX_KDF_ITERATIONS, `it asks for more than ${MAX_KDF_ITERATIONS.toLocaleString('en-US')} PBKDF2 iterations`);

const bytes = (what: string, min: number, max: number) =>
  z
    .instanceof(Uint8Array, { error: `its ${what} is missing` })
    .refine(
      (b) => b.byteLength >= min && b.byteLength <= max,
      min === max ? `its ${what} is not ${min} bytes` : `its ${what} is not ${min} to ${max} bytes`,
    );

/** The whole stored record, as this vault writes it. */
export const vaultRecordSchema = z.object({
  version: z.literal(1, { error: 'its format version is unknown' }),
  kdf: z.literal('PBKDF2-SHA-256', { error: 'its key derivation is not PBKDF2-SHA-256' }),
  iterations: iterationsSchema,
  salt: bytes('salt', SALT_BYTES, SALT_BYTES),
  iv: bytes('IV', IV_BYTES, IV_BYTES),
  /** AES-GCM output: at least one byte of ciphertext plus the tag. */
  ciphertext: bytes('ciphertext', GCM_TAG_BYTES + 1, GCM_TAG_BYTES + MAX_KEY_BYTES),
  createdAt: z.number({ error: 'its creation time is missing' }),
});

/** Returns the record when it is within the vault's bounds, else throws a KeyRecordError saying what to do. */
export function checkVaultRecord(record: unknown): EncryptedKeyRecord {
  const parsed = vaultRecordSchema.safeParse(record);
  if (parsed.success) return parsed.data;
  const reasons = [...new Set(parsed.error.issues.map((issue) => issue.message))].join('; ');
  throw new KeyRecordError(`The remembered key cannot be used: ${reasons}. ${FORGET_AND_SAVE_AGAIN}`);
}

function checkIterations(iterations: number): void {
  if (!iterationsSchema.safeParse(iterations).success) {
    throw new KeyRecordError(
      `The PBKDF2 iteration count must be a whole number from ${MIN_KDF_ITERATIONS.toLocaleString('en-US')} to ${MAX_KDF_ITERATIONS.toLocaleString('en-US')}.`,
    );
  }
}

/** Binds the ciphertext to its purpose, so it cannot be swapped for another AES-GCM blob of ours. */
const AAD = new TextEncoder().encode('homesynth-openai-key-v1');

/** What the vault needs of Web Crypto (the global `crypto` in browsers, workers and Node ≥ 20). */
export type VaultCrypto = Pick<Crypto, 'subtle' | 'getRandomValues'>;

/** Thrown when the passphrase does not decrypt the stored key (AES-GCM authentication failed). */
export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
}

async function deriveAesKey(
  crypto: VaultCrypto,
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts `apiKey` under `passphrase`; the record holds only ciphertext, salt, IV and parameters. */
export async function encryptApiKey(
  apiKey: string,
  passphrase: string,
  crypto: VaultCrypto,
  createdAt: number,
  iterations: number = KEY_KDF_ITERATIONS,
): Promise<EncryptedKeyRecord> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    throw new Error(`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  checkIterations(iterations);
  const plain = new TextEncoder().encode(apiKey);
  if (plain.byteLength === 0 || plain.byteLength > MAX_KEY_BYTES)
    throw new Error(`A key to remember must be 1 to ${MAX_KEY_BYTES} bytes long.`);
  const salt = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(SALT_BYTES)));
  const iv = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(IV_BYTES)));
  const key = await deriveAesKey(crypto, passphrase, salt, iterations);
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: AAD }, key, plain),
  );
  // Refuse to hand out a record that could not be opened again.
  return checkVaultRecord({ version: 1, kdf: 'PBKDF2-SHA-256', iterations, salt, iv, ciphertext, createdAt });
}

/**
 * Decrypts a stored key. Throws a KeyRecordError, before any key derivation, for a record outside the
 * vault's bounds (too few or too many iterations, wrong sizes), and WrongPassphraseError when the
 * passphrase (or the record) does not match.
 */
export async function decryptApiKey(
  stored: EncryptedKeyRecord,
  passphrase: string,
  crypto: VaultCrypto,
): Promise<string> {
  const record = checkVaultRecord(stored);
  const key = await deriveAesKey(crypto, passphrase, new Uint8Array(record.salt), record.iterations);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(record.iv), additionalData: AAD },
      key,
      new Uint8Array(record.ciphertext),
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw new WrongPassphraseError('Wrong passphrase: the remembered key could not be unlocked.');
  }
}
