import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';

// prettier-ignore
const BOOLEANS: Record<string, boolean> = {
  true: true, yes: true, on: true, '1': true, false: false, no: false, off: false, '0': false,
};
/** A known word becomes a boolean; anything else stays a string, which @IsBoolean refuses (a typo never means true). */
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : (BOOLEANS[String(value).toLowerCase()] ?? value);
const emptyAsUnset = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** The environment as the contract names it (API.md, "Running"), validated at start-up. */
class Environment {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  @MinLength(12)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'SEED_DEMO must be true or false (also yes/no, on/off, 1/0)' })
  SEED_DEMO?: boolean;

  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'KEYS_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)',
  })
  KEYS_ENCRYPTION_KEY?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^[1-9]\d*[smhd]?$/, {
    message: 'JWT_EXPIRES_IN must be seconds (3600) or look like 15m, 1h or 1d',
  })
  JWT_EXPIRES_IN?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value) => typeof value === 'string' && parseTrustProxy(value) !== undefined,
      defaultMessage: () =>
        'TRUST_PROXY must be true, false, a number of proxies, or a comma-separated list of ' +
        'addresses and CIDRs (also loopback, linklocal, uniquelocal)',
    },
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(['production', 'development', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^(\*|https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*)$/, {
    message: 'CORS_ORIGINS must be * or a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_POOL_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DB_LOCK_TIMEOUT_MS?: number;
}

export const DEMO_ADMIN = { email: 'admin@seatkeeper.local', password: 'Seatkeeper-Admin-1' };

/** Typed configuration the whole app reads; built once from the environment. */
export class AppConfig {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  adminEmail: string;
  /**
   * The first admin's password: ADMIN_PASSWORD, else the demo one; unset in production
   * without ADMIN_PASSWORD (start-up then refuses when no admin exists yet).
   */
  adminPassword?: string;
  /** Whether adminPassword came from ADMIN_PASSWORD: such a password is never printed. */
  adminPasswordFromEnv: boolean;
  /** Default true, false in production: there the demo logins' known password would be public. */
  seedDemo: boolean;
  jwtSecret: string;
  keysEncryptionKey: Buffer;
  /** Token lifetime in seconds. */
  jwtExpiresInSeconds: number;
  /** Express's 'trust proxy': which proxies' X-Forwarded-For give the client IP (login throttling, logs). */
  trustProxy: TrustProxy;
  production: boolean;
  logLevel: string;
  /** Login attempts a minute per email; per client IP five times as many. */
  loginMaxAttempts: number;
  /** Origins allowed to call the API from a browser; empty = CORS off. */
  corsOrigins: string[];
  /** PostgreSQL server only (the embedded database has one connection). */
  database: DatabaseTuning;
}

export interface DatabaseTuning {
  /** Pooled connections per app process. */
  poolSize: number;
  /** How long a request waits for a free pooled connection (or a new one) before 503 DATABASE_BUSY. */
  poolTimeoutMs: number;
  /** Longest wait for one lock (a row, a table) before the statement fails, 503 DATABASE_BUSY; 0 = no limit. */
  lockTimeoutMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(Environment, { ...env }, { excludeExtraneousValues: false });
  const problems = validateSync(parsed, { forbidUnknownValues: false });
  if (problems.length) {
    const lines = problems.flatMap((p) =>
      Object.values(p.constraints ?? {}).map((m) => `  ${p.property}: ${m}`),
    );
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const production = parsed.NODE_ENV === 'production';
  const dataDir = resolve(parsed.DATA_DIR ?? './data');
  const secrets = resolveSecrets(parsed, production, dataDir);
  return {
    port: parsed.PORT ?? 3000,
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    adminEmail: parsed.ADMIN_EMAIL ?? DEMO_ADMIN.email,
    adminPassword: parsed.ADMIN_PASSWORD ?? (production ? undefined : DEMO_ADMIN.password),
    adminPasswordFromEnv: parsed.ADMIN_PASSWORD !== undefined,
    seedDemo: parsed.SEED_DEMO ?? !production,
    jwtSecret: secrets.jwtSecret,
    keysEncryptionKey: Buffer.from(secrets.keysEncryptionKey, 'base64'),
    jwtExpiresInSeconds: lifetimeSeconds(parsed.JWT_EXPIRES_IN ?? '1h'),
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY ?? 'false') as TrustProxy,
    production,
    logLevel: parsed.LOG_LEVEL ?? (env.JEST_WORKER_ID ? 'silent' : 'info'),
    loginMaxAttempts: parsed.LOGIN_MAX_ATTEMPTS ?? 10,
    corsOrigins: parsed.CORS_ORIGINS ? parsed.CORS_ORIGINS.split(',') : [],
    database: {
      poolSize: parsed.DB_POOL_SIZE ?? 10,
      // Generous enough for a burst of writers queued on one license row (300 assigns over
      // three processes on a loaded 2-core machine: test/seat-concurrency.e2e-spec.ts).
      poolTimeoutMs: parsed.DB_POOL_TIMEOUT_MS ?? 30_000,
      lockTimeoutMs: parsed.DB_LOCK_TIMEOUT_MS ?? 30_000,
    },
  };
}

const SECONDS_PER: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** JWT_EXPIRES_IN in seconds. A bare number is seconds: jsonwebtoken would read "3600" as milliseconds. */
function lifetimeSeconds(value: string): number {
  const unit = SECONDS_PER[value.slice(-1)];
  return unit ? Number(value.slice(0, -1)) * unit : Number(value);
}

/** Express's 'trust proxy' values: off or all, a number of proxies in front, or the trusted proxies' addresses. */
export type TrustProxy = boolean | number | string[];

/** Express's own names for address ranges. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY as Express reads it; undefined when it is none of its forms. */
function parseTrustProxy(value: string): TrustProxy | undefined {
  const word = value.trim().toLowerCase();
  if (word === 'true' || word === 'false') return word === 'true';
  if (/^\d+$/.test(word)) return Number(word);
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : undefined;
}

/** An address, a CIDR (10.0.0.0/8, fd00::/8), an IPv4 address with a netmask, or a named range. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (/^\d+$/.test(prefix)) return Number(prefix) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(prefix) === 4;
}

interface Secrets {
  jwtSecret: string;
  keysEncryptionKey: string;
}

/**
 * Secrets come from the environment. Outside production a missing one is generated
 * once into DATA_DIR/secrets.json, so a first start needs no setup and tokens and
 * keys survive restarts; production refuses to start without them.
 */
function resolveSecrets(env: Environment, production: boolean, dataDir: string): Secrets {
  if (env.JWT_SECRET && env.KEYS_ENCRYPTION_KEY) {
    return { jwtSecret: env.JWT_SECRET, keysEncryptionKey: env.KEYS_ENCRYPTION_KEY };
  }
  if (production) {
    const missing = ['JWT_SECRET', 'KEYS_ENCRYPTION_KEY'].filter((k) => !env[k as keyof Environment]);
    throw new ConfigError(`NODE_ENV=production needs ${missing.join(' and ')} in the environment.`);
  }
  const file = join(dataDir, 'secrets.json');
  const stored: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const generated: Partial<Secrets> = {};
  if (!env.JWT_SECRET && !stored.jwtSecret) generated.jwtSecret = randomBytes(48).toString('base64');
  if (!env.KEYS_ENCRYPTION_KEY && !stored.keysEncryptionKey) {
    generated.keysEncryptionKey = randomBytes(32).toString('base64');
  }
  if (Object.keys(generated).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ ...stored, ...generated }, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const pick = (key: keyof Secrets, fromEnv?: string) => (fromEnv ?? stored[key] ?? generated[key]) as string;
  return {
    jwtSecret: pick('jwtSecret', env.JWT_SECRET),
    keysEncryptionKey: pick('keysEncryptionKey', env.KEYS_ENCRYPTION_KEY),
  };
}
