import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Params } from 'nestjs-pino';
import { AppConfig } from './config/app-config';

// Asynchronous writes keep logging off the request path; flushLogs() drains them.
const destination = pino.destination({ dest: 1, sync: false });

/** Structured JSON logs: one line a request, tied together by a request id the client may send. */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        genReqId: (req, res) => {
          const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
          res.setHeader('x-request-id', id);
          return id;
        },
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        // The client's address as Express sees it (TRUST_PROXY), not the proxy's.
        customProps: (req) => ({ clientIp: (req as Request).ip }),
        customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      },
      destination,
    ],
  };
}

export function flushLogs(): Promise<void> {
  return new Promise((resolve) => destination.flush(() => resolve()));
}
