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
      jwtExpiresInSeconds: 3600,
      trustProxy: false,
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

  it('in production, seeds no demo data and has no admin password unless ADMIN_PASSWORD gives one', () => {
    const secrets = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      KEYS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(loadConfig({ DATA_DIR: dir(), ...secrets })).toMatchObject({
      production: true,
      seedDemo: false,
      adminPassword: undefined,
      adminPasswordFromEnv: false,
    });
    expect(
      loadConfig({ DATA_DIR: dir(), ...secrets, ADMIN_PASSWORD: 'Long-Password-123', SEED_DEMO: 'true' }),
    ).toMatchObject({ seedDemo: true, adminPassword: 'Long-Password-123', adminPasswordFromEnv: true });
  });

  it('outside production, the demo admin password is the default and known as such', () => {
    expect(loadConfig({ DATA_DIR: dir() })).toMatchObject({
      adminPassword: DEMO_ADMIN.password,
      adminPasswordFromEnv: false,
    });
  });

  it('reads SEED_DEMO as a boolean word and refuses anything else, naming the variable', () => {
    for (const [value, seedDemo] of [
      ['false', false],
      ['No', false],
      ['off', false],
      ['0', false],
      ['TRUE', true],
      ['yes', true],
      ['on', true],
      ['1', true],
    ] as const) {
      expect(loadConfig({ DATA_DIR: dir(), SEED_DEMO: value }).seedDemo).toBe(seedDemo);
    }
    for (const typo of ['flase', 'ture', 'nein', '2', 'constructor']) {
      expect(() => loadConfig({ DATA_DIR: dir(), SEED_DEMO: typo })).toThrow(
        new ConfigError(
          'Invalid environment:\n  SEED_DEMO: SEED_DEMO must be true or false (also yes/no, on/off, 1/0)',
        ),
      );
    }
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

  it('reads JWT_EXPIRES_IN as seconds, a bare number too', () => {
    const lifetime = (value: string) =>
      loadConfig({ DATA_DIR: dir(), JWT_EXPIRES_IN: value }).jwtExpiresInSeconds;
    expect(lifetime('3600')).toBe(3600);
    expect(lifetime('45s')).toBe(45);
    expect(lifetime('15m')).toBe(900);
    expect(lifetime('2h')).toBe(7200);
    expect(lifetime('1d')).toBe(86_400);
    for (const bad of ['0', '1w', '-5', '1.5h', 'soon'])
      expect(() => lifetime(bad)).toThrow(/JWT_EXPIRES_IN/);
  });

  it('reads TRUST_PROXY as Express does: true, false, a hop count or trusted addresses', () => {
    const trust = (value: string) => loadConfig({ DATA_DIR: dir(), TRUST_PROXY: value }).trustProxy;
    expect(trust('')).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('TRUE')).toBe(true);
    expect(trust('1')).toBe(1);
    expect(trust('loopback, 10.0.0.0/8,192.168.1.7, fd00::/8, 172.16.0.0/255.240.0.0')).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
      '172.16.0.0/255.240.0.0',
    ]);
    const invalid = ['yes please', '10.0.0.0/33', '10.0.0.1,', 'fd00::/8/8', '::1/255.0.0.0', 'proxy.local'];
    for (const bad of invalid) expect(() => trust(bad)).toThrow(/TRUST_PROXY/);
  });
});
