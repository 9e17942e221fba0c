import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A stored key that does not decrypt: wrong KEYS_ENCRYPTION_KEY or altered data. */
export class KeyDecryptionError extends Error {
  constructor() {
    super('A license key could not be decrypted (wrong KEYS_ENCRYPTION_KEY or tampered data).');
    this.name = 'KeyDecryptionError';
  }
}

/**
 * Encrypts license keys at rest with AES-256-GCM. Each value gets a fresh random
 * nonce, so equal keys never look equal in the database; the tag refuses tampering.
 * Stored form: base64 of nonce ‖ ciphertext ‖ tag.
 */
@Injectable()
export class KeyCipher {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    if (config.keysEncryptionKey?.length !== 32) throw new Error('KEYS_ENCRYPTION_KEY must be 32 bytes.');
    this.key = config.keysEncryptionKey;
  }

  encrypt(plain: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
  }

  decrypt(stored: string): string {
    const data = Buffer.from(stored, 'base64');
    if (data.length < NONCE_BYTES + TAG_BYTES) throw new KeyDecryptionError();
    const nonce = data.subarray(0, NONCE_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, this.key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new KeyDecryptionError();
    }
  }
}
