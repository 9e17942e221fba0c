import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { KeyCipher, KeyDecryptionError } from './key-cipher';

const cipherWith = (key: Buffer) => new KeyCipher({ keysEncryptionKey: key } as AppConfig);

describe('KeyCipher', () => {
  const cipher = cipherWith(randomBytes(32));

  it('round-trips a key, unicode included', () => {
    for (const plain of ['ABCDE-12345-FGHIJ-67890-1A2B', 'ключ-🔑', 'x']) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('stores base64 of a 12-byte nonce, the ciphertext and a 16-byte tag, never the key', () => {
    const plain = 'ABCDE-12345';
    const stored = cipher.encrypt(plain);
    expect(Buffer.from(stored, 'base64')).toHaveLength(12 + Buffer.byteLength(plain) + 16);
    expect(stored).not.toContain(plain);
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain(plain);
  });

  it('gives two encryptions of one key different values', () => {
    const a = cipher.encrypt('SAME-KEY-1234');
    const b = cipher.encrypt('SAME-KEY-1234');
    expect(a).not.toBe(b);
    expect(a.slice(0, 16)).not.toBe(b.slice(0, 16));
  });

  it('refuses tampered ciphertext, nonce or tag', () => {
    const data = Buffer.from(cipher.encrypt('ABCDE-12345'), 'base64');
    for (const at of [0, 12, data.length - 1]) {
      const tampered = Buffer.from(data);
      tampered[at] ^= 0x01;
      expect(() => cipher.decrypt(tampered.toString('base64'))).toThrow(KeyDecryptionError);
    }
    expect(() => cipher.decrypt(data.subarray(0, 20).toString('base64'))).toThrow(KeyDecryptionError);
  });

  it('refuses a value encrypted under another key', () => {
    expect(() => cipherWith(randomBytes(32)).decrypt(cipher.encrypt('ABCDE-12345'))).toThrow(
      KeyDecryptionError,
    );
  });

  it('needs a 32-byte key', () => {
    expect(() => cipherWith(randomBytes(16))).toThrow(/32 bytes/);
  });
});
