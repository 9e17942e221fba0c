import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import helmet from 'helmet';
import { AppConfig } from './config/app-config';

export const BODY_LIMIT = '1mb';

/** HTTP set-up shared by main.ts and the tests, so tests exercise the real app. */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.disable('x-powered-by');
  express.use(helmet());
  const { corsOrigins } = app.get(AppConfig);
  if (corsOrigins.length) app.enableCors({ origin: corsOrigins.includes('*') ? true : corsOrigins });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Seatkeeper')
      .setDescription('Software-license register: licenses, seats, persons, assets and catalogs.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
