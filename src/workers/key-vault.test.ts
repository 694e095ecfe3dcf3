import { describe, expect, it } from 'vitest';
import { KEY_KDF_ITERATIONS, WrongPassphraseError, decryptApiKey, encryptApiKey } from './key-vault';

const KEY = 'sk-proj-Abcdefghijklmnopqrstuvwxyz0123456789';

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('key vault', () => {
  it('round-trips under the passphrase with fresh salt and IV each time, never storing the key', async () => {
    const a = await encryptApiKey(KEY, 'correct horse', crypto, 42);
    const b = await encryptApiKey(KEY, 'correct horse', crypto, 43);
    expect(a).toMatchObject({ version: 1, kdf: 'PBKDF2-SHA-256', iterations: KEY_KDF_ITERATIONS, createdAt: 42 });
    expect(KEY_KDF_ITERATIONS).toBeGreaterThanOrEqual(200_000);
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
  });

  it('refuses a wrong passphrase, a tampered ciphertext, a short passphrase and too few iterations', async () => {
    const rec = await encryptApiKey(KEY, 'correct horse', crypto, 1);
    await expect(decryptApiKey(rec, 'wrong horse!', crypto)).rejects.toBeInstanceOf(WrongPassphraseError);
    const tampered = { ...rec, ciphertext: rec.ciphertext.map((v, i) => (i === 0 ? v ^ 1 : v)) };
    await expect(decryptApiKey(tampered, 'correct horse', crypto)).rejects.toThrow(/Wrong passphrase/);
    await expect(encryptApiKey(KEY, 'short', crypto, 1)).rejects.toThrow(/at least 8 characters/);
    await expect(encryptApiKey(KEY, 'long enough', crypto, 1, 1000)).rejects.toThrow(/200000 PBKDF2 iterations/);
    await expect(decryptApiKey({ ...rec, iterations: 1 }, 'correct horse', crypto)).rejects.toThrow(/too few PBKDF2 iterations/);
  });
});
