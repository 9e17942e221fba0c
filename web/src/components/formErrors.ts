import { ApiError } from '../api/client';

/**
 * Puts an API refusal at the fields: a 400's `details` ({field: [messages]}), a 409
 * DUPLICATE's `details.fields`, or a 409 whose `code` the form maps to the field it is
 * about (`conflictFields`, e.g. QUANTITY_BELOW_USE → quantity). Returns the general
 * message for the form's alert.
 */
export function fieldErrorsOf(
  err: unknown,
  conflictFields: Readonly<Record<string, string>> = {},
): { fields: Record<string, string>; message: string } {
  if (!(err instanceof ApiError)) return { fields: {}, message: String(err) };
  const fields = { ...err.fieldErrors };
  if (err.status === 409) {
    const dup = (err.body.details as { fields?: unknown } | undefined)?.fields;
    if (Array.isArray(dup)) for (const f of dup) fields[String(f)] = err.message;
    const about = err.code && conflictFields[err.code];
    if (about) fields[about] = err.message;
  }
  return { fields, message: err.message };
}
