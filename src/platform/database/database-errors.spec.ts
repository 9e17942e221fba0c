import { ConflictError, DomainError } from '@libs/errors';
import { databaseOutage, registerConstraintErrors, translateDatabaseError } from './database-errors';
import { check, failed, INSERT_SEAT, translated, UPDATE_LICENSE } from '../../../test/helpers/driver-errors';

describe('translateDatabaseError', () => {
  describe('check violations (23514)', () => {
    it('any other check: 400 naming the rule', () => {
      const error = translateDatabaseError(check('ck_licenses__quantity', UPDATE_LICENSE));
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'invalid', code: 'VALIDATION_FAILED' });
      expect(error!.message).toContain('ck_licenses__quantity');
    });
  });

  describe('unique violations (23505)', () => {
    it('any other unique key: 409 DUPLICATE naming its fields', () => {
      expect(
        translated(
          failed('INSERT INTO "software" ...', {
            code: '23505',
            constraint: 'uq_software__name__version',
            table: 'software',
          }),
        ),
      ).toEqual({ kind: 'conflict', code: 'DUPLICATE', details: { fields: ['name', 'version'] } });
    });
  });

  it("a module's registered constraint answers in that module's words, given the failed statement", () => {
    registerConstraintErrors({
      ck_widgets__stock: (query) => new ConflictError('OUT_OF_WIDGETS', `refused: ${query}`),
    });
    const error = translateDatabaseError(check('ck_widgets__stock', 'UPDATE "widgets" ...', 'widgets'));
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'OUT_OF_WIDGETS',
      message: 'refused: UPDATE "widgets" ...',
    });
  });

  it('foreign keys (23503): 400 UNKNOWN_REFERENCE on a write, 409 IN_USE on a delete', () => {
    const fk = { code: '23503', constraint: 'fk_licenses__software_id', table: 'licenses' };
    expect(translated(failed('INSERT INTO "licenses" ...', fk))).toMatchObject({
      kind: 'invalid',
      code: 'UNKNOWN_REFERENCE',
    });
    expect(
      translated(
        failed('DELETE FROM "software" WHERE ...', {
          ...fk,
          detail: 'is still referenced from table "licenses".',
        }),
      ),
    ).toMatchObject({ kind: 'conflict', code: 'IN_USE', details: { referencedBy: 'license' } });
  });

  it('is no domain error for deadlocks, serialization failures or anything not from a query', () => {
    expect(translateDatabaseError(failed('UPDATE "licenses" ...', { code: '40P01' }))).toBeUndefined();
    expect(translateDatabaseError(failed('UPDATE "licenses" ...', { code: '40001' }))).toBeUndefined();
    expect(translateDatabaseError(new Error('boom'))).toBeUndefined();
  });
});

describe('databaseOutage', () => {
  it('a deadlock or serialization failure left after the retries is 503 DATABASE_BUSY, like a lock timeout', () => {
    for (const code of ['40P01', '40001', '55P03', '57014', '53300']) {
      expect(databaseOutage(failed('UPDATE "licenses" ...', { code }))).toMatchObject({
        code: 'DATABASE_BUSY',
      });
    }
  });

  it('an unreachable server is DATABASE_UNAVAILABLE; a constraint violation is no outage', () => {
    expect(databaseOutage(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
    });
    expect(databaseOutage(failed(INSERT_SEAT, { code: '23505' }))).toBeUndefined();
  });
});
