import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * The app as a real process: starts src/main.ts as `npm start` would (through
 * ts-node, so no build is needed), waits for its start-up banner, and stops it
 * with SIGTERM.
 */
const REPO_ROOT = resolve(__dirname, '..', '..');
const BANNER = 'Seatkeeper is running';

export interface AppProcess {
  child: ChildProcess;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => done(port));
      });
  });
}

/**
 * Starts the app on a free port with `env` (on top of PATH, PORT and LOG_LEVEL=info)
 * and resolves once its banner is printed. A process that exits or stays silent
 * past `timeoutMs` is killed and the start rejects with its output.
 */
export async function startApp(
  env: Record<string, string>,
  { timeoutMs = 90_000 }: { timeoutMs?: number } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'src/main.ts'],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));

  await new Promise<void>((done, fail) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      if (error) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        fail(error);
      } else done();
    };
    const onData = () => {
      if (out.includes(BANNER)) finish();
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`the app exited (${code ?? signal}) before it started:\n${out}`));
    const timer = setTimeout(
      () => finish(new Error(`the app did not start within ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => out };
}

/**
 * Stops the app with SIGTERM and resolves with its exit code; a process still
 * running after `timeoutMs` is killed (SIGKILL) and the exit code is null.
 */
export function stopApp(run: AppProcess, timeoutMs = 20_000): Promise<number | null> {
  const { child } = run;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
    child.kill('SIGTERM');
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Resolves when the process has exited, or with null once `timeoutMs` passed and it
 * still runs (it is left running: the caller decides what to do with it).
 */
export function exited(run: AppProcess, timeoutMs: number): Promise<Exit | null> {
  const { child } = run;
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((done) => {
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      done({ code, signal });
    };
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      done(null);
    }, timeoutMs);
    child.once('exit', onExit);
  });
}

/** Whether the process is still running. */
export const isRunning = (run: AppProcess): boolean =>
  run.child.exitCode === null && run.child.signalCode === null;

/**
 * The environment of app processes sharing one test database: the same fresh secrets (a
 * token of one is valid at all), the test admin, no demo data, warnings only.
 */
export function sharedAppEnv(
  db: { databaseUrl: string; dataDir: string },
  admin: { email: string; password: string },
): Record<string, string> {
  return {
    DATABASE_URL: db.databaseUrl,
    DATA_DIR: db.dataDir,
    SEED_DEMO: 'false',
    JWT_SECRET: randomBytes(32).toString('hex'),
    KEYS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
  };
}
