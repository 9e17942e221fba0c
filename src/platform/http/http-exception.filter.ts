import {
  applyDecorators,
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { CommonErrorCode, DomainError, ErrorKind } from '@libs/errors';
import { databaseOutage, translateDatabaseError } from '../database/database-errors';

const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  too_large: 413,
  unsupported_media: 415,
};

const CODE_OF: Record<number, string> = {
  400: CommonErrorCode.BAD_REQUEST,
  401: CommonErrorCode.UNAUTHORIZED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  405: CommonErrorCode.METHOD_NOT_ALLOWED,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  415: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: CommonErrorCode.TOO_MANY_REQUESTS,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  details: Record<string, unknown>;
}

/** The error shape in the OpenAPI document. */
export class ApiErrorDto implements ErrorBody {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'Invalid input: quantity.' }) message: string;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'machine-readable; stable across versions' })
  code: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { quantity: ['quantity must be an integer number'] },
    description:
      'by code: each invalid field and its problem (400), the conflicting fields or numbers (409), …',
  })
  details: Record<string, unknown>;
}

const ERROR_MEANING = {
  400: 'invalid input: details names each field and its problem',
  401: 'no valid bearer token',
  403: 'the role or org-unit scope does not allow this',
  404: 'no such record (or not visible to the caller)',
  409: 'conflict with the current state: duplicate value, record in use, seats exhausted',
  413: 'request body over 1 MB',
  415: 'request body not JSON',
  422: 'a business rule refused the request',
} satisfies Record<number, string>;

/** Documents the error answers a route (or every route of a controller) may give, all in the error shape. */
export function ApiErrorResponses(...statuses: (keyof typeof ERROR_MEANING)[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, type: ApiErrorDto, description: ERROR_MEANING[status] }),
    ),
  );
}

/**
 * The one place errors become HTTP answers in the contract's shape. Anything that
 * is not a known error stays a 500, is logged with the request id, and shows the
 * client no stack and no SQL.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception, request);
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request & { id?: string }): ErrorBody {
    const domain = exception instanceof DomainError ? exception : translateDatabaseError(exception);
    if (domain) return shape(STATUS_OF[domain.kind], domain.code, domain.message, domain.details);

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message =
        typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
      return shape(status, CODE_OF[status] ?? `HTTP_${status}`, sentence(message), {});
    }

    // Errors of Express middleware (body-parser's 413, malformed JSON) carry their status.
    if (isClientHttpError(exception)) {
      return shape(
        exception.status,
        CODE_OF[exception.status] ?? `HTTP_${exception.status}`,
        sentence(exception.message),
        {},
      );
    }

    // The database is down, restarting or overloaded: not the client's fault, and worth a retry.
    const outage = databaseOutage(exception);
    if (outage) {
      // One short line a request, no stack: an outage fails every request alike.
      const reason = exception instanceof Error ? exception.message : String(exception);
      this.logger.warn({ requestId: request.id, reason }, outage.code);
      return shape(HttpStatus.SERVICE_UNAVAILABLE, outage.code, outage.message, {});
    }

    this.logger.error(
      { err: exception, requestId: request.id, method: request.method, url: request.url },
      'Unhandled error',
    );
    return shape(
      HttpStatus.INTERNAL_SERVER_ERROR,
      CommonErrorCode.INTERNAL_ERROR,
      'Something went wrong on our side.',
      {
        requestId: request.id,
      },
    );
  }
}

function shape(
  statusCode: number,
  code: string,
  message: string,
  details: Record<string, unknown>,
): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, code, details };
}

function isClientHttpError(e: unknown): e is { status: number; message: string } {
  const status = (e as { status?: unknown })?.status;
  return (
    (e as { expose?: unknown })?.expose === true &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  );
}

function sentence(message: unknown): string {
  const text = Array.isArray(message) ? message.join('; ') : String(message);
  return text.endsWith('.') ? text : `${text}.`;
}
