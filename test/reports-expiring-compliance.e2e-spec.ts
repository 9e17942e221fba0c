import ExcelJS from 'exceljs';
import { binary, csvOf, workbookOf } from './helpers/files';
import { createTestApp, expectError, TestApp } from './helpers/test-app';
import { factories } from './helpers/factories';
import { COMPLIANCE_BATCH } from '../src/reporting/compliance.service';
import { EXPIRING_BATCH } from '../src/reporting/expiring.service';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.parse(today) + n * DAY_MS).toISOString().slice(0, 10);
const asDate = (d: string | null) => (d === null ? null : new Date(`${d}T00:00:00Z`));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A sheet's rows as arrays of cell values (column A first), header included. */
const rowsOf = (sheet: ExcelJS.Worksheet): unknown[][] => {
  const rows: unknown[][] = [];
  const width = sheet.columnCount; // computed over every row: once
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: width }, (_, i) => row.getCell(i + 1).value);
  });
  return rows;
};
/** The data rows: between the header and the blank row before the totals. */
const dataRowsOf = (sheet: ExcelJS.Worksheet): unknown[][] => {
  const rows = rowsOf(sheet).slice(1);
  const end = rows.findIndex((r) => !r || r.every((v) => v === null));
  return end < 0 ? rows : rows.slice(0, end);
};
const totalsRowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row) => (row.getCell(1).value === 'Total' ? rows.push(row) : undefined));
  return rows;
};
const summaryOf = (wb: ExcelJS.Workbook) => {
  const rows = rowsOf(wb.getWorksheet('Summary')!);
  const at = rows.findIndex((r) => r?.[0] === 'Currency' && r[1] === 'Licenses');
  const parameters = Object.fromEntries(
    rows
      .slice(0, at < 0 ? undefined : at)
      .filter((r) => r?.[1] != null)
      .map((r) => [r[0], r[1]]),
  );
  const header = at < 0 ? [] : (rows[at].filter((h) => h !== null) as string[]);
  const totals =
    at < 0
      ? []
      : rows
          .slice(at + 1)
          .filter((r) => r?.[0])
          .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  return { parameters, totals };
};

