import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/platform/config/app-config';
import { SeedService } from '../../src/io/seed/seed.service';
import { Role } from '../../src/platform/access/roles';
import { adminQuery, freshDatabase } from '../setup/test-database';

export const TEST_ADMIN = { email: 'admin@test.local', password: 'Test-Admin-Password-1' };

/** An authenticated supertest client: `api.get(url)`, `api.post(url).send(body)`, … */
export interface Api {
  get(url: string): request.Test;
  post(url: string): request.Test;
  patch(url: string): request.Test;
  put(url: string): request.Test;
  delete(url: string): request.Test;
  token: string;
  userId: string;
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  config: AppConfig;
  /** Client logged in as the seeded admin. */
  admin: Api;
  /** Creates a user of that role (department heads need an org unit) and logs them in. */
  as(role: Role, orgUnitId?: string): Promise<Api>;
  login(email: string, password: string): Promise<Api>;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule with the real HTTP set-up on a fresh copy of the
 * migrated test database. One per test file (beforeAll/afterAll).
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const config = loadConfig({
    DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    SEED_DEMO: 'false',
    JWT_SECRET: randomBytes(32).toString('hex'),
    KEYS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: false }));
  await app.init();
  await app.get(SeedService).run();
  const http = request(app.getHttpServer());

  const login = async (email: string, password: string): Promise<Api> => {
    const res = await http.post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200)
      throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const token = res.body.accessToken as string;
    const auth = (t: request.Test) => t.set('Authorization', `Bearer ${token}`);
    return {
      token,
      userId: res.body.user.id,
      get: (url) => auth(http.get(url)),
      post: (url) => auth(http.post(url)),
      patch: (url) => auth(http.patch(url)),
      put: (url) => auth(http.put(url)),
      delete: (url) => auth(http.delete(url)),
    };
  };

  const admin = await login(TEST_ADMIN.email, TEST_ADMIN.password);
  let users = 0;
  const as = async (role: Role, orgUnitId?: string): Promise<Api> => {
    const email = `${role}.${++users}.${randomBytes(3).toString('hex')}@test.local`;
    const password = 'Test-User-Password-1';
    const res = await admin
      .post('/api/v1/users')
      .send({ email, password, role, displayName: role, orgUnitId });
    if (res.status !== 201)
      throw new Error(`creating a ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return login(email, password);
  };

  return {
    app,
    http,
    dataSource: app.get(DataSource),
    config,
    admin,
    as,
    login,
    close: async () => {
      await app.close();
      rmSync(db.dataDir, { recursive: true, force: true });
      if (db.databaseUrl) {
        await adminQuery(`DROP DATABASE IF EXISTS ${new URL(db.databaseUrl).pathname.slice(1)} WITH (FORCE)`);
      }
    },
  };
}

/** Asserts the contract's error shape and returns the body. */
export function expectError(res: request.Response, status: number, code?: string) {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: {
      statusCode: status,
      error: expect.any(String),
      message: expect.any(String),
      code: code ?? expect.any(String),
    },
  });
  return res.body as {
    statusCode: number;
    error: string;
    message: string;
    code: string;
    details: Record<string, unknown>;
  };
}
