import {
  ArgumentMetadata,
  ParseUUIDPipe,
  Param,
  ValidationError as ClassValidatorError,
  ValidationPipe,
} from '@nestjs/common';
import { ValidationError } from '@libs/errors';

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

/** Problems of a body or query that class-transformer cannot be trusted with, by top-level field. */
function rawInputProblems(value: unknown, whole: string): Record<string, string[]> {
  const isRecord = value !== null && typeof value === 'object' && !Array.isArray(value);
  const parts: [string, unknown, number][] = isRecord
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
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are refused, types converted, every problem listed. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      const fields = Object.keys(details);
      return new ValidationError(`Invalid input: ${fields.join(', ')}.`, details);
    },
  });
}

/** A path parameter that must be a UUID; anything else is a 400, not a 404 or 500. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new ValidationError(`${name} must be a UUID.`, { [name]: ['must be a UUID'] }, 'INVALID_ID'),
    }),
  );
