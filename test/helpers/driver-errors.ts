import { QueryFailedError } from 'typeorm';
import { translateDatabaseError } from '../../src/platform/database/database-errors';

/** A driver error as node-postgres reports it, wrapped by TypeORM as for a failed `query`. */
export const failed = (query: string, driverError: Record<string, unknown>) =>
  new QueryFailedError(
    query,
    [],
    Object.assign(new Error(String(driverError.message ?? 'failed')), driverError),
  );

/** A CHECK violation of `constraint` by `query`. */
export const check = (constraint: string, query: string, table = 'licenses') =>
  failed(query, { code: '23514', constraint, table });

/** kind, code and details of the translated error, or undefined. */
export const translated = (error: unknown) => {
  const domain = translateDatabaseError(error);
  return domain && { kind: domain.kind, code: domain.code, details: domain.details };
};

export const INSERT_SEAT =
  'INSERT INTO "license_seats"("id", "license_id", "person_id") VALUES (DEFAULT, $1, $2)';
export const UPDATE_LICENSE = 'UPDATE "licenses" SET "quantity" = $1 WHERE "id" IN ($2)';
