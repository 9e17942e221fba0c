import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { DomainError } from '@libs/errors';
import { MAX_IMPORT_BYTES } from './import-limits';
import { ImportErrorCode } from './imports.errors';

/**
 * Puts multer's refusals (bound after this interceptor) into the contract's words:
 * a file over the limit is 413 FILE_TOO_LARGE, a malformed upload 400 INVALID_UPLOAD.
 */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => translate(error))));
  }
}

function translate(error: unknown): unknown {
  if (error instanceof PayloadTooLargeException) {
    return new DomainError(
      'too_large',
      ImportErrorCode.FILE_TOO_LARGE,
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files.`,
      { limitBytes: MAX_IMPORT_BYTES },
    );
  }
  if (error instanceof BadRequestException) {
    return new DomainError(
      'invalid',
      ImportErrorCode.INVALID_UPLOAD,
      `Send one file as multipart/form-data in the field "file" (${error.message.replace(/\.$/, '')}).`,
    );
  }
  return error;
}
