import { decryptText, encryptionKeyFromEnv, encryptText } from './encryption';

const KEY = Buffer.alloc(32, 1);

describe('encryption', () => {
  describe(encryptText.name, () => {
    it('round-trips through decryptText and never repeats a ciphertext', () => {
      const first = encryptText('3201234505900001', KEY);
      const second = encryptText('3201234505900001', KEY);

      expect(first).toMatch(/^v1:/);
      expect(first).not.toContain('3201234505900001');
      expect(second).not.toBe(first);
      expect(decryptText(first, KEY)).toBe('3201234505900001');
    });
  });

  describe(decryptText.name, () => {
    it('refuses a tampered ciphertext and a wrong key', () => {
      const stored = encryptText('3201234505900001', KEY);
      const packed = Buffer.from(stored.slice(3), 'base64url');
      packed[packed.length - 1] ^= 1;

      expect(() => decryptText(`v1:${packed.toString('base64url')}`, KEY)).toThrow();
      expect(() => decryptText(stored, Buffer.alloc(32, 2))).toThrow();
      expect(() => decryptText('3201234505900001', KEY)).toThrow('unknown format');
    });
  });

  describe(encryptionKeyFromEnv.name, () => {
    it('accepts 32 bytes as hex or base64', () => {
      expect(encryptionKeyFromEnv({ LUNAS_ENCRYPTION_KEY: 'ab'.repeat(32) })).toEqual(Buffer.alloc(32, 0xab));
      expect(encryptionKeyFromEnv({ LUNAS_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') })).toEqual(Buffer.alloc(32, 9));
    });

    it('refuses a key of the wrong length', () => {
      expect(() => encryptionKeyFromEnv({ LUNAS_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow('must be 32 bytes');
    });

    it('falls back to the development key only outside production', () => {
      expect(encryptionKeyFromEnv({ NODE_ENV: 'development' })).toEqual(Buffer.alloc(32, 7));
      expect(() => encryptionKeyFromEnv({ NODE_ENV: 'production' })).toThrow('LUNAS_ENCRYPTION_KEY is required in production');
    });
  });
});
