import 'reflect-metadata';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig, ConfigError } from './config/app-config';
import { SeedService } from './seed/seed.service';
import { flushLogs } from './common/logging';

async function bootstrap() {
  const app = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  const config = app.get(AppConfig);
  await app.init();
  const logins = await app.get(SeedService).run();
  await app.listen(config.port);
  await flushLogs();

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Seatkeeper is running at ${url}`,
    `  API docs:  ${url}/api/docs`,
    `  database:  ${config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`}`,
    ...(logins.length
      ? ['  logins:', ...logins.map((l) => `    ${l.role.padEnd(16)} ${l.email}  /  ${l.password}`)]
      : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');

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
