import { describe, expect, it } from 'vitest';
import type { EncryptedKeyRecord } from '../storage/openai-key-repo';
import {
  KEY_KDF_ITERATIONS,
  KeyRecordError,
  MAX_KDF_ITERATIONS,
  MIN_KDF_ITERATIONS,
  WrongPassphraseError,
  checkVaultRecord,
  decryptApiKey,
  encryptApiKey,
  type VaultCrypto,
} from './key-vault';

const KEY = 'sk-proj-Abcdefghijklmnopqrstuvwxyz0123456789';

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Web Crypto that counts key derivations, to show a refused record never reaches PBKDF2. */
function countingCrypto(): { crypto: VaultCrypto; derivations: () => number } {
  let derivations = 0;
  const subtle = crypto.subtle;
  const counted: VaultCrypto = {
    getRandomValues: (array) => crypto.getRandomValues(array),
    subtle: new Proxy(subtle, {
      get(target, prop, receiver) {
        if (prop === 'deriveKey') {
          return (...args: Parameters<SubtleCrypto['deriveKey']>) => {
            derivations++;
            return target.deriveKey(...args);
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }),
  };
  return { crypto: counted, derivations: () => derivations };
}

let shared: Promise<EncryptedKeyRecord> | null = null;
/** One valid record for the tests that only tamper with it (each encryption costs 600,000 iterations). */
const validRecord = (): Promise<EncryptedKeyRecord> => (shared ??= encryptApiKey(KEY, 'correct horse', crypto, 1));

describe('key vault', () => {
  it('round-trips under the passphrase with fresh salt and IV each time, never storing the key', async () => {
    const a = await encryptApiKey(KEY, 'correct horse', crypto, 42);
    const b = await encryptApiKey(KEY, 'correct horse', crypto, 43);
    expect(a).toMatchObject({ version: 1, kdf: 'PBKDF2-SHA-256', iterations: KEY_KDF_ITERATIONS, createdAt: 42 });
    expect(a.salt).toHaveLength(16);
    expect(a.iv).toHaveLength(12);
    expect(a.salt).not.toEqual(b.salt);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
    // AES-GCM: ciphertext as long as the key plus a 16-byte tag, and no trace of the key in it.
    expect(a.ciphertext).toHaveLength(KEY.length + 16);
    const keyBytes = new TextEncoder().encode(KEY);
    expect(contains(a.ciphertext, keyBytes.subarray(0, 12))).toBe(false);
    expect(JSON.stringify(a)).not.toContain('sk-');
    expect(await decryptApiKey(a, 'correct horse', crypto)).toBe(KEY);
    expect(checkVaultRecord(a)).toEqual(a);
  });

  it('bounds the iteration count by OWASP’s PBKDF2-HMAC-SHA-256 figure and a ceiling that cannot hang the worker', () => {
    expect(MIN_KDF_ITERATIONS).toBe(600_000);
    expect(KEY_KDF_ITERATIONS).toBeGreaterThanOrEqual(MIN_KDF_ITERATIONS);
    expect(KEY_KDF_ITERATIONS).toBeLessThanOrEqual(MAX_KDF_ITERATIONS);
    expect(MAX_KDF_ITERATIONS).toBe(10_000_000);
  });

  it('refuses a wrong passphrase, a tampered ciphertext and a short passphrase', async () => {
    const rec = await validRecord();
    await expect(decryptApiKey(rec, 'wrong horse!', crypto)).rejects.toBeInstanceOf(WrongPassphraseError);
    const tampered = { ...rec, ciphertext: rec.ciphertext.map((v, i) => (i === 0 ? v ^ 1 : v)) };
    await expect(decryptApiKey(tampered, 'correct horse', crypto)).rejects.toThrow(/Wrong passphrase/);
    await expect(encryptApiKey(KEY, 'short', crypto, 1)).rejects.toThrow(/at least 8 characters/);
    await expect(encryptApiKey('', 'long enough', crypto, 1)).rejects.toThrow(/1 to 4096 bytes/);
  });

  it.each([
    ['too few', 1],
    ['just too few', MIN_KDF_ITERATIONS - 1],
    ['too many', MAX_KDF_ITERATIONS + 1],
    ['absurdly many', 2 ** 40],
    ['not whole', 600_000.5],
    ['not a number', Number.NaN],
  ])('refuses to create a record with %s iterations, before deriving anything', async (_what, iterations) => {
    const counted = countingCrypto();
    const attempt = encryptApiKey(KEY, 'long enough', counted.crypto, 1, iterations);
    await expect(attempt).rejects.toBeInstanceOf(KeyRecordError);
    await expect(attempt).rejects.toThrow(
      'The PBKDF2 iteration count must be a whole number from 600,000 to 10,000,000.',
    );
    expect(counted.derivations()).toBe(0);
  });

  it.each([
    ['too few', 1, /fewer than 600,000 PBKDF2 iterations/],
    ['just too few', MIN_KDF_ITERATIONS - 1, /fewer than 600,000 PBKDF2 iterations/],
    ['too many', MAX_KDF_ITERATIONS + 1, /more than 10,000,000 PBKDF2 iterations/],
    ['absurdly many', 2 ** 40, /more than 10,000,000 PBKDF2 iterations/],
    ['not whole', 600_000.5, /not a whole number/],
  ])(
    'refuses to open a stored record with %s iterations, before deriving anything, and says to save the key again',
    async (_what, iterations, reason) => {
      const counted = countingCrypto();
      const attempt = decryptApiKey({ ...(await validRecord()), iterations }, 'correct horse', counted.crypto);
      await expect(attempt).rejects.toBeInstanceOf(KeyRecordError);
      await expect(attempt).rejects.toThrow(reason);
      await expect(attempt).rejects.toThrow(/Forget the saved key \(Forget key\) and save it again\./);
      expect(counted.derivations()).toBe(0);
    },
  );

  it('opens a record at exactly the bounds it accepts', async () => {
    const rec = await encryptApiKey(KEY, 'correct horse', crypto, 7, MIN_KDF_ITERATIONS);
    expect(rec.iterations).toBe(MIN_KDF_ITERATIONS);
    expect(await decryptApiKey(rec, 'correct horse', crypto)).toBe(KEY);
    // The ceiling is valid; not derived here (10,000,000 iterations take seconds).
    expect(checkVaultRecord({ ...rec, iterations: MAX_KDF_ITERATIONS }).iterations).toBe(MAX_KDF_ITERATIONS);
  });

  it('validates the whole stored record: salt, IV and ciphertext sizes, format and KDF', async () => {
    const rec = await validRecord();
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['short salt', { salt: new Uint8Array(8) }, /salt is not 16 bytes/],
      ['long IV', { iv: new Uint8Array(16) }, /IV is not 12 bytes/],
      ['no ciphertext', { ciphertext: new Uint8Array(0) }, /ciphertext is not 17 to 4112 bytes/],
      ['tag only', { ciphertext: new Uint8Array(16) }, /ciphertext is not 17 to 4112 bytes/],
      ['huge ciphertext', { ciphertext: new Uint8Array(5000) }, /ciphertext is not 17 to 4112 bytes/],
      ['missing ciphertext', { ciphertext: undefined }, /ciphertext is missing/],
      ['salt as an array', { salt: Array.from(rec.salt) }, /salt is missing/],
      ['other version', { version: 2 }, /format version is unknown/],
      ['other KDF', { kdf: 'PBKDF2-SHA-1' }, /not PBKDF2-SHA-256/],
    ];
    for (const [what, patch, reason] of bad) {
      const counted = countingCrypto();
      const tampered = { ...rec, ...patch };
      expect(() => checkVaultRecord(tampered), what).toThrow(reason);
      // The stored-record type is looser than the vault's schema: refused on open too, before PBKDF2.
      await expect(
        decryptApiKey(tampered as EncryptedKeyRecord, 'correct horse', counted.crypto),
        what,
      ).rejects.toBeInstanceOf(KeyRecordError);
      expect(counted.derivations(), what).toBe(0);
    }
  });
});
