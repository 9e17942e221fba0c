import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { createTestApp, expectError, TestApp } from './helpers/test-app';
import { factories } from './helpers/factories';
import { binary, workbookOf } from './helpers/files';

/**
 * Imports, file by file as a client sends them: templates downloaded and filled in,
 * files built here with exceljs or as strings, and what was written read back
 * through the API.
 */

const bufferOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** The values of a worksheet row, 1-based columns made 0-based. */
const valuesOf = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);

interface ImportResult {
  entity: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: { row: number; column: string; field: string; value: string | null; message: string }[];
}

describe('imports', () => {
  let t: TestApp;
  let make: ReturnType<typeof factories>;

  const upload = async (entity: string, file: Buffer | string, name: string, query = '') => {
    const res = await t.admin
      .post(`/api/v1/imports/${entity}${query}`)
      .attach('file', Buffer.isBuffer(file) ? file : Buffer.from(file, 'utf8'), name);
    return res;
  };
  const imported = async (entity: string, file: Buffer | string, name: string, query = '') => {
    const res = await upload(entity, file, name, query);
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: [] });
    return res.body as ImportResult;
  };
  const personByEmail = async (email: string) => {
    const res = await t.admin.get(`/api/v1/persons?email=${encodeURIComponent(email)}`);
    return res.body.items[0] as Record<string, unknown> | undefined;
  };
  const licenseByName = async (name: string) => {
    const res = await t.admin.get(`/api/v1/licenses?q=${encodeURIComponent(name)}&pageSize=500`);
    return (res.body.items as Record<string, unknown>[]).find((l) => l.name === name);
  };

  let it_: { id: string };
  let hq: { id: string };
  let berlin: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    make = factories(t.admin);
    it_ = await make.orgUnit({ name: 'IT', code: 'IT' });
    await make.orgUnit({ name: 'Sales', code: 'SALES' });
    const de = (await t.admin.post('/api/v1/locations').send({ name: 'Germany' })).body;
    berlin = (await t.admin.post('/api/v1/locations').send({ name: 'Berlin', parentId: de.id })).body;
    hq = (await t.admin.post('/api/v1/locations').send({ name: 'HQ', parentId: berlin.id })).body;
    const acme = (await t.admin.post('/api/v1/organizations').send({ name: 'ACME Corp', kind: 'internal' }))
      .body;
    await t.admin.post('/api/v1/organizations').send({ name: 'Reseller GmbH', kind: 'supplier' }).expect(201);
    await t.admin
      .post('/api/v1/software')
      .send({ name: 'Microsoft Office', publisherId: acme.id, version: '2021' });
    await t.admin
      .post('/api/v1/software')
      .send({ name: 'Microsoft Office', publisherId: acme.id, version: '2024' });
    await t.admin.post('/api/v1/software').send({ name: 'Photoshop' }).expect(201);
    await t.admin.post('/api/v1/license-categories').send({ name: 'Volume' }).expect(201);
  });
  afterAll(() => t.close());

  describe('templates', () => {
    it('gives an xlsx template: header, example row, a sheet explaining each column, pick lists', async () => {
      const res = await binary(t.admin.get('/api/v1/imports/assets/template?format=xlsx'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toBe('attachment; filename="assets-import-template.xlsx"');
      const wb = await workbookOf(res.body);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['Assets', 'Columns']);
      const sheet = wb.getWorksheet('Assets')!;
      expect(valuesOf(sheet.getRow(1))).toEqual([
        'Inventory number',
        'Name',
        'Serial number',
        'Kind',
        'Status',
        'Org unit',
        'Location',
        'Owner email',
      ]);
      expect(valuesOf(sheet.getRow(2))).toEqual([
        'INV-2024-0042',
        'WS-0042',
        'SN-5CG1234XYZ',
        'laptop',
        'in_use',
        'IT',
        'Germany/Berlin/HQ',
        'ann.lee@example.com',
      ]);
      // Pick lists on the enumerations (exceljs reads a range back cell by cell).
      const validations = (
        sheet as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }
      ).dataValidations.model;
      expect(validations.D2.formulae).toEqual(['"desktop,laptop,server,virtual_machine,mobile,other"']);
      expect(validations.E100001.formulae).toEqual(['"in_use,in_stock,retired"']);
      expect(validations.A2).toBeUndefined();

      const help = wb.getWorksheet('Columns')!;
      expect(valuesOf(help.getRow(1))).toEqual([
        'Column',
        'API field',
        'Type',
        'Required',
        'Allowed values / format',
        'Description',
        'Example',
      ]);
      const kind = valuesOf(help.getRow(5));
      expect(kind.slice(0, 5)).toEqual([
        'Kind',
        'kind',
        'one of a list',
        'no',
        'desktop, laptop, server, virtual_machine, mobile, other',
      ]);
      expect(valuesOf(help.getRow(2)).slice(0, 4)).toEqual([
        'Inventory number',
        'inventoryNumber',
        'text',
        'yes',
      ]);
    });

    it('gives the licenses template with real dates and numbers in its example row', async () => {
      const wb = await workbookOf((await binary(t.admin.get('/api/v1/imports/licenses/template'))).body);
      const sheet = wb.getWorksheet('Licenses')!;
      const header = valuesOf(sheet.getRow(1)) as string[];
      const example = valuesOf(sheet.getRow(2));
      expect(header.slice(0, 3)).toEqual(['Name', 'Metric', 'Quantity']);
      expect(example[header.indexOf('Quantity')]).toBe(25);
      expect(example[header.indexOf('Net unit price')]).toBe(1234.5);
      expect(example[header.indexOf('Expiration date')]).toEqual(new Date('2027-12-31T00:00:00Z'));
      const validations = (
        sheet as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }
      ).dataValidations.model;
      expect(validations.B2.formulae).toEqual(['"per_user,per_device"']);
    });

    it('gives a CSV template: UTF-8 with BOM, the header and the example row', async () => {
      const res = await binary(t.admin.get('/api/v1/imports/persons/template?format=csv'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows: string[][] = parse(res.body.subarray(3).toString('utf8'));
      expect(rows).toEqual([
        ['Email', 'First name', 'Last name', 'Employee number', 'Org unit', 'Location', 'Active'],
        ['ann.lee@example.com', 'Ann', 'Lee', 'E-1042', 'IT', 'Germany/Berlin/HQ', 'yes'],
      ]);
      const seats: string[][] = parse(
        (await binary(t.admin.get('/api/v1/imports/seats/template?format=csv'))).body
          .subarray(3)
          .toString('utf8'),
      );
      expect(seats[0]).toEqual(['License', 'Person email', 'Asset inventory number']);
    });

    it('documents both routes in the OpenAPI document, the upload as multipart', async () => {
      const paths = (await t.http.get('/api/docs-json')).body.paths;
      expect(paths['/api/v1/imports/{entity}/template'].get).toBeDefined();
      const post = paths['/api/v1/imports/{entity}'].post;
      expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
      expect(post.responses['200']).toBeDefined();
    });

    it('answers 404 for an entity without an import and 400 for an unknown format', async () => {
      expectError(await t.admin.get('/api/v1/imports/users/template'), 404, 'NOT_FOUND');
      expectError(await t.admin.get('/api/v1/imports/persons/template?format=pdf'), 400);
    });
  });

  describe('round trips', () => {
    it('imports persons from the filled-in xlsx template and reads them back', async () => {
      const wb = await workbookOf((await binary(t.admin.get('/api/v1/imports/persons/template'))).body);
      const sheet = wb.getWorksheet('Persons')!;
      sheet.spliceRows(2, 1);
      sheet.addRow(['ann.lee@example.com', 'Ann', 'Lee', 'E-1042', 'IT', 'Germany/Berlin/HQ', 'yes']);
      sheet.addRow(['bo.chan@example.com', 'Bo', 'Chan', null, 'sales', 'germany / berlin', 'no']);
      const result = await imported('persons', await bufferOf(wb), 'persons.xlsx');
      expect(result).toEqual({
        entity: 'persons',
        dryRun: false,
        rows: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
        errorCount: 0,
        errors: [],
      });
      expect(await personByEmail('ann.lee@example.com')).toMatchObject({
        firstName: 'Ann',
        lastName: 'Lee',
        employeeNumber: 'E-1042',
        orgUnitId: it_.id,
        locationId: hq.id,
        active: true,
      });
      expect(await personByEmail('bo.chan@example.com')).toMatchObject({
        employeeNumber: null,
        locationId: berlin.id,
        active: false,
      });
    });

    it('imports licenses with their references, dates and amounts, as the API would store them', async () => {
      const wb = await workbookOf((await binary(t.admin.get('/api/v1/imports/licenses/template'))).body);
      const sheet = wb.getWorksheet('Licenses')!;
      const header = valuesOf(sheet.getRow(1)) as string[];
      const row = (values: Record<string, unknown>) => header.map((h) => values[h] ?? null);
      sheet.spliceRows(2, 1);
      sheet.addRow(
        row({
          Name: 'Office 2024 Volume',
          Metric: 'per_user',
          Quantity: 25,
          Category: 'volume',
          Software: 'Microsoft Office',
          'Software version': '2024',
          Organization: 'ACME Corp',
          'Org unit': 'IT',
          'Location structure': 'Germany/Berlin',
          Location: 'Germany/Berlin/HQ',
          Supplier: 'reseller gmbh',
          'Expiration date': new Date('2027-12-31T00:00:00Z'),
          'Purchase date': '2025-01-15',
          Currency: 'eur',
          'Net unit price': '1.234,50',
          'VAT %': 19,
          'Max activations': 50,
          Notes: 'Renewed yearly',
        }),
      );
      sheet.addRow(
        row({
          Name: 'Photoshop',
          Metric: 'Per device',
          Quantity: 3,
          Software: 'Photoshop',
          'Net unit price': 99.9,
          'VAT %': '7,5',
        }),
      );
      const result = await imported('licenses', await bufferOf(wb), 'licenses.xlsx');
      expect(result).toMatchObject({ created: 2, updated: 0, errorCount: 0 });

      const office = await licenseByName('Office 2024 Volume');
      expect(office).toMatchObject({
        metric: 'per_user',
        quantity: 25,
        orgUnitId: it_.id,
        locationStructureId: berlin.id,
        locationId: hq.id,
        expirationDate: '2027-12-31',
        purchaseDate: '2025-01-15',
        currency: 'EUR',
        netUnitPrice: '1234.50',
        vatRate: '19',
        grossUnitPrice: '1469.06',
        maxActivations: 50,
        maxActivationsPerUser: 1,
        notes: 'Renewed yearly',
      });
      const software = (await t.admin.get(`/api/v1/software/${office!.softwareId}`)).body;
      expect(software.version).toBe('2024');
      expect(await licenseByName('Photoshop')).toMatchObject({
        metric: 'per_device',
        netUnitPrice: '99.90',
        vatRate: '7.5',
      });
    });

    it('imports assets from the CSV template, saved again with BOM and ";", the owner by email', async () => {
      const owner = await make.person({ email: 'owner.one@example.com' });
      const template = (await binary(t.admin.get('/api/v1/imports/assets/template?format=csv'))).body;
      const [header] = parse(template.subarray(3).toString('utf8')) as string[][];
      const line = (values: Record<string, string>) => header.map((h) => values[h] ?? '').join(';');
      // As Excel saves a CSV in a German locale: ";" between fields, a BOM in front.
      const csv = [
        header.join(';'),
        line({
          'Inventory number': 'INV-1',
          Name: 'WS-1',
          Kind: 'Laptop',
          Status: 'in use',
          'Org unit': 'IT',
          Location: 'Germany/Berlin/HQ',
          'Owner email': 'OWNER.ONE@example.com',
        }),
        line({ 'Inventory number': 'INV-2', Name: '"Server; rack 4"', Kind: 'server' }),
      ].join('\r\n');
      const result = await imported('assets', `\uFEFF${csv}\r\n`, 'assets.csv');
      expect(result).toMatchObject({ rows: 2, created: 2 });
      const assets = (await t.admin.get('/api/v1/assets?q=INV-&sort=inventoryNumber')).body.items;
      expect(assets).toMatchObject([
        {
          inventoryNumber: 'INV-1',
          name: 'WS-1',
          kind: 'laptop',
          status: 'in_use',
          orgUnitId: it_.id,
          locationId: hq.id,
          ownerPersonId: owner.id,
        },
        {
          inventoryNumber: 'INV-2',
          name: 'Server; rack 4',
          kind: 'server',
          status: 'in_use',
          orgUnitId: null,
          ownerPersonId: null,
        },
      ]);
    });
  });

  describe('upsert', () => {
    it('updates the record with the same key instead of adding one, and counts what did not change', async () => {
      const csv = (first: string) =>
        `Email,First name,Last name\r\nup.one@example.com,${first},One\r\nup.two@example.com,Two,Two\r\n`;
      expect(await imported('persons', csv('Uno'), 'p.csv')).toMatchObject({ created: 2, updated: 0 });
      const before = await personByEmail('up.one@example.com');
      // Same people, one name changed, the email in another case: no new person.
      const again = await imported('persons', csv('Una').replace('up.one@', 'UP.ONE@'), 'p.csv');
      expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
      const after = await personByEmail('up.one@example.com');
      expect(after).toMatchObject({ id: before!.id, firstName: 'Una', email: 'UP.ONE@example.com' });
      expect((await t.admin.get('/api/v1/persons?q=example.com&email=up.two@example.com')).body.total).toBe(
        1,
      );
    });

    it('leaves fields of empty cells as they are, and keeps the API rules on updates', async () => {
      const license = await make.license({ name: 'Upsert CAD', quantity: 2, notes: 'kept' });
      const p = await make.person();
      await t.admin
        .post(`/api/v1/licenses/${license.id}/persons`)
        .send({ personIds: [p.id] })
        .expect(201);
      const ok = await imported('licenses', 'Name,Metric,Quantity,Notes\nUpsert CAD,per_user,5,\n', 'l.csv');
      expect(ok).toMatchObject({ created: 0, updated: 1 });
      expect(await licenseByName('Upsert CAD')).toMatchObject({ id: license.id, quantity: 5, notes: 'kept' });

      const below = await upload('licenses', 'Name,Metric,Quantity\nUpsert CAD,per_user,0\n', 'l.csv');
      expect(below.status).toBe(200);
      expect(below.body).toMatchObject({ created: 0, updated: 0 });
      expect(below.body.errors).toEqual([
        {
          row: 2,
          column: 'Quantity',
          field: 'quantity',
          value: '0',
          message: 'Quantity cannot be lower than the 1 seats in use.',
        },
      ]);
      expect((await licenseByName('Upsert CAD'))!.quantity).toBe(5);
    });
  });

  describe('cells', () => {
    it('reads decimal-comma amounts with thousands and refuses the ambiguous ones', async () => {
      const csv =
        'Name;Metric;Quantity;Net unit price\n' +
        'Money A;per_user;1;1.234,50\n' +
        'Money B;per_user;1;1,234\n' +
        'Money C;per_user;1;1.234\n' +
        'Money D;per_user;1;12,345\n';
      const res = await upload('licenses', csv, 'money.csv');
      expect(res.status).toBe(200);
      expect(res.body.created).toBe(0);
      expect(res.body.errors.map((e: ImportResult['errors'][0]) => [e.row, e.column, e.value])).toEqual([
        [3, 'Net unit price', '1,234'],
        [4, 'Net unit price', '1.234'],
        [5, 'Net unit price', '12,345'],
      ]);
      expect(res.body.errors[0].message).toMatch(/ambiguous/);

      await imported(
        'licenses',
        'Name;Metric;Quantity;Net unit price\nMoney A;per_user;1;1.234,50\n',
        'money.csv',
      );
      expect((await licenseByName('Money A'))!.netUnitPrice).toBe('1234.50');
    });

    it('reads formula cells of an xlsx by their computed value', async () => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('Licenses');
      sheet.addRow(['Name', 'Metric', 'Quantity', 'Net unit price', 'Purchase date']);
      sheet.addRow([
        { formula: '"Formula"&" License"', result: 'Formula License' },
        'per_device',
        { formula: '2*5', result: 10 },
        { formula: '10/4', result: 2.5 },
        { formula: 'DATE(2025,3,1)', result: 45717 },
      ]);
      sheet.getCell('E2').numFmt = 'yyyy-mm-dd';
      await imported('licenses', await bufferOf(wb), 'formulas.xlsx');
      expect(await licenseByName('Formula License')).toMatchObject({
        quantity: 10,
        netUnitPrice: '2.50',
        purchaseDate: '2025-03-01',
      });
    });

    it('stores a CSV cell starting with "=" as text, never evaluated', async () => {
      await imported(
        'persons',
        'Email,First name,Last name\nformula@example.com,=1+1,"=HYPERLINK(""x"")"\n',
        'f.csv',
      );
      expect(await personByEmail('formula@example.com')).toMatchObject({
        firstName: '=1+1',
        lastName: '=HYPERLINK("x")',
      });
    });

    it('tells xlsx from CSV by content, not by the file name', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Persons').addRow(['Email', 'First name', 'Last name']);
      wb.getWorksheet('Persons')!.addRow(['named.csv@example.com', 'Xl', 'Sx']);
      await imported('persons', await bufferOf(wb), 'persons.csv');
      await imported('persons', 'Email,First name,Last name\nnamed.xlsx@example.com,Cs,V\n', 'persons.xlsx');
      expect(await personByEmail('named.csv@example.com')).toBeDefined();
      expect(await personByEmail('named.xlsx@example.com')).toBeDefined();
    });
  });
});
