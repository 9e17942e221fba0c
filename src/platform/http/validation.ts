import {
  ArgumentMetadata,
  ParseUUIDPipe,
  Param,
  ValidationError as ClassValidatorError,
  ValidationPipe,
} from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { ValidatorOptions } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';
import { CommonErrorCode, DomainError, ValidationError } from '@libs/errors';

/** Flattens class-validator's tree into `{ "field.sub": ["problem", …] }`. */
export function fieldProblems(errors: ClassValidatorError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      out[path] = Object.entries(e.constraints).map(([name, text]) =>
        name === 'whitelistValidation' ? 'is not a known field' : text,
      );
    }
    Object.assign(out, fieldProblems(e.children ?? [], path));
  }
  return out;
}

/**
 * Deeper than any DTO goes. class-transformer (and the pipe's own proto-key
 * stripping) recurse once per level and overflow the stack near 3,000 levels,
 * which a 1 MB JSON body easily reaches: that was a 500.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * A UTF-16 half of a pair standing alone: JSON may carry one ("\ud800"), UTF-8
 * cannot. validator.js's isEmail threw a URIError on it (a 500), and the database
 * would silently store U+FFFD instead.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with a raw JSON value, walked without recursion (the point is surviving deep input). */
function rawInputProblem(value: unknown, depth: number): string | undefined {
  const stack: [unknown, number][] = [[value, depth]];
  while (stack.length) {
    const [node, level] = stack.pop()!;
    if (typeof node === 'string' && LONE_SURROGATE.test(node))
      return 'must not contain a lone surrogate (invalid Unicode)';
    if (node === null || typeof node !== 'object') continue;
    if (level >= MAX_INPUT_DEPTH) return `must not be nested more than ${MAX_INPUT_DEPTH} levels deep`;
    for (const child of Object.values(node)) stack.push([child, level + 1]);
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Problems of a body or query that class-transformer cannot be trusted with, by top-level field. */
function rawInputProblems(value: unknown, whole: string): Record<string, string[]> {
  const parts: [string, unknown, number][] = isRecord(value)
    ? Object.entries(value).map(([field, v]): [string, unknown, number] => [field, v, 1])
    : [[whole, value, 0]];
  const problems: Record<string, string[]> = {};
  for (const [field, v, depth] of parts) {
    const problem = rawInputProblem(v, depth);
    if (problem) problems[field] = [problem];
  }
  return problems;
}

/** ValidationPipe that first refuses a body or query it could not transform safely, naming the fields. */
class InputValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only client JSON: an uploaded file (a custom parameter) is a Buffer, never walked byte by byte.
    if (metadata.type === 'body' || metadata.type === 'query') {
      const details = rawInputProblems(value, metadata.type);
      const fields = Object.keys(details);
      if (fields.length) throw new ValidationError(`Invalid input: ${fields.join(', ')}.`, details);
    }
    // Valid JSON that is no object (`null`, `[]`, `"text"`) has no fields to read. No body at all
    // stays a DTO without fields, each required one named.
    if (metadata.type === 'body' && value !== undefined && !isRecord(value)) {
      throw new ValidationError('The request body must be a JSON object.', {
        body: ['must be a JSON object'],
      });
    }
    return super.transform(value, metadata);
  }
}

/**
 * How every DTO is checked, by the global pipe and by imports alike: unknown fields are
 * refused, and each field reports its first problem only (`quantity: "a"` is not a whole
 * number; that it is not between 0 and 1,000,000 follows from that). Validators run in the
 * order they are registered; decorators register bottom-up, so a field's type check goes
 * nearest the property or first in an `applyDecorators` list (the shared field decorators).
 */
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: true,
};

/** The global pipe: types converted, then VALIDATOR_OPTIONS; every field with a problem is listed. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      const fields = Object.keys(details);
      return new ValidationError(`Invalid input: ${fields.join(', ')}.`, details);
    },
  });
}

/** A path parameter that must be a UUID, documented so; anything else is a 400, not a 404 or 500. */
export const UuidParam =
  (name = 'id'): ParameterDecorator =>
  (target, method, index) => {
    const pipe = new ParseUUIDPipe({
      exceptionFactory: () =>
        new ValidationError(
          `${name} must be a UUID.`,
          { [name]: ['must be a UUID'] },
          CommonErrorCode.INVALID_ID,
        ),
    });
    Param(name, pipe)(target, method, index);
    // Parameter decorators run before the method's own, so its descriptor is there to document on.
    if (method !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, method)!;
      ApiParam({ name, type: String, format: 'uuid' })(target, method, descriptor);
    }
  };

/**
 * Express middleware: a request body must be JSON, else 415, so a form post or plain text
 * is refused instead of reaching a route as an empty body. Multipart is let through on the
 * paths starting with one of `multipartPaths` (file uploads). An empty body passes, whatever its type.
 */
export function requireJsonBody(multipartPaths: readonly string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const length = req.headers['content-length'];
    const empty =
      req.headers['transfer-encoding'] === undefined && (length === undefined || Number(length) === 0);
    const type = req.is(['application/json', 'multipart/form-data']);
    const multipartHere = multipartPaths.some((path) => req.path.startsWith(path));
    if (empty || type === 'application/json' || (type === 'multipart/form-data' && multipartHere)) {
      return next();
    }
    const accepted = multipartHere ? ['application/json', 'multipart/form-data'] : ['application/json'];
    const message = `Send the request body as ${accepted.join(' or ')}.`;
    const contentType = req.headers['content-type'] ?? null;
    next(
      new DomainError('unsupported_media', CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, message, {
        contentType,
        accepted,
      }),
    );
  };
}
