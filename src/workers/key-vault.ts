import type { EncryptedKeyRecord } from '../storage/openai-key-repo';

/**
 * Encryption of the OpenAI key for the opt-in "remember on this device" tier (openai.md §11): a key
 * derived from the user's passphrase with PBKDF2-SHA-256 (random 16-byte salt, 600,000 iterations, the
 * OWASP figure for SHA-256) encrypts the API key with AES-GCM (random 12-byte IV). This protects the key
 * at rest; it does not protect it from script running in the page while it is unlocked.
 */

export const KEY_KDF_ITERATIONS = 600_000;
/** The floor below which a stored record is refused (a tampered record could ask for 1 iteration). */
export const MIN_KDF_ITERATIONS = 200_000;
export const MIN_PASSPHRASE_LENGTH = 8;

/** Binds the ciphertext to its purpose, so it cannot be swapped for another AES-GCM blob of ours. */
const AAD = new TextEncoder().encode('homesynth-openai-key-v1');

/** What the vault needs of Web Crypto (the global `crypto` in browsers, workers and Node ≥ 20). */
export type VaultCrypto = Pick<Crypto, 'subtle' | 'getRandomValues'>;

/** Thrown when the passphrase does not decrypt the stored key (AES-GCM authentication failed). */
export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
}

async function deriveAesKey(crypto: VaultCrypto, passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
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
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error(`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  if (iterations < MIN_KDF_ITERATIONS) throw new Error(`At least ${MIN_KDF_ITERATIONS} PBKDF2 iterations are required.`);
  const salt = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(16)));
  const iv = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(12)));
  const key = await deriveAesKey(crypto, passphrase, salt, iterations);
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: AAD }, key, new TextEncoder().encode(apiKey)),
  );
  return { version: 1, kdf: 'PBKDF2-SHA-256', iterations, salt, iv, ciphertext, createdAt };
}

/** Decrypts a stored key; throws WrongPassphraseError when the passphrase (or the record) does not match. */
export async function decryptApiKey(record: EncryptedKeyRecord, passphrase: string, crypto: VaultCrypto): Promise<string> {
  if (record.iterations < MIN_KDF_ITERATIONS) throw new Error('The stored key uses too few PBKDF2 iterations; forget it and enter the key again.');
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
