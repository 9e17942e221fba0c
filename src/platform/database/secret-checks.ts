import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config';
import { KeyCipher, KeyDecryptionError } from '../crypto/key-cipher';

/** This instance's secrets are not the ones the database was started with. */
export class SecretMismatchError extends ConfigError {}

type Secrets = Pick<AppConfig, 'keysEncryptionKey' | 'jwtSecret'>;

interface Checks {
  keys: string;
  jwt: string;
}

/** HMAC-SHA256 of a fixed label under each secret: equal for equal secrets, and reveals neither. */
function checksOf(secrets: Secrets): Checks {
  const check = (secret: Buffer | string, label: string) =>
    createHmac('sha256', secret).update(label).digest('hex');
  return {
    keys: check(secrets.keysEncryptionKey, 'seatkeeper:keys-encryption-key'),
    jwt: check(secrets.jwtSecret, 'seatkeeper:jwt-secret'),
  };
}

/**
 * Every instance on one database needs the same KEYS_ENCRYPTION_KEY (else keys stored
 * by one do not decrypt on another) and the same JWT_SECRET (else tokens of one are
 * refused by another). Without them in the environment each host generates its own,
 * so the first start records check values of its secrets and every later start is
 * refused when its own differ. A database from before the checks holding license
 * keys is first checked against one of them.
 */
export async function verifyInstanceSecrets(dataSource: DataSource, secrets: Secrets): Promise<void> {
  const mine = checksOf(secrets);
  let stored = await storedChecks(dataSource);
  if (!stored) {
    await assertDecryptsStoredKeys(dataSource, secrets);
    // Instances starting together: one row wins, the others compare with it below.
    await dataSource.query(
      `INSERT INTO instance_secret_checks (id, keys_encryption_key_check, jwt_secret_check)
       VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING`,
      [mine.keys, mine.jwt],
    );
    stored = (await storedChecks(dataSource))!;
  }
  const wrong = [
    ...(stored.keys === mine.keys ? [] : ['KEYS_ENCRYPTION_KEY']),
    ...(stored.jwt === mine.jwt ? [] : ['JWT_SECRET']),
  ];
  if (wrong.length) throw new SecretMismatchError(mismatch(wrong));
}

async function storedChecks(dataSource: DataSource): Promise<Checks | undefined> {
  const [row] = await dataSource.query(
    `SELECT keys_encryption_key_check AS keys, jwt_secret_check AS jwt FROM instance_secret_checks`,
  );
  return row;
}

async function assertDecryptsStoredKeys(dataSource: DataSource, secrets: Secrets): Promise<void> {
  const [row] = await dataSource.query(`SELECT key_encrypted FROM license_keys LIMIT 1`);
  if (!row) return;
  try {
    new KeyCipher(secrets as AppConfig).decrypt(row.key_encrypted);
  } catch (error) {
    if (error instanceof KeyDecryptionError) throw new SecretMismatchError(mismatch(['KEYS_ENCRYPTION_KEY']));
    throw error;
  }
}

const CONSEQUENCE: Record<string, string> = {
  KEYS_ENCRYPTION_KEY: 'license keys stored under the other one would not decrypt',
  JWT_SECRET: 'tokens signed with the other one would be refused',
};

function mismatch(names: string[]): string {
  return (
    `Refusing to start: ${names.map((n) => `${n} differs from the one this database was first started with, so ${CONSEQUENCE[n]}`).join('; ')}. ` +
    `Every instance of one database needs the same ${names.join(' and ')}: set it in the environment of each ` +
    `(a generated one lives in one host's DATA_DIR only).`
  );
}