describe('reports: expiring and compliance', () => {
  let t: TestApp;
  let make: ReturnType<typeof factories>;
  const get = (path: string) => t.admin.get(path);
  const file = async (path: string, type: string, filename: string) => {
    const res = await binary(get(path));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${filename}"`);
    return res.body as Buffer;
  };

  beforeAll(async () => {
    t = await createTestApp();
    make = factories(t.admin);
  });
  afterAll(() => t.close());

  describe('expiring', () => {
    let unit: { id: string };
    beforeAll(async () => {
      unit = await make.orgUnit({ name: 'Renewals', code: 'REN' });
      const sw = (await t.admin.post('/api/v1/software').send({ name: 'Suite', version: '9' })).body;
      const license = (over: Json) =>
        make.license({ metric: 'per_user', orgUnitId: unit.id, softwareId: sw.id, ...over });
      // EUR: 5.00 / 5.95 — support ends today
      await license({ name: 'Ren today', quantity: 1, netUnitPrice: '5', vatRate: '19', supportDate: today });
      // EUR: 3 × 10.10 = 30.30, VAT round2(2.121) = 2.12 — support in 5 days, expiration outside
      await license({
        name: 'Ren support',
        quantity: 3,
        netUnitPrice: '10.10',
        vatRate: '7',
        supportDate: inDays(5),
        expirationDate: inDays(200),
      });
      // EUR: 100.00 / 119.00 — both dates in the window: one row, counted once
      await license({
        name: 'Ren both',
        quantity: 2,
        netUnitPrice: '50',
        vatRate: '19',
        expirationDate: inDays(10),
        supportDate: inDays(40),
      });
      await license({
        name: 'Ren usd',
        quantity: 1,
        netUnitPrice: '99.99',
        vatRate: '0',
        currency: 'USD',
        expirationDate: inDays(30),
      });
      // EUR: 4 × 2.50 = 10.00 / 11.90 — the last day of the window is in it
      await license({
        name: 'Ren edge',
        quantity: 4,
        netUnitPrice: '2.50',
        vatRate: '19',
        expirationDate: inDays(90),
      });
      await license({ name: 'Ren later', quantity: 1, netUnitPrice: '1', expirationDate: inDays(91) });
      await license({ name: 'Ren past', quantity: 1, netUnitPrice: '1', expirationDate: inDays(-1) });
      await license({ name: 'Ren none', quantity: 1, netUnitPrice: '1' });
    });

    const expiring = async (query: string) => {
      const res = await get(`/api/v1/reports/expiring?${query}`);
      expect(res.status).toBe(200);
      return res.body as { days: number; from: string; until: string; rows: Json[]; totals: Json[] };
    };

    it('lists each license once, soonest first, with its dates and which of them fall in the window', async () => {
      const report = await expiring('q=Ren');
      expect(report).toMatchObject({ days: 90, from: today, until: inDays(90) });
      expect(report.rows.map((r) => [r.name, r.dateKind, r.date, r.daysLeft, r.endingInWindow])).toEqual([
        ['Ren today', 'support', today, 0, ['support']],
        ['Ren support', 'support', inDays(5), 5, ['support']],
        ['Ren both', 'expiration', inDays(10), 10, ['expiration', 'support']],
        ['Ren usd', 'expiration', inDays(30), 30, ['expiration']],
        ['Ren edge', 'expiration', inDays(90), 90, ['expiration']],
      ]);
      expect(report.rows[2]).toEqual({
        licenseId: expect.any(String),
        name: 'Ren both',
        softwareName: 'Suite 9',
        orgUnitName: 'Renewals',
        dateKind: 'expiration',
        date: inDays(10),
        daysLeft: 10,
        expirationDate: inDays(10),
        supportDate: inDays(40),
        endingInWindow: ['expiration', 'support'],
        quantity: 2,
        used: 0,
        currency: 'EUR',
        annualNet: '100.00',
        annualGross: '119.00',
      });
      expect(report.rows[1]).toMatchObject({
        expirationDate: inDays(200),
        annualNet: '30.30',
        annualGross: '32.42',
      });
      // Totals per currency over distinct licenses: "Ren both" counts once.
      expect(report.totals).toEqual([
        { currency: 'EUR', licenses: 4, quantity: 10, annualNet: '145.30', annualGross: '169.27' },
        { currency: 'USD', licenses: 1, quantity: 1, annualNet: '99.99', annualGross: '99.99' },
      ]);
    });

    it('narrows and widens with days, and takes the license list filters', async () => {
      const short = await expiring('q=Ren&days=20');
      expect(short.rows.map((r) => [r.name, r.endingInWindow])).toEqual([
        ['Ren today', ['support']],
        ['Ren support', ['support']],
        ['Ren both', ['expiration']],
      ]);
      expect(short.totals).toEqual([
        { currency: 'EUR', licenses: 3, quantity: 6, annualNet: '135.30', annualGross: '157.37' },
      ]);
      expect((await expiring('q=Ren&days=91')).rows.map((r) => r.name)).toContain('Ren later');
      expect((await expiring('q=Ren&days=0')).rows.map((r) => r.name)).toEqual(['Ren today']);
      const usd = await expiring('q=Ren&currency=USD');
      expect(usd.rows.map((r) => r.name)).toEqual(['Ren usd']);
      expect(usd.totals.map((x) => x.currency)).toEqual(['USD']);
      expect((await expiring(`orgUnitId=${unit.id}&metric=per_device`)).rows).toEqual([]);
      // the license list's own expiry filter and the window together
      expect((await expiring('q=Ren&expiringWithinDays=20')).rows.map((r) => r.name)).toEqual(['Ren both']);
      expectError(await get('/api/v1/reports/expiring?days=3651'), 400);
    });

    it('exports the workbook with the JSON rows, totals that count a license once, and its lines', async () => {
      const json = await expiring('q=Ren');
      const wb = await workbookOf(
        await file('/api/v1/reports/expiring?q=Ren&format=xlsx', XLSX, `expiring-${today}.xlsx`),
      );
      expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Expiring', 'License lines']);
      const sheet = wb.getWorksheet('Expiring')!;
      expect(rowsOf(sheet)[0]).toEqual([
        'Date',
        'Ends',
        'Days left',
        'License',
        'Software',
        'Org unit',
        'Expires',
        'Support ends',
        'In window',
        'Quantity',
        'Used',
        'Currency',
        'Annual net',
        'Annual gross',
      ]);
      expect(dataRowsOf(sheet)).toEqual(
        json.rows.map((r) => [
          asDate(r.date),
          r.dateKind,
          r.daysLeft,
          r.name,
          r.softwareName,
          r.orgUnitName,
          asDate(r.expirationDate),
          asDate(r.supportDate),
          r.endingInWindow.join(', '),
          r.quantity,
          r.used,
          r.currency,
          Number(r.annualNet),
          Number(r.annualGross),
        ]),
      );
      const last = json.rows.length + 1;
      const totals = totalsRowsOf(sheet);
      expect(totals.map((row) => row.getCell(12).value)).toEqual(['EUR', 'USD']);
      totals.forEach((row, i) => {
        const total = json.totals[i];
        expect(row.getCell(10).formula).toBe(`SUMIF(L2:L${last},"${total.currency}",J2:J${last})`);
        expect(row.getCell(10).result).toBe(total.quantity);
        expect(row.getCell(13).formula).toBe(`SUMIF(L2:L${last},"${total.currency}",M2:M${last})`);
        expect(row.getCell(13).result).toBe(Number(total.annualNet));
        expect(row.getCell(14).result).toBe(Number(total.annualGross));
        expect(row.getCell(14).numFmt).toBe(`#,##0.00 "${total.currency}"`);
      });
      const summary = summaryOf(wb);
      expect(summary.totals).toEqual(
        json.totals.map((x) => ({
          Currency: x.currency,
          Licenses: x.licenses,
          Quantity: x.quantity,
          'Annual net': Number(x.annualNet),
          'Annual gross': Number(x.annualGross),
        })),
      );
      expect(summary.parameters).toMatchObject({
        Report: 'Licenses expiring within 90 days',
        Window: `${today} to ${inDays(90)} (90 days)`,
        Search: 'Ren',
      });
      // the lines behind the report: each of its licenses once, by the report's own window
      const lines = dataRowsOf(wb.getWorksheet('License lines')!);
      expect(lines.map((r) => r[0]).sort()).toEqual(json.rows.map((r) => r.name).sort());
    });

    it('exports the CSV with the JSON rows, and the lines of the same licenses', async () => {
      const json = await expiring('q=Ren&days=45');
      const csv = csvOf(
        await file(
          '/api/v1/reports/expiring?q=Ren&days=45&format=csv',
          'text/csv; charset=utf-8',
          `expiring-${today}.csv`,
        ),
      );
      expect(csv).toEqual(
        json.rows.map((r) => ({
          Date: r.date,
          Ends: r.dateKind,
          'Days left': String(r.daysLeft),
          License: r.name,
          Software: r.softwareName,
          'Org unit': r.orgUnitName,
          Expires: r.expirationDate ?? '',
          'Support ends': r.supportDate ?? '',
          'In window': r.endingInWindow.join(', '),
          Quantity: String(r.quantity),
          Used: String(r.used),
          Currency: r.currency,
          'Annual net': r.annualNet,
          'Annual gross': r.annualGross,
        })),
      );
      const detail = csvOf(
        await file(
          '/api/v1/reports/expiring?q=Ren&days=45&format=csv&detail=true',
          'text/csv; charset=utf-8',
          `expiring-lines-${today}.csv`,
        ),
      );
      expect(detail.map((r) => r.License).sort()).toEqual(json.rows.map((r) => r.name).sort());
      const both = detail.find((r) => r.License === 'Ren both')!;
      expect([both['Line net'], both['Line VAT'], both['Line gross']]).toEqual(['100.00', '19.00', '119.00']);
    });
  });

  describe('compliance', () => {
    const expected: Record<string, [string, number][]> = {};
    beforeAll(async () => {
      const root = await make.orgUnit({ name: 'Audit root', code: 'AUD' });
      const a = await make.orgUnit({ name: 'Audit A', code: 'AUD-A', parentId: root.id });
      const a1 = await make.orgUnit({ name: 'Audit A1', code: 'AUD-A1', parentId: a.id });
      const b = await make.orgUnit({ name: 'Audit B', code: 'AUD-B', parentId: root.id });
      const assign = async (license: { id: string }, people: { id: string }[]) =>
        t.admin
          .post(`/api/v1/licenses/${license.id}/persons`)
          .send({ personIds: people.map((p) => p.id) })
          .expect(201);

      // clean: a holder two levels below the license's unit is in scope
      const clean = await make.license({ name: 'Aud clean', orgUnitId: root.id, quantity: 3 });
      await assign(clean, [await make.person({ orgUnitId: a1.id })]);
      expected['Aud clean'] = [];
      // a holder moved out of the license's subtree
      const scope = await make.license({ name: 'Aud scope', orgUnitId: a.id, quantity: 2 });
      const mover = await make.person({ orgUnitId: a1.id });
      await assign(scope, [mover]);
      await t.admin.patch(`/api/v1/persons/${mover.id}`).send({ orgUnitId: b.id }).expect(200);
      expected['Aud scope'] = [['OUT_OF_SCOPE', 1]];
      // expired, still in use
      const lapsed = await make.license({
        name: 'Aud lapsed',
        quantity: 2,
        netUnitPrice: '12.50',
        vatRate: '19',
      });
      await assign(lapsed, [await make.person()]);
      await t.admin.patch(`/api/v1/licenses/${lapsed.id}`).send({ expirationDate: '2020-01-01' }).expect(200);
      expected['Aud lapsed'] = [['EXPIRED_IN_USE', 1]];
      // a holder deactivated behind the app's back
      const inactive = await make.license({ name: 'Aud inactive', quantity: 2 });
      const gone = await make.person();
      await assign(inactive, [gone]);
      await t.dataSource.query('UPDATE persons SET active = false WHERE id = $1', [gone.id]);
      expected['Aud inactive'] = [['INACTIVE_HOLDERS', 1]];
      // devices over the per-user limit after it was lowered
      const devices = await make.license({ name: 'Aud devices', quantity: 2, maxActivationsPerUser: 2 });
      const user = await make.person();
      await assign(devices, [user]);
      for (let i = 0; i < 2; i++) {
        const asset = await make.asset();
        await t.admin
          .post(`/api/v1/licenses/${devices.id}/persons/${user.id}/devices`)
          .send({ assetId: asset.id })
          .expect(201);
      }
      await t.admin.patch(`/api/v1/licenses/${devices.id}`).send({ maxActivationsPerUser: 1 }).expect(200);
      expected['Aud devices'] = [['OVER_ACTIVATION_LIMIT', 1]];
      // a per-device seat on an asset retired behind the app's back
      const retired = await make.license({ name: 'Aud retired', metric: 'per_device', quantity: 2 });
      const pc = await make.asset();
      await t.admin
        .post(`/api/v1/licenses/${retired.id}/assets`)
        .send({ assetIds: [pc.id] })
        .expect(201);
      await t.dataSource.query(`UPDATE assets SET status = 'retired' WHERE id = $1`, [pc.id]);
      expected['Aud retired'] = [['RETIRED_HOLDERS', 1]];
    });

    const compliance = async (query: string) => {
      const res = await get(`/api/v1/reports/compliance?pageSize=500&${query}`);
      expect(res.status).toBe(200);
      return res.body as { items: Json[]; total: number };
    };
    const findingsText = (r: Json) => r.findings.map((f: Json) => `${f.code} (${f.count})`).join('; ');

    it('finds what the fixtures planted', async () => {
      const json = await compliance('q=Aud');
      expect(
        Object.fromEntries(json.items.map((r) => [r.name, r.findings.map((f: Json) => [f.code, f.count])])),
      ).toEqual(expected);
    });

    it('exports the workbook and the CSV with every figure of the JSON', async () => {
      const json = await compliance('q=Aud');
      const wb = await workbookOf(
        await file('/api/v1/reports/compliance?q=Aud&format=xlsx', XLSX, `compliance-${today}.xlsx`),
      );
      expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Compliance', 'License lines']);
      const sheet = wb.getWorksheet('Compliance')!;
      expect(dataRowsOf(sheet)).toEqual(
        json.items.map((r) => [
          r.name,
          r.metric,
          r.quantity,
          r.used,
          r.available,
          r.status,
          asDate(r.expirationDate),
          r.activeDevices,
          findingsText(r) || null,
        ]),
      );
      const [total] = totalsRowsOf(sheet);
      const sum = (key: string) => json.items.reduce((n, r) => n + r[key], 0);
      expect([3, 4, 5].map((c) => total.getCell(c).result)).toEqual([
        sum('quantity'),
        sum('used'),
        sum('available'),
      ]);
      expect(total.getCell(3).formula).toBe(`SUM(C2:C${json.items.length + 1})`);
      expect(summaryOf(wb).parameters).toMatchObject({ Licenses: 'all', Search: 'Aud' });
      expect(dataRowsOf(wb.getWorksheet('License lines')!).map((r) => r[0])).toEqual(
        expect.arrayContaining(json.items.map((r) => r.name)),
      );

      const csv = csvOf(
        await file(
          '/api/v1/reports/compliance?q=Aud&format=csv',
          'text/csv; charset=utf-8',
          `compliance-${today}.csv`,
        ),
      );
      expect(csv).toEqual(
        json.items.map((r) => ({
          License: r.name,
          Metric: r.metric,
          Quantity: String(r.quantity),
          Used: String(r.used),
          Available: String(r.available),
          Status: r.status,
          Expires: r.expirationDate ?? '',
          'Active devices': String(r.activeDevices),
          Findings: findingsText(r),
        })),
      );
      expect(
        (await binary(get('/api/v1/reports/compliance?q=Aud&format=csv&detail=true'))).headers[
          'content-disposition'
        ],
      ).toBe(`attachment; filename="compliance-lines-${today}.csv"`);
    });

    it('keeps only the licenses with findings in every sheet and CSV with onlyFindings', async () => {
      const flagged = Object.keys(expected)
        .filter((name) => expected[name].length)
        .sort();
      const json = await compliance('q=Aud&onlyFindings=true');
      expect(json.items.map((r) => r.name).sort()).toEqual(flagged);
      const wb = await workbookOf(
        (await binary(get('/api/v1/reports/compliance?q=Aud&onlyFindings=true&format=xlsx'))).body,
      );
      expect(dataRowsOf(wb.getWorksheet('Compliance')!).map((r) => r[0])).toEqual(
        json.items.map((r) => r.name),
      );
      expect(
        dataRowsOf(wb.getWorksheet('License lines')!)
          .map((r) => r[0])
          .sort(),
      ).toEqual(flagged);
      expect(summaryOf(wb).parameters).toMatchObject({ Licenses: 'only those with findings' });
      const csv = csvOf(
        (await binary(get('/api/v1/reports/compliance?q=Aud&onlyFindings=true&format=csv'))).body,
      );
      expect(csv.map((r) => r.License)).toEqual(json.items.map((r) => r.name));
      const lines = csvOf(
        (await binary(get('/api/v1/reports/compliance?q=Aud&onlyFindings=true&format=csv&detail=true'))).body,
      );
      expect(lines.map((r) => r.License).sort()).toEqual(flagged);
    });
  });

  describe('beyond one batch of rows', () => {
    // More than two of each reader's batches (the license lines are read 1,000 at a time).
    const AUDITED = 2 * COMPLIANCE_BATCH + 345;
    const EXPIRING = EXPIRING_BATCH + 1234;
    beforeAll(async () => {
      // Plain licenses straight into the table: "Bulk A" without dates, "Bulk E" expiring this week.
      await t.dataSource.query(
        `INSERT INTO licenses (name, metric, quantity, net_unit_price, vat_rate, currency, expiration_date)
         SELECT 'Bulk ' || CASE WHEN n <= $2 THEN 'A ' ELSE 'E ' END || lpad(n::text, 5, '0'), 'per_user',
           1, 1.00, 19, 'EUR', CASE WHEN n > $2 THEN CAST($1 AS date) + n % 7 END
         FROM generate_series(1, $2::int + $3::int) AS n`,
        [today, AUDITED, EXPIRING],
      );
    });

    it('streams every compliance row and line in the order of the JSON pages', async () => {
      const pages: Json[] = [];
      for (let page = 1; page <= Math.ceil(AUDITED / 500); page++) {
        pages.push(
          ...(await get(`/api/v1/reports/compliance?q=Bulk%20A&pageSize=500&page=${page}`)).body.items,
        );
      }
      expect(pages).toHaveLength(AUDITED);
      const wb = await workbookOf(
        (await binary(get('/api/v1/reports/compliance?q=Bulk%20A&format=xlsx'))).body,
      );
      expect(dataRowsOf(wb.getWorksheet('Compliance')!).map((r) => r[0])).toEqual(pages.map((r) => r.name));
      const lines = dataRowsOf(wb.getWorksheet('License lines')!).map((r) => r[0]);
      expect(new Set(lines).size).toBe(AUDITED);
      const csv = csvOf((await binary(get('/api/v1/reports/compliance?q=Bulk%20A&format=csv'))).body);
      expect(csv.map((r) => r.License)).toEqual(pages.map((r) => r.name));
    });

    it('streams every expiring row once, soonest first, with the totals of the JSON', async () => {
      const json = (await get('/api/v1/reports/expiring?q=Bulk%20E&days=10')).body;
      expect(json.rows).toHaveLength(EXPIRING);
      expect(new Set(json.rows.map((r: Json) => r.licenseId)).size).toBe(EXPIRING);
      const dates = json.rows.map((r: Json) => r.date);
      expect(dates).toEqual([...dates].sort());
      const gross = (EXPIRING * 1.19).toFixed(2);
      expect(json.totals).toEqual([
        {
          currency: 'EUR',
          licenses: EXPIRING,
          quantity: EXPIRING,
          annualNet: `${EXPIRING}.00`,
          annualGross: gross,
        },
      ]);
      const wb = await workbookOf(
        (await binary(get('/api/v1/reports/expiring?q=Bulk%20E&days=10&format=xlsx'))).body,
      );
      const sheet = wb.getWorksheet('Expiring')!;
      expect(dataRowsOf(sheet).map((r) => r[3])).toEqual(json.rows.map((r: Json) => r.name));
      const [total] = totalsRowsOf(sheet);
      expect([total.getCell(13).result, total.getCell(14).result]).toEqual([EXPIRING, Number(gross)]);
      expect(summaryOf(wb).totals).toEqual([
        {
          Currency: 'EUR',
          Licenses: EXPIRING,
          Quantity: EXPIRING,
          'Annual net': EXPIRING,
          'Annual gross': Number(gross),
        },
      ]);
      expect(new Set(dataRowsOf(wb.getWorksheet('License lines')!).map((r) => r[0])).size).toBe(EXPIRING);
    });
  });
});
