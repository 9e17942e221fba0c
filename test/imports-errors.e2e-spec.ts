import ExcelJS from 'exceljs';
import { AuditService } from '../src/access/audit/audit.service';
import { Api, createTestApp, expectError, TestApp } from './helpers/test-app';
import { factories } from './helpers/factories';

/**
 * Imports that go wrong: every problem of a file at once and nothing written, dry
 * runs, files that are no import at all, the limits, who may import, the audit
 * trail, and a failure in the middle of the writing.
 */
interface Problem {
  row: number;
  column: string;
  field: string;
  value: string | null;
  message: string;
}

describe('imports: problems, limits, permissions and audit', () => {
  let t: TestApp;
  let make: ReturnType<typeof factories>;

  const upload = (entity: string, file: Buffer | string, name = 'file.csv', query = '', api: Api = t.admin) =>
    api
      .post(`/api/v1/imports/${entity}${query}`)
      .attach('file', Buffer.isBuffer(file) ? file : Buffer.from(file), name);
  const countPersons = async (q: string) =>
    (await t.admin.get(`/api/v1/persons?q=${q}`)).body.total as number;

  beforeAll(async () => {
    t = await createTestApp();
    make = factories(t.admin);
    await make.orgUnit({ name: 'IT', code: 'IT' });
    await make.person({ email: 'taken@example.com', employeeNumber: 'E-1' });
  });
  afterAll(() => t.close());

  describe('a file with problems', () => {
    it('lists every problem of every row, with row, column, value and message, and writes nothing', async () => {
      const csv = [
        'Email,First name,Last name,Employee number,Org unit,Location,Active',
        'ok.row@example.com,Ok,Row,,IT,,yes', // row 2: fine, yet not written
        'not-an-email,Bad,Email,,,,', // row 3
        'no.last@example.com,No,,,,,', // row 4: required cell empty
        'unknown.unit@example.com,Un,Known,,NOPE,Mars/Base,maybe', // row 5: three problems
        '',
        'OK.ROW@example.com,Again,Dup,,,,', // row 7: same email as row 2
        'numbers@example.com,Num,Ber,E-1,,,', // row 8: employee number of another person
      ].join('\r\n');
      const res = await upload('persons', csv);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ entity: 'persons', rows: 6, created: 0, updated: 0, errorCount: 7 });
      const errors = res.body.errors as Problem[];
      expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
        [3, 'Email', 'not-an-email'],
        [4, 'Last name', null],
        [5, 'Org unit', 'NOPE'],
        [5, 'Location', 'Mars/Base'],
        [5, 'Active', 'maybe'],
        [7, 'Email', 'OK.ROW@example.com'],
        [8, 'Employee number', 'E-1'],
      ]);
      // field: the API field the column fills, camelCase; a reference its id.
      expect(errors.map((e) => e.field)).toEqual([
        'email',
        'lastName',
        'orgUnitId',
        'locationId',
        'active',
        'email',
        'employeeNumber',
      ]);
      expect(errors[0].message).toBe('Email must be an email.');
      expect(errors[1].message).toBe('Last name is required for a new person.');
      expect(errors[2].message).toBe('No org unit has the code "NOPE".');
      expect(errors[3].message).toMatch(/No location has the path "Mars\/Base"/);
      expect(errors[4].message).toBe('Must be yes or no.');
      expect(errors[5].message).toBe('Duplicate: row 2 has the same email.');
      expect(errors[6].message).toBe('Employee number "E-1" belongs to taken@example.com.');
      expect(await countPersons('ok.row')).toBe(0);
    });

    it('checks each column with the API rules: lengths, enumerations, integers, dates, amounts', async () => {
      const csv =
        'Name,Metric,Quantity,Expiration date,Net unit price,VAT %,Currency,Max activations per user\n' +
        `${'x'.repeat(201)},per_seat,-1,2026-02-30,-5,101,EURO,0\n` +
        'Fine,per_user,1.5,31.12.2026,0.125,19,usd,1\n';
      const res = await upload('licenses', csv);
      const errors = (res.body.errors as Problem[]).map((e) => [e.row, e.column, e.message]);
      expect(errors).toEqual([
        [2, 'Name', 'Name must be shorter than or equal to 200 characters.'],
        [2, 'Metric', 'Must be one of: per_user, per_device.'],
        [2, 'Quantity', 'Quantity must not be less than 0.'],
        [2, 'Expiration date', 'Must be a date written YYYY-MM-DD or DD.MM.YYYY, or an Excel date cell.'],
        [2, 'Currency', 'Currency must be an ISO 4217 code of 3 uppercase letters, e.g. "EUR".'],
        [
          2,
          'Net unit price',
          'Net unit price must be a decimal string >= 0 with at most 2 decimals, e.g. "1234.50".',
        ],
        [2, 'VAT %', 'VAT % must be a decimal string between 0 and 100 with at most 2 decimals, e.g. "19".'],
        [2, 'Max activations per user', 'Max activations per user must not be less than 1.'],
        [3, 'Quantity', 'Must be a whole number.'],
        [
          3,
          'Net unit price',
          'Net unit price must be a decimal string >= 0 with at most 2 decimals, e.g. "1234.50".',
        ],
      ]);
    });

    it('reports an xlsx error cell and a row with no holder or two', async () => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('Seats');
      sheet.addRow(['License', 'Person email', 'Asset inventory number']);
      sheet.addRow([{ error: '#N/A' }, 'a@example.com', null]);
      sheet.addRow(['Some license', null, null]);
      sheet.addRow(['Some license', 'a@example.com', 'INV-1']);
      const res = await upload('seats', Buffer.from(await wb.xlsx.writeBuffer()), 'seats.xlsx');
      expect((res.body.errors as Problem[]).map((e) => [e.row, e.column, e.value, e.message])).toEqual([
        [2, 'License', '#N/A', 'The cell holds the error #N/A.'],
        [2, 'Person email', 'a@example.com', 'No person has the email "a@example.com".'],
        [3, 'License', 'Some license', 'No license has the name "Some license".'],
        [
          3,
          'Person email',
          null,
          'Fill in Person email (per_user license) or Asset inventory number (per_device license).',
        ],
        [4, 'License', 'Some license', 'No license has the name "Some license".'],
        [4, 'Person email', 'a@example.com', 'No person has the email "a@example.com".'],
        [4, 'Asset inventory number', 'INV-1', 'Fill in Person email or Asset inventory number, not both.'],
        [4, 'Asset inventory number', 'INV-1', 'No asset has the inventory number "INV-1".'],
      ]);
    });
  });

  describe('dry run', () => {
    it('says what would be created and writes nothing', async () => {
      const csv = 'Email,First name,Last name\ndry.one@example.com,Dry,One\ndry.two@example.com,Dry,Two\n';
      const res = await upload('persons', csv, 'dry.csv', '?dryRun=true');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entity: 'persons',
        dryRun: true,
        rows: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
        errorCount: 0,
        errors: [],
      });
      expect(await countPersons('dry.')).toBe(0);
      const bad = await upload(
        'persons',
        'Email,First name,Last name\nx,Dry,One\n',
        'dry.csv',
        '?dryRun=true',
      );
      expect(bad.body).toMatchObject({ dryRun: true, created: 0, errorCount: 1 });
      expectError(await upload('persons', csv, 'dry.csv', '?dryRun=yes'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('files that are no import', () => {
    it('answers 400 naming the columns when the header does not fit', async () => {
      const res = await upload('persons', 'Mail,First name,Shoe size\nx@example.com,A,42\n');
      const body = expectError(res, 400, 'HEADER_MISMATCH');
      // Only the key column must be in the header; other required values are asked for per new row.
      expect(body.message).toMatch(/unknown columns: Mail, Shoe size; missing required columns: Email\.$/);
      expect(body.details).toMatchObject({ unknown: ['Mail', 'Shoe size'], missing: ['Email'] });
      expect(body.details.expected).toContain('Employee number');

      const twice = expectError(
        await upload('persons', 'Email,email,First name,Last name\n'),
        400,
        'HEADER_MISMATCH',
      );
      expect(twice.details.duplicate).toEqual(['email']);
      const seats = expectError(await upload('seats', 'License\nOffice\n'), 400, 'HEADER_MISMATCH');
      expect(seats.details.missing).toEqual(['Person email or Asset inventory number']);
      const unnamed = expectError(
        await upload('persons', 'Email,First name,Last name\nx@example.com,A,B,stray\n'),
        400,
        'HEADER_MISMATCH',
      );
      expect(unnamed.details.unnamed).toEqual(['D']);
      // Header names are matched loosely: case, blanks, the API's field names.
      const loose = await upload('persons', 'EMAIL,firstName, last_name \nloose@example.com,Lo,Ose\n');
      expect(loose.body).toMatchObject({ created: 1, errors: [] });
    });

    it('answers 400 for an empty file, a header without rows, a missing file or a file of another kind', async () => {
      expectError(await upload('persons', ''), 400, 'EMPTY_FILE');
      expectError(await upload('persons', '\uFEFF\r\n'), 400, 'EMPTY_FILE');
      expectError(await upload('persons', 'Email,First name,Last name\r\n'), 400, 'NO_ROWS');
      expectError(await t.admin.post('/api/v1/imports/persons'), 400, 'FILE_REQUIRED');
      expectError(
        await t.admin.post('/api/v1/imports/persons').attach('upload', Buffer.from('x'), 'x.csv'),
        400,
        'INVALID_UPLOAD',
      );
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
      expectError(await upload('persons', png, 'persons.csv'), 400, 'UNSUPPORTED_FILE');
      expectError(
        await upload('persons', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]), 'p.xlsx'),
        400,
        'INVALID_XLSX',
      );
      expectError(await upload('nothing', 'a\nb\n'), 404, 'NOT_FOUND');
      expectError(await t.admin.post('/api/v1/imports/undefined').send({}), 404, 'NOT_FOUND');
    });
  });

  describe('limits', () => {
    it('refuses a file over 20 MB with 413 in the error shape', async () => {
      const big = Buffer.alloc(20 * 1024 * 1024 + 1, 'a');
      const body = expectError(await upload('persons', big, 'big.csv'), 413, 'FILE_TOO_LARGE');
      expect(body.message).toMatch(/20 MB/);
      expect(body.details).toEqual({ limitBytes: 20 * 1024 * 1024 });
    });

    it('refuses more than 100,000 data rows with 400, before writing anything', async () => {
      const lines = ['Email,First name,Last name'];
      for (let i = 0; i <= 100_000; i++) lines.push(`r${i}@x.io,A,B`);
      const body = expectError(await upload('persons', lines.join('\n')), 400, 'TOO_MANY_ROWS');
      expect(body.details).toEqual({ limit: 100_000 });
      expect(await countPersons('x.io')).toBe(0);
    });
  });

  describe('who may import', () => {
    it('lets only asset managers and admins download templates and import', async () => {
      const unit = await make.orgUnit();
      const csv = 'Email,First name,Last name\nrole.check@example.com,Ro,Le\n';
      for (const api of [await t.as('finance'), await t.as('department_head', unit.id)]) {
        expectError(await api.get('/api/v1/imports/persons/template'), 403, 'FORBIDDEN');
        expectError(await upload('persons', csv, 'p.csv', '', api), 403, 'FORBIDDEN');
      }
      expectError(await t.http.get('/api/v1/imports/persons/template'), 401);
      expectError(
        await t.http.post('/api/v1/imports/persons').attach('file', Buffer.from(csv), 'p.csv'),
        401,
      );
      expect(await countPersons('role.check')).toBe(0);

      const manager = await t.as('asset_manager');
      expect((await manager.get('/api/v1/imports/persons/template')).status).toBe(200);
      expect((await upload('persons', csv, 'p.csv', '', manager)).body).toMatchObject({ created: 1 });
    });
  });

  describe('audit', () => {
    it('records the import (who, file, counts) and each record it created', async () => {
      const manager = await t.as('asset_manager');
      const csv = 'Email,First name,Last name\naudit.one@example.com,Au,One\naudit.two@example.com,Au,Two\n';
      await upload('persons', csv, 'people-ä.csv', '', manager).expect(200);
      const events = (await t.admin.get(`/api/v1/audit-events?entity=import&actorId=${manager.userId}`)).body
        .items;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'import',
        entity: 'import',
        actorId: manager.userId,
        after: {
          entity: 'persons',
          fileName: 'people-ä.csv',
          format: 'csv',
          rows: 2,
          created: 2,
          updated: 0,
          unchanged: 0,
        },
      });
      const created = (
        await t.admin.get(`/api/v1/audit-events?entity=person&action=create&actorId=${manager.userId}`)
      ).body.items;
      expect(created.map((e: { after: { email: string } }) => e.after.email).sort()).toEqual([
        'audit.one@example.com',
        'audit.two@example.com',
      ]);
      // A dry run, or a file with problems, leaves no event.
      await upload('persons', csv.replace(/audit/g, 'audit2'), 'p.csv', '?dryRun=true', manager).expect(200);
      await upload('persons', 'Email,First name,Last name\nbad,A,B\n', 'p.csv', '', manager).expect(200);
      expect(
        (await t.admin.get(`/api/v1/audit-events?entity=import&actorId=${manager.userId}`)).body.total,
      ).toBe(1);
    });
  });

  describe('one transaction', () => {
    it('leaves the database as it was when the import fails after its rows were written', async () => {
      const audit = t.app.get(AuditService);
      const spy = jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('crash after the writes'));
      try {
        const csv =
          'Email,First name,Last name\ncrash.one@example.com,Cr,One\ncrash.two@example.com,Cr,Two\n';
        const res = await upload('persons', csv);
        expectError(res, 500, 'INTERNAL_ERROR');
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
      expect(await countPersons('crash.')).toBe(0);
      const events = (await t.admin.get('/api/v1/audit-events?entity=person&q=crash.one')).body;
      expect(events.total).toBe(0);
    });
  });
});
