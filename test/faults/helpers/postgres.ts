import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Control of the PostgreSQL server the fault suites share (stop, start, readiness),
 * through the Debian cluster tools. The cluster is `FAULTS_PG_CLUSTER` ("15 main"),
 * by default the first version under /etc/postgresql and its `main` cluster.
 */
const run = promisify(execFile);

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const COMMAND_TIMEOUT_MS = 30_000;

function cluster(): [string, string] {
  const named = process.env.FAULTS_PG_CLUSTER?.trim().split(/\s+/);
  if (named?.length === 2) return [named[0], named[1]];
  const versions = readdirSync('/etc/postgresql').sort();
  if (!versions.length) throw new Error('no PostgreSQL cluster under /etc/postgresql');
  return [versions[versions.length - 1], 'main'];
}

function server(): { host: string; port: string } {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  return { host: url.hostname || '127.0.0.1', port: url.port || '5432' };
}

const ctl = (...args: string[]) =>
  run('pg_ctlcluster', ['--skip-systemctl-redirect', ...cluster(), ...args], { timeout: COMMAND_TIMEOUT_MS });

/** A fast stop: open sessions are terminated (57P01 admin_shutdown), their transactions roll back. */
export async function stopServer(): Promise<void> {
  await ctl('stop', '-m', 'fast');
}

export async function startServer(): Promise<void> {
  await ctl('start');
}

/** Whether the server accepts connections now (pg_isready, 1 s at most). */
export async function isReady(): Promise<boolean> {
  const { host, port } = server();
  try {
    await run('pg_isready', ['-q', '-h', host, '-p', port, '-t', '1'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** Polls pg_isready until it answers; resolves with the moment it did, rejects after `timeoutMs`. */
export async function waitUntilReady(timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isReady()) return Date.now();
    await sleep(100);
  }
  throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms`);
}

/**
 * Makes sure the server runs and accepts connections: for afterAll/finally blocks,
 * so a failed fault test never leaves the server down for the suites after it.
 */
export async function ensureServerUp(timeoutMs = 30_000): Promise<void> {
  if (await isReady()) return;
  try {
    await startServer();
  } catch (error) {
    // "already running" (a start racing ours) is fine; anything else shows in the wait below.
    process.stderr.write(`pg_ctlcluster start: ${(error as Error).message}\n`);
  }
  await waitUntilReady(timeoutMs);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
