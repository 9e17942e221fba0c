import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from './platform/config/app-config';
import { requireJsonBody } from './platform/http/validation';

export const BODY_LIMIT = '1mb';

/** HTTP set-up shared by main.ts and the tests, so tests exercise the real app. */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  const { corsOrigins, trustProxy } = app.get(AppConfig);
  express.useLogger(app.get(Logger));
  // Bodies are JSON, else 415 (multipart only for file imports). Any JSON value is parsed, so
  // `null` or `"text"` reaches the validation pipe and is refused there as no JSON object.
  express.use(requireJsonBody(['/api/v1/imports/']));
  express.useBodyParser('json', { limit: BODY_LIMIT, strict: false });
  express.disable('x-powered-by');
  // Behind a reverse proxy the socket's address is the proxy's; TRUST_PROXY names the proxies
  // whose X-Forwarded-For gives req.ip, the client's address (per-IP login throttling).
  express.set('trust proxy', trustProxy);
  // Served over plain http inside many intranets: do not ask browsers to upgrade to https.
  express.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
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
  serveWebApp(express);
  return app;
}

/** Where `npm run build:web` puts the browser app. */
export const WEB_DIST = join(process.cwd(), 'web', 'dist'); // npm scripts run at the package root
const API_PATHS = /^\/(api|health)(\/|$)/;

/**
 * Serves the single-page app at `/` when it is built: its files, and index.html
 * for any other GET outside the API so client-side routes survive a reload.
 */
function serveWebApp(app: NestExpressApplication): void {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(WEB_DIST, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || API_PATHS.test(req.path)) return next();
    res.sendFile(index);
  });
}
