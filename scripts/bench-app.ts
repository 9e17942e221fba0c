import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { SeedService } from '../src/io/seed/seed.service';
import { AppConfig } from '../src/platform/config/app-config';

export interface BenchApp {
  app: INestApplication;
  config: AppConfig;
  base: string;
  token: string;
}

/**
 * The real app on a loopback port for a benchmark script, logged in as the admin.
 * Without DATABASE_URL or DATA_DIR it runs on a fresh embedded database in a
 * temporary folder, so the register you use is left alone.
 */
export async function startBenchApp(): Promise<BenchApp> {
  if (!process.env.DATABASE_URL && !process.env.DATA_DIR) {
    process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'seatkeeper-bench-'));
  }
  process.env.SEED_DEMO = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  const app = configureApp(await NestFactory.create(AppModule, { logger: ['error', 'warn'] }));
  await app.init();
  await app.get(SeedService).run();
  await app.listen(0, '127.0.0.1');
  const config = app.get(AppConfig);
  const base = await app.getUrl();
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: config.adminEmail, password: config.adminPassword }),
  });
  const { accessToken: token } = (await login.json()) as { accessToken: string };
  return { app, config, base, token };
}
