import { ParseUUIDPipe, Param, ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
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

/** The global pipe: unknown fields are refused, types converted, every problem listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
