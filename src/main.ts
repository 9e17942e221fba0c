import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { INestApplication, Logger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as JsonLogger, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import type { Request, Response, NextFunction } from 'express';
import { AppModule } from './app.module';
import { configureApp, WEB_DIST } from './app.setup';
import { AppConfig, ConfigError } from './platform/config/app-config';
import { CreatedLogin, SeedService, StartupLogins } from './io/seed/seed.service';
import { flushLogs } from './platform/logging';

async function bootstrap() {
  // A failure while the modules are built comes back here instead of ending the process
  // inside Nest, and what Nest logged meanwhile waits for the logger set below.
  const app = configureApp(
    await NestFactory.create(AppModule, { bufferLogs: true, autoFlushLogs: false, abortOnError: false }),
  );
  app.useLogger(new StartupChatterAtDebug(app.get(JsonLogger)));
  app.flushLogs();
  const config = app.get(AppConfig);
  const uiBuilt = existsSync(join(WEB_DIST, 'index.html'));
  if (!uiBuilt) explainMissingUi(app as NestExpressApplication);
  await app.init();
  const logins = await app.get(SeedService).run();
  await app.listen(config.port);
  // Into the logs' own stream (stdout), so that it comes out below every line logged
  // before it: written past that stream, it could overtake lines still in its buffer.
  (PinoLogger.root as unknown as Record<symbol, NodeJS.WritableStream>)[pino.symbols.streamSym].write(
    banner(config, logins, uiBuilt),
  );
  stopGracefullyOnSignals(app);
}

/**
 * Nest logs a line per module and per route at start (about 150): at info they push the
 * banner out of view. They go to debug (LOG_LEVEL=debug shows them); all else passes through.
 */
const STARTUP_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

class StartupChatterAtDebug implements LoggerService {
  constructor(private readonly logger: JsonLogger) {}

  log(message: unknown, ...params: unknown[]) {
    if (STARTUP_CHATTER.has(params.at(-1) as string)) this.logger.debug(message, ...params);
    else this.logger.log(message, ...params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.logger.error(message, ...params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.logger.warn(message, ...params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.logger.debug(message, ...params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.logger.verbose(message, ...params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.logger.fatal(message, ...params);
  }
}

/** `npm start` builds the web UI when it can; without it `/` says so instead of a bare 404. */
function explainMissingUi(app: NestExpressApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path !== '/') return next();
    res
      .status(404)
      .type('html')
      .send(
        '<!doctype html><title>Seatkeeper</title><h1>Seatkeeper</h1>' +
          '<p>The web UI is not built: run <code>npm run build:web</code> and restart. ' +
          'The API works without it: <a href="/api/docs">/api/docs</a>.</p>',
      );
  });
}

function banner(config: AppConfig, { created, kept }: StartupLogins, uiBuilt: boolean): string {
  const url = `http://localhost:${config.port}`;
  const login = ({ role, email, password }: CreatedLogin) =>
    `    ${role.padEnd(16)} ${email}  ${password === null ? '(the password from ADMIN_PASSWORD)' : `/  ${password}`}`;
  const lines = [
    '',
    `Seatkeeper is running at ${url}`,
    `  web UI:    ${uiBuilt ? `${url}/` : 'not built (npm run build:web), the API works without it'}`,
    `  API docs:  ${url}/api/docs`,
    `  database:  ${config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`}`,
    '  logins:',
    ...created.map(login),
    ...(kept ? ['    existing accounts kept (passwords not shown)'] : []),
    '',
  ];
  return lines.join('\n') + '\n';
}

function stopGracefullyOnSignals(app: INestApplication): void {
  const closing = trackResponses(app.getHttpServer() as Server);
  // Graceful stop: refuse new connections, let running requests finish, close the database.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      const logger = new Logger('Shutdown');
      logger.log(`${signal} received, closing`);
      closing();
      // Past this the process exits anyway (orchestrators kill at 10 s): a request still
      // running then is cut, and its transaction rolls back with the connection.
      setTimeout(() => {
        logger.error(`still busy ${SHUTDOWN_GRACE_MS} ms after ${signal}, exiting`);
        void flushLogs().finally(() => process.exit(1));
      }, SHUTDOWN_GRACE_MS).unref();
      void app
        .close()
        .then(async () => {
          logger.log('closed cleanly');
          await flushLogs();
          process.exit(0);
        })
        .catch((error) => {
          logger.error(error);
          process.exit(1);
        });
    });
  }
}

const SHUTDOWN_GRACE_MS = 9000;

/**
 * Keeps the responses not yet sent. The returned function, called on shutdown, makes
 * each of them and every later one end its keep-alive connection (`Connection:
 * close`). Without it the HTTP server only closes connections idle at that moment:
 * a client reusing its connections keeps the server, and the process, open for good.
 */
function trackResponses(server: Server): () => void {
  const pending = new Set<ServerResponse>();
  let closing = false;
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) return closeAfter(res);
    pending.add(res);
    res.once('close', () => pending.delete(res));
  });
  return () => {
    closing = true;
    pending.forEach(closeAfter);
  };
}

bootstrap().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Seatkeeper failed to start: ${error?.stack ?? error}\n`);
  }
  process.exit(1);
});
