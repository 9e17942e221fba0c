import ExcelJS from 'exceljs';
import { TransactionRunner } from '../src/platform/database/transaction';
import { PersonsService } from '../src/inventory/persons/persons.service';
import { CreatePersonDto } from '../src/inventory/persons/dto/person.dto';
import { createTestApp, expectError, TestApp } from './helpers/test-app';
import { factories } from './helpers/factories';

/**
 * Imports that change what is there: update-only files, clearing a field with
 * (none), every broken rule of a row at once, assets upserted, duplicates in one
 * file, the audit of each update, which sheet of a workbook is read, and the
 * spellings of amounts, whole numbers and dates.
 */
interface Problem {
  row: number;
  column: string;
  field: string;
  value: string | null;
  message: string;
}

describe('imports: updates, clearing and spellings', () => {
  let t: TestApp;
  let make: ReturnType<typeof factories>;
  let unit: { id: string; code: string };

  const upload = (entity: string, file: Buffer | string, name = 'file.csv', query = '') =>
    t.admin
      .post(`/api/v1/imports/${entity}${query}`)
      .attach('file', Buffer.isBuffer(file) ? file : Buffer.from(file, 'utf8'), name);
  const imported = async (entity: string, file: Buffer | string, name = 'file.csv') => {
    const res = await upload(entity, file, name);
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: [] });
    return res.body as { created: number; updated: number; unchanged: number };
  };
  const problems = async (entity: string, file: Buffer | string, name = 'file.csv') => {
    const res = await upload(entity, file, name);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    return res.body.errors as Problem[];
  };
  const license = async (id: string) => (await t.admin.get(`/api/v1/licenses/${id}`)).body;
  const person = async (id: string) => (await t.admin.get(`/api/v1/persons/${id}`)).body;
  const licenseNamed = async (name: string) =>
    (
      (await t.admin.get(`/api/v1/licenses?q=${encodeURIComponent(name)}`)).body.items as { name: string }[]
    ).find((l) => l.name === name) as Record<string, unknown> | undefined;
  const bufferOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

  beforeAll(async () => {
    t = await createTestApp();
    make = factories(t.admin);
    unit = (await make.orgUnit({ name: 'Ops', code: 'OPS' })) as { id: string; code: string };
  });
  afterAll(() => t.close());

  describe('update-only files', () => {
    it('takes a licenses file of Name and Quantity: updates, and asks the new rows for what they lack', async () => {
      const l = await make.license({ name: 'Only Qty', quantity: 2, notes: 'kept' });
      expect(await imported('licenses', 'Name,Quantity\nOnly Qty,7\n')).toMatchObject({ updated: 1 });
      expect(await license(l.id)).toMatchObject({ quantity: 7, metric: 'per_user', notes: 'kept' });

      const errors = await problems('licenses', 'Name,Quantity\nOnly Qty,8\nBrand New,3\nNewer,\n');
      expect(errors).toEqual([
        {
          row: 3,
          column: 'Metric',
          field: 'metric',
          value: null,
          message: 'Metric is required for a new license (the file has no such column).',
        },
        {
          row: 4,
          column: 'Metric',
          field: 'metric',
          value: null,
          message: 'Metric is required for a new license (the file has no such column).',
        },
        {
          row: 4,
          column: 'Quantity',
          field: 'quantity',
          value: null,
          message: 'Quantity is required for a new license.',
        },
      ]);
      expect((await license(l.id)).quantity).toBe(7);
    });

    it('takes a persons file of Email and Org unit', async () => {
      const p = await make.person({ email: 'only.unit@example.com' });
      expect(await imported('persons', 'Email,Org unit\nONLY.UNIT@example.com,ops\n')).toMatchObject({
        updated: 1,
      });
      // Matched apart from case; the file's spelling is what the person now has, as on any update.
      expect(await person(p.id)).toMatchObject({ orgUnitId: unit.id, email: 'ONLY.UNIT@example.com' });
      const errors = await problems('persons', 'Email,Org unit\nnobody.yet@example.com,OPS\n');
      expect(errors.map((e) => [e.row, e.field, e.message])).toEqual([
        [2, 'firstName', 'First name is required for a new person (the file has no such column).'],
        [2, 'lastName', 'Last name is required for a new person (the file has no such column).'],
      ]);
      // Still refused: a header without the key column.
      const body = expectError(await upload('persons', 'Org unit\nOPS\n'), 400, 'HEADER_MISMATCH');
      expect(body.details.missing).toEqual(['Email']);
    });
  });

  describe('clearing with (none)', () => {
    it('clears an org unit and an expiration date on update; an empty cell keeps them', async () => {
      const l = await make.license({
        name: 'Clear Me',
        orgUnitId: unit.id,
        expirationDate: '2027-12-31',
        maxActivations: 9,
        notes: 'note',
      });
      const keep = await imported('licenses', 'Name,Org unit,Expiration date,Notes\nClear Me,,,\n');
      expect(keep).toMatchObject({ updated: 0, unchanged: 1 });
      expect(await license(l.id)).toMatchObject({ orgUnitId: unit.id, expirationDate: '2027-12-31' });

      const res = await imported(
        'licenses',
        'Name;Org unit;Expiration date;Max activations;Notes\nClear Me;(none);(NONE); (None) ;keep\n',
      );
      expect(res).toMatchObject({ updated: 1 });
      expect(await license(l.id)).toMatchObject({
        orgUnitId: null,
        expirationDate: null,
        maxActivations: null,
        notes: 'keep',
      });
    });

    it('clears a person’s org unit and employee number; a new row takes (none) as empty', async () => {
      const p = await make.person({
        email: 'clear.p@example.com',
        orgUnitId: unit.id,
        employeeNumber: 'E-CLR',
      });
      const res = await imported(
        'persons',
        'Email,First name,Last name,Org unit,Employee number\n' +
          'clear.p@example.com,,,(none),(none)\n' +
          'clear.new@example.com,Cl,New,(none),\n',
      );
      expect(res).toMatchObject({ created: 1, updated: 1 });
      expect(await person(p.id)).toMatchObject({ orgUnitId: null, employeeNumber: null, firstName: 'P' });
    });

    it('refuses (none) on required columns and on those with a default, saying so', async () => {
      await make.license({ name: 'No Clear' });
      const errors = await problems('licenses', 'Name,Quantity,Currency,Metric\nNo Clear,(none),(none),\n');
      expect(errors).toEqual([
        {
          row: 2,
          column: 'Quantity',
          field: 'quantity',
          value: '(none)',
          message: 'Quantity is required: (none) cannot clear it.',
        },
        {
          row: 2,
          column: 'Currency',
          field: 'currency',
          value: '(none)',
          message: 'Currency cannot be cleared with (none): leave the cell empty or fill it in.',
        },
      ]);
      const key = await problems('persons', 'Email,First name\n(none),X\n');
      expect(key.map((e) => e.message)).toEqual(['Email is required: (none) cannot clear it.']);
    });

    it('documents (none) on the template’s Columns sheet', async () => {
      const res = await t.admin
        .get('/api/v1/imports/licenses/template')
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const rows = wb.getWorksheet('Columns')!.getSheetValues() as unknown[][];
      const orgUnit = rows.find((r) => r?.[1] === 'Org unit')!;
      expect(orgUnit[5]).toBe('code of an org unit; (none) clears it');
      expect(rows.find((r) => r?.[1] === 'Metric')![4]).toBe('to create');
      expect(rows.some((r) => String(r?.[1] ?? '').includes('exactly (none)'))).toBe(true);
    });
  });

  describe('every problem at once', () => {
    it('lists each rule of a license update broken, not only the first', async () => {
      const l = await make.license({ name: 'Busy', quantity: 2 });
      const p = await make.person();
      await t.admin
        .post(`/api/v1/licenses/${l.id}/persons`)
        .send({ personIds: [p.id] })
        .expect(201);
      const errors = await problems(
        'licenses',
        'Name,Metric,Quantity\nBusy,per_device,0\nBusy 2,per_user,\n',
      );
      expect(errors.map((e) => [e.row, e.field, e.message])).toEqual([
        [2, 'metric', 'The metric cannot change while 1 seats are held.'],
        [2, 'quantity', 'Quantity cannot be lower than the 1 seats in use.'],
        [3, 'quantity', 'Quantity is required for a new license.'],
      ]);
    });

    it('charges a refusal of the database on a bulk insert to the row with that key', async () => {
      const persons = t.app.get(PersonsService);
      const tx = t.app.get(TransactionRunner);
      const original = persons.createMany.bind(persons);
      // Another writer takes the third row's email between the check and the insert.
      const spy = jest
        .spyOn(persons, 'createMany')
        .mockImplementationOnce(async (dtos: readonly CreatePersonDto[]) => {
          await tx.manager.query(
            `INSERT INTO persons (first_name, last_name, email) VALUES ('Ra', 'Ce', 'RACE.C@example.com')`,
          );
          return original(dtos);
        });
      try {
        const errors = await problems(
          'persons',
          'Email,First name,Last name\nrace.a@example.com,A,A\nrace.b@example.com,B,B\nrace.c@example.com,C,C\n',
        );
        expect(errors).toEqual([
          {
            row: 4,
            column: 'Email',
            field: 'email',
            value: 'race.c@example.com',
            message: 'Another person already has this email.',
          },
        ]);
      } finally {
        spy.mockRestore();
      }
      expect((await t.admin.get('/api/v1/persons?q=race.')).body.total).toBe(0);
    });
  });

  describe('assets and duplicates', () => {
    it('upserts assets by inventory number over HTTP', async () => {
      const owner = await make.person({ email: 'asset.owner@example.com' });
      const first = await imported(
        'assets',
        'Inventory number,Name,Kind,Status\nUPS-1,Box 1,laptop,in_use\nUPS-2,Box 2,desktop,in_stock\n',
      );
      expect(first).toMatchObject({ created: 2, updated: 0 });
      const assets = async () =>
        ((await t.admin.get('/api/v1/assets?q=UPS-')).body.items as { inventoryNumber: string }[]).sort(
          (x, y) => x.inventoryNumber.localeCompare(y.inventoryNumber),
        ) as Record<string, unknown>[];
      const before = await assets();
      const again = await imported(
        'assets',
        'Inventory number,Name,Status,Owner email,Org unit\n' +
          'UPS-1,Box 1 renamed,retired,asset.owner@example.com,OPS\n' +
          'UPS-2,Box 2,in_stock,,\n' +
          'UPS-3,Box 3,,,\n',
      );
      expect(again).toEqual(expect.objectContaining({ created: 1, updated: 1, unchanged: 1 }));
      const after = await assets();
      expect(after).toHaveLength(3);
      expect(after[0]).toMatchObject({
        id: before[0].id,
        inventoryNumber: 'UPS-1',
        name: 'Box 1 renamed',
        kind: 'laptop',
        status: 'retired',
        ownerPersonId: owner.id,
        orgUnitId: unit.id,
      });
      expect(after[1]).toMatchObject({ id: before[1].id, name: 'Box 2', kind: 'desktop' });
      expect(after[2]).toMatchObject({ inventoryNumber: 'UPS-3', kind: 'other', status: 'in_use' });
    });

    it('refuses the same key twice in a licenses file and in an assets file', async () => {
      const lic = await problems(
        'licenses',
        'Name,Metric,Quantity\nTwice,per_user,1\nOther,per_user,1\ntwice,per_user,2\n',
      );
      expect(lic).toEqual([
        {
          row: 4,
          column: 'Name',
          field: 'name',
          value: 'twice',
          message: 'Duplicate: row 2 has the same name.',
        },
      ]);
      const assets = await problems('assets', 'Inventory number,Name\nDUP-1,A\nDUP-1,B\ndup-1,C\n');
      expect(assets.map((e) => [e.row, e.field, e.message])).toEqual([
        [3, 'inventoryNumber', 'Duplicate: row 2 has the same inventory number.'],
        [4, 'inventoryNumber', 'Duplicate: row 2 has the same inventory number.'],
      ]);
      expect(await licenseNamed('Twice')).toBeUndefined();
      expect((await t.admin.get('/api/v1/assets?q=DUP-1')).body.total).toBe(0);
    });
  });

  describe('audit of updates', () => {
    it('records an update event, before and after, for each record the import changed', async () => {
      const manager = await t.as('asset_manager');
      const a = await make.person({ email: 'aud.a@example.com', firstName: 'Old' });
      const b = await make.person({ email: 'aud.b@example.com', firstName: 'Old' });
      const c = await make.person({ email: 'aud.c@example.com', firstName: 'Same' });
      const csv =
        'Email,First name\naud.a@example.com,NewA\naud.b@example.com,NewB\naud.c@example.com,Same\n';
      const res = await manager.post('/api/v1/imports/persons').attach('file', Buffer.from(csv), 'p.csv');
      expect(res.body).toMatchObject({ updated: 2, unchanged: 1, errors: [] });
      for (const [p, name] of [
        [a, 'NewA'],
        [b, 'NewB'],
      ] as const) {
        const events = (
          await t.admin.get(`/api/v1/audit-events?entity=person&entityId=${p.id}&action=update`)
        ).body.items;
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          actorId: manager.userId,
          before: { firstName: 'Old' },
          after: { firstName: name },
        });
      }
      const unchanged = (
        await t.admin.get(`/api/v1/audit-events?entity=person&entityId=${c.id}&action=update`)
      ).body.items;
      expect(unchanged).toEqual([]);
      const imports = (await t.admin.get(`/api/v1/audit-events?entity=import&actorId=${manager.userId}`)).body
        .items;
      expect(imports[0].after).toMatchObject({ entity: 'persons', created: 0, updated: 2, unchanged: 1 });
    });
  });

  describe('which sheet is read', () => {
    it('reads the sheet named like the import, wherever it is, and never the Columns sheet', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Read me').addRow(['Fill in the Persons sheet']);
      const data = wb.addWorksheet('Persons');
      data.addRow(['Email', 'First name', 'Last name']);
      data.addRow(['sheet.named@example.com', 'Sh', 'Eet']);
      expect(await imported('persons', await bufferOf(wb), 'p.xlsx')).toMatchObject({ created: 1 });

      // No sheet of that name: the first that is not the template's Columns sheet.
      const other = new ExcelJS.Workbook();
      other.addWorksheet('Columns').addRow(['Column', 'API field']);
      const mine = other.addWorksheet('My people');
      mine.addRow(['Email', 'First name', 'Last name']);
      mine.addRow(['sheet.first@example.com', 'Sh', 'First']);
      expect(await imported('persons', await bufferOf(other), 'p.xlsx')).toMatchObject({ created: 1 });
    });

    it('says which columns do not fit when the first sheet is not the data', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Instructions').addRow(['How to fill this in']);
      const data = wb.addWorksheet('People');
      data.addRow(['Email', 'First name', 'Last name']);
      data.addRow(['wrong.sheet@example.com', 'W', 'S']);
      const body = expectError(await upload('persons', await bufferOf(wb), 'p.xlsx'), 400, 'HEADER_MISMATCH');
      expect(body.details).toMatchObject({ unknown: ['How to fill this in'], missing: ['Email'] });
    });
  });

  describe('spellings', () => {
    it('reads 1234,50 and 1234.5 as amounts over HTTP', async () => {
      await imported('licenses', 'Name;Metric;Quantity;Net unit price\nComma Money;per_user;1;1234,50\n');
      await imported('licenses', 'Name,Metric,Quantity,Net unit price\nPoint Money,per_user,1,1234.5\n');
      expect((await licenseNamed('Comma Money'))!.netUnitPrice).toBe('1234.50');
      expect((await licenseNamed('Point Money'))!.netUnitPrice).toBe('1234.50');
    });

    it('reads German dates, thousands in whole numbers, and an amount in the license’s currency', async () => {
      await imported(
        'licenses',
        'Name;Metric;Quantity;Expiration date;Net unit price;Currency\n' +
          'German A;per_user;1.000.000;31.12.2026;€ 1.234,50;\n' +
          'German B;per_user;1;1.2.2027;99,90 USD;usd\n',
      );
      expect(await licenseNamed('German A')).toMatchObject({
        quantity: 1_000_000,
        expirationDate: '2026-12-31',
        netUnitPrice: '1234.50',
        currency: 'EUR',
      });
      expect(await licenseNamed('German B')).toMatchObject({
        expirationDate: '2027-02-01',
        netUnitPrice: '99.90',
        currency: 'USD',
      });
      const errors = await problems(
        'licenses',
        'Name;Metric;Quantity;Net unit price\nGerman B;per_user;1.000;12 EUR\nGerman C;per_user;2;12 EUR\n',
      );
      expect(errors.map((e) => [e.row, e.field, e.message])).toEqual([
        [2, 'quantity', expect.stringMatching(/^"1\.000" is ambiguous/)],
        [
          2,
          'netUnitPrice',
          "The price is written in EUR, but the license's currency is USD: fill in Currency or write the price without it.",
        ],
      ]);
    });
  });
});
