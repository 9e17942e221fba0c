import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_ADMIN } from '../../src/platform/config/app-config';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = resolve(ROOT, 'dist', 'src', 'main.js');

export interface BenchServer {
  base: string;
  pid: number;
  /** Forgets the peak so far (Linux `clear_refs`), so each scenario reads its own peak. */
  resetPeak(): void;
  /** Peak resident memory since the last reset, in bytes (VmHWM). */
  peakRss(): number;
  stop(): Promise<void>;
}

/** The production build (`npm run build`), started as `npm start` does, on `databaseUrl`. */
export async function startServer(databaseUrl: string, port: number): Promise<BenchServer> {
  if (!existsSync(MAIN)) throw new Error('No production build: run `npm run build` first.');
  // BENCH_NODE_ARGS, e.g. `--cpu-prof`, profiles the server under load.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      // Production refuses to start without its secrets, and a database refuses other secrets
      // than those of its first start: fixed ones, for the throwaway loopback bench database.
      JWT_SECRET: benchSecret('jwt'),
      KEYS_ENCRYPTION_KEY: benchSecret('keys'),
      // The admin bench:data created (the same defaults); production has no default password.
      ADMIN_EMAIL: process.env.ADMIN_EMAIL || DEMO_ADMIN.email,
      ADMIN_PASSWORD: process.env.ADMIN_PASSWORD || DEMO_ADMIN.password,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SEED_DEMO: 'false',
      // One JSON line per request costs CPU the product spends in production too, but would
      // make the figures depend on where the log goes; warnings and errors are still logged.
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      LOGIN_MAX_ATTEMPTS: '10000',
      // The pool as configured for the run (default 10), e.g. DB_POOL_SIZE=50 npm run bench.
      ...(process.env.DB_POOL_SIZE ? { DB_POOL_SIZE: process.env.DB_POOL_SIZE } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child, () => output);
  const status = `/proc/${child.pid}/status`;
  return {
    base,
    pid: child.pid!,
    resetPeak: () => writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
    peakRss: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'))![1]) * 1024,
    stop: () => stop(child),
  };
}

/** 32 bytes in base64: a valid JWT_SECRET and KEYS_ENCRYPTION_KEY alike. */
function benchSecret(label: string): string {
  return createHash('sha256').update(`seatkeeper-bench:${label}`).digest('base64');
}

async function waitForHealth(base: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output()}`);
    const up = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become healthy within 60 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
