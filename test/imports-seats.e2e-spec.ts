import ExcelJS from 'exceljs';
import request from 'supertest';
import { createTestApp, TestApp } from './helpers/test-app';
import { factories } from './helpers/factories';

/** Seat imports go through the assignment rules of the API; and a file of 10,000 persons. */
interface Problem {
  row: number;
  column: string;
  value: string | null;
  message: string;
}

const binary = (req: request.Test) =>
  req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe('imports: seats', () => {
  let t: TestApp;
  let make: ReturnType<typeof factories>;

  const upload = (entity: string, file: Buffer | string, name = 'seats.csv', query = '') =>
    t.admin
      .post(`/api/v1/imports/${entity}${query}`)
      .attach('file', Buffer.isBuffer(file) ? file : Buffer.from(file), name);
  const seatsOf = async (licenseId: string) =>
    (await t.admin.get(`/api/v1/licenses/${licenseId}/seats`)).body as {
      personId: string | null;
      assetId: string | null;
    }[];
  const csv = (rows: string[][]) =>
    ['License,Person email,Asset inventory number', ...rows.map((r) => r.join(','))].join('\r\n');

  let unit: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    make = factories(t.admin);
    unit = await make.orgUnit({ name: 'Design', code: 'DESIGN' });
    other = await make.orgUnit({ name: 'Finance', code: 'FIN' });
  });
  afterAll(() => t.close());

  it('assigns persons and assets from the filled-in template, and reads the seats back', async () => {
    const office = await make.license({ name: 'Seat Office', metric: 'per_user', quantity: 3 });
    const cad = await make.license({ name: 'Seat CAD', metric: 'per_device', quantity: 2 });
    const ann = await make.person({ email: 'seat.ann@example.com' });
    const bo = await make.person({ email: 'seat.bo@example.com' });
    const pc = await make.asset({ inventoryNumber: 'SEAT-PC-1' });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await binary(t.admin.get('/api/v1/imports/seats/template'))).body as unknown as ArrayBuffer,
    );
    const sheet = wb.getWorksheet('Seats')!;
    sheet.spliceRows(2, 1);
    sheet.addRow(['Seat Office', 'seat.ann@example.com', null]);
    sheet.addRow(['seat office', 'SEAT.BO@example.com', null]);
    sheet.addRow(['Seat CAD', null, 'SEAT-PC-1']);
    const res = await upload('seats', Buffer.from(await wb.xlsx.writeBuffer()), 'seats.xlsx');
    expect(res.body).toMatchObject({
      entity: 'seats',
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      errors: [],
    });

    expect((await seatsOf(office.id)).map((s) => s.personId).sort()).toEqual([ann.id, bo.id].sort());
    expect((await seatsOf(cad.id)).map((s) => s.assetId)).toEqual([pc.id]);
    // Same history as an assignment through the API.
    const history = (await t.admin.get(`/api/v1/licenses/${office.id}/history`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['assign', 'assign']);

    // Again: the seats are held already, nothing new.
    const again = await upload('seats', Buffer.from(await wb.xlsx.writeBuffer()), 'seats.xlsx');
    expect(again.body).toMatchObject({ created: 0, unchanged: 3, errors: [] });
  });

  it('refuses a file that over-allocates a license, naming its rows, and writes no seat at all', async () => {
    const fits = await make.license({ name: 'Fits', quantity: 5 });
    const small = await make.license({ name: 'Small', quantity: 2 });
    await t.admin
      .post(`/api/v1/licenses/${small.id}/persons`)
      .send({ personIds: [(await make.person()).id] })
      .expect(201);
    const people = await Promise.all([1, 2, 3].map((i) => make.person({ email: `over.${i}@example.com` })));
    const res = await upload(
      'seats',
      csv([
        ['Fits', 'over.1@example.com', ''], // row 2: fits, written first, then rolled back
        ['Small', 'over.1@example.com', ''], // row 3
        ['Small', 'over.2@example.com', ''], // row 4
        ['Fits', 'over.2@example.com', ''], // row 5
        ['Small', 'over.3@example.com', ''], // row 6
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, errorCount: 3 });
    const errors = res.body.errors as Problem[];
    expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [3, 'License', 'Small'],
      [4, 'License', 'Small'],
      [6, 'License', 'Small'],
    ]);
    expect(errors[0].message).toBe(
      'License "Small": Not enough free seats: 3 requested, 1 of 2 available (rows 3, 4, 6).',
    );
    expect(await seatsOf(fits.id)).toEqual([]);
    expect(await seatsOf(small.id)).toHaveLength(1);
    expect(people).toHaveLength(3);
  });

  it('keeps the rules of the API: metric, scope, inactive persons, retired assets, one seat per holder', async () => {
    const scoped = await make.license({ name: 'Scoped', quantity: 10, orgUnitId: unit.id });
    await make.license({ name: 'Devices', metric: 'per_device', quantity: 10 });
    await make.person({ email: 'inside@example.com', orgUnitId: unit.id });
    await make.person({ email: 'outside@example.com', orgUnitId: other.id });
    await make.person({ email: 'gone@example.com', orgUnitId: unit.id, active: false });
    await make.asset({ inventoryNumber: 'RETIRED-1', status: 'retired' });
    const res = await upload(
      'seats',
      csv([
        ['Scoped', 'inside@example.com', ''], // row 2: fine
        ['Scoped', 'outside@example.com', ''], // row 3: not at or below the license's unit
        ['Scoped', 'gone@example.com', ''], // row 4: deactivated
        ['Devices', 'inside@example.com', ''], // row 5: per_device takes assets
        ['Devices', '', 'RETIRED-1'], // row 6: retired
        ['Scoped', 'INSIDE@example.com', ''], // row 7: the same seat as row 2
      ]),
    );
    const errors = (res.body.errors as Problem[]).map((e) => [e.row, e.column, e.message]);
    expect(errors).toEqual([
      [3, 'Person email', 'The license is placed on an org unit; these persons are not at or below it.'],
      [4, 'Person email', 'Deactivated persons take no new seat.'],
      [
        5,
        'Person email',
        'License "Devices": This license is per_device: it is assigned to assets, not persons (row 5).',
      ],
      [6, 'Asset inventory number', 'Retired assets take no new seat.'],
      [7, 'Person email', 'Duplicate: row 2 assigns the same seat.'],
    ]);
    expect(await seatsOf(scoped.id)).toEqual([]);
  });

  it('checks a seat file in a dry run without assigning', async () => {
    const license = await make.license({ name: 'Dry seats', quantity: 1 });
    await make.person({ email: 'dry.seat@example.com' });
    const res = await upload(
      'seats',
      csv([['Dry seats', 'dry.seat@example.com', '']]),
      'seats.csv',
      '?dryRun=true',
    );
    expect(res.body).toMatchObject({ dryRun: true, created: 1, errors: [] });
    expect(await seatsOf(license.id)).toEqual([]);
  });

  it('imports a file of 10,000 persons', async () => {
    const lines = ['Email;First name;Last name;Employee number;Org unit;Active'];
    for (let i = 0; i < 10_000; i++) lines.push(`bulk.${i}@example.com;Bulk;Person ${i};B-${i};DESIGN;yes`);
    const res = await upload('persons', lines.join('\r\n'), 'bulk.csv');
    expect(res.body).toMatchObject({ rows: 10_000, created: 10_000, errors: [] });
    const list = await t.admin.get(`/api/v1/persons?q=bulk.&orgUnitId=${unit.id}&pageSize=1`);
    expect(list.body.total).toBe(10_000);
    const last = await t.admin.get('/api/v1/persons?email=bulk.9999@example.com');
    expect(last.body.items[0]).toMatchObject({
      lastName: 'Person 9999',
      employeeNumber: 'B-9999',
      active: true,
    });

    // Once more with one change: an update, the rest unchanged.
    lines[5000] = lines[5000].replace('Bulk;', 'Changed;');
    const again = await upload('persons', lines.join('\r\n'), 'bulk.csv');
    expect(again.body).toMatchObject({ created: 0, updated: 1, unchanged: 9_999, errors: [] });
  });
});
