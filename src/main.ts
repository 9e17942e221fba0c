import 'reflect-metadata';
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

  // Graceful stop: refuse new connections, let running requests finish, close the database.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      const logger = new Logger('Shutdown');
      logger.log(`${signal} received, closing`);
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

bootstrap().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Seatkeeper failed to start: ${error?.stack ?? error}\n`);
  }
  process.exit(1);
});
