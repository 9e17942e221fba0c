import { ApiError } from '../api/client';

/**
 * Puts an API refusal at the fields: a 400's `details` ({field: [messages]}) or a 409
 * DUPLICATE's `details.fields`. Returns the general message for the form's alert.
 */
export function fieldErrorsOf(err: unknown): { fields: Record<string, string>; message: string } {
  if (!(err instanceof ApiError)) return { fields: {}, message: String(err) };
  const fields = { ...err.fieldErrors };
  const dup = (err.body.details as { fields?: unknown } | undefined)?.fields;
  if (err.status === 409 && Array.isArray(dup)) for (const f of dup) fields[String(f)] = err.message;
  return { fields, message: err.message };
}
