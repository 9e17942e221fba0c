import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEMO_ADMIN, loadConfig } from './app-config';

const dir = () => mkdtempSync(join(tmpdir(), 'seatkeeper-config-'));

describe('loadConfig', () => {
  it('defaults to the embedded database, port 3000, the demo admin and 1 h tokens', () => {
    const config = loadConfig({ DATA_DIR: dir() });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      adminEmail: DEMO_ADMIN.email,
      seedDemo: true,
      jwtExpiresIn: '1h',
      production: false,
    });
  });

  it('generates missing secrets once into DATA_DIR and reuses them', () => {
    const dataDir = dir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.keysEncryptionKey).toHaveLength(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.keysEncryptionKey.equals(first.keysEncryptionKey)).toBe(true);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).jwtSecret).toBe(first.jwtSecret);
  });

  it('takes secrets from the environment when given', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ DATA_DIR: dir(), JWT_SECRET: 'x'.repeat(32), KEYS_ENCRYPTION_KEY: key });
    expect(config.jwtSecret).toBe('x'.repeat(32));
    expect(config.keysEncryptionKey.toString('base64')).toBe(key);
  });

  it('refuses to start in production without the secrets', () => {
    expect(() => loadConfig({ DATA_DIR: dir(), NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET and KEYS_ENCRYPTION_KEY/,
    );
  });

  it('names every invalid variable', () => {
    let error: Error | undefined;
    try {
      loadConfig({
        PORT: 'abc',
        JWT_SECRET: 'short',
        KEYS_ENCRYPTION_KEY: 'nope',
        SEED_DEMO: 'false',
        DATABASE_URL: 'mysql://x',
      });
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeInstanceOf(ConfigError);
    for (const name of ['PORT', 'JWT_SECRET', 'KEYS_ENCRYPTION_KEY', 'DATABASE_URL'])
      expect(error?.message).toContain(name);
  });

  it('reads SEED_DEMO=false and the admin from the environment', () => {
    const config = loadConfig({
      DATA_DIR: dir(),
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'a@b.c',
      ADMIN_PASSWORD: 'Long-Password-123',
    });
    expect(config).toMatchObject({
      seedDemo: false,
      adminEmail: 'a@b.c',
      adminPassword: 'Long-Password-123',
    });
  });

  it('tunes the server pool and lock wait from DB_POOL_SIZE, DB_POOL_TIMEOUT_MS, DB_LOCK_TIMEOUT_MS', () => {
    expect(loadConfig({ DATA_DIR: dir() }).database).toEqual({
      poolSize: 10,
      poolTimeoutMs: 30_000,
      lockTimeoutMs: 30_000,
    });
    const tuned = loadConfig({
      DATA_DIR: dir(),
      DB_POOL_SIZE: '3',
      DB_POOL_TIMEOUT_MS: '1500',
      DB_LOCK_TIMEOUT_MS: '0',
    });
    expect(tuned.database).toEqual({ poolSize: 3, poolTimeoutMs: 1500, lockTimeoutMs: 0 });
    expect(() => loadConfig({ DATA_DIR: dir(), DB_POOL_SIZE: '0', DB_POOL_TIMEOUT_MS: 'soon' })).toThrow(
      /DB_POOL_SIZE[\s\S]*DB_POOL_TIMEOUT_MS/,
    );
  });
});
