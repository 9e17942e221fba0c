import ExcelJS from 'exceljs';
import { binary, csvOf, workbookOf } from './helpers/files';
import { createTestApp, expectError, TestApp } from './helpers/test-app';
import { factories } from './helpers/factories';

type Json = Record<string, unknown>;
type CostReport = { rows: Json[]; totals: Json[]; parameters: Json };

/** A sheet's rows as arrays of cell values (column A first), header included. */
const rowsOf = (sheet: ExcelJS.Worksheet): unknown[][] => {
  const rows: unknown[][] = [];
  const width = sheet.columnCount; // computed over every row: once
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: width }, (_, i) => row.getCell(i + 1).value);
  });
  return rows;
};

/** The totals rows of a data sheet, by currency: each cell's formula and cached result (or plain value). */
const totalsRowsOf = (sheet: ExcelJS.Worksheet, currencyColumn: number) => {
  const totals: Record<string, ExcelJS.Row> = {};
  sheet.eachRow((row) => {
    if (row.getCell(1).value === 'Total') totals[String(row.getCell(currencyColumn).value)] = row;
  });
  return totals;
};

/** The per-currency table of the summary sheet: header row "Currency", … then one row per currency. */
const summaryTotalsOf = (sheet: ExcelJS.Worksheet): Json[] => {
  const rows = rowsOf(sheet);
  const at = rows.findIndex((r) => r?.[0] === 'Currency' && r[1] === 'Licenses');
  const header = rows[at].filter((h) => h !== null) as string[];
  return rows
    .slice(at + 1)
    .filter((r) => r?.[0])
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};

describe('reports: costs', () => {
  let t: TestApp;
  let make: ReturnType<typeof factories>;
  let units: Record<string, { id: string; name: string; code: string }>;
  let office: Json & { id: string };
  let suite: { id: string };
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp();
    make = factories(t.admin);
    const company = await make.orgUnit({ name: 'Company', code: 'CO' });
    const sales = await make.orgUnit({ name: 'Sales', code: 'SA', parentId: company.id });
    const emea = await make.orgUnit({ name: 'EMEA', code: 'SA-E', parentId: sales.id });
    const it_ = await make.orgUnit({ name: 'IT', code: 'IT', parentId: company.id });
    const ops = await make.orgUnit({ name: 'Ops', code: 'OPS', parentId: company.id });
    units = { company, sales, emea, it: it_, ops } as unknown as typeof units;
    const supplier = (
      await t.admin.post('/api/v1/organizations').send({ name: 'Reseller', kind: 'supplier' })
    ).body;
    suite = (await t.admin.post('/api/v1/software').send({ name: 'Office Suite', version: '2024' })).body;
    // Office: 3 × 33.33 at 19 % → net 99.99, VAT 19.00, gross 118.99 (EUR), owned by EMEA.
    office = await make.license({
      name: 'Office',
      orgUnitId: emea.id,
      softwareId: suite.id,
      quantity: 3,
      netUnitPrice: '33.33',
      vatRate: '19',
      purchaseDate: '2026-01-15',
      supplierId: supplier.id,
      invoiceNumber: 'INV-1',
    });
    // CAD: 2 × 1000 at 19 % → 2000.00 / 380.00 / 2380.00 (EUR), owned by IT.
    await make.license({
      name: 'CAD',
      orgUnitId: it_.id,
      quantity: 2,
      netUnitPrice: '1000',
      vatRate: '19',
      purchaseDate: '2026-02-01',
    });
    // Jira: 10 × 7.50 at 0 % in USD, owned by IT: never added to the euros.
    await make.license({
      name: 'Jira',
      orgUnitId: it_.id,
      quantity: 10,
      netUnitPrice: '7.50',
      vatRate: '0',
      currency: 'USD',
      purchaseDate: '2025-12-01',
    });
  });
  afterAll(() => t.close());

  const costs = async (query: string) => {
    const res = await t.admin.get(`/api/v1/reports/costs?${query}`);
    expect(res.status).toBe(200);
    return res.body as CostReport;
  };
  const xlsx = async (query: string) => {
    const res = await binary(t.admin.get(`/api/v1/reports/costs?${query}&format=xlsx`));
    expect(res.status).toBe(200);
    return workbookOf(res.body);
  };
  const csv = async (query: string) => {
    const res = await binary(t.admin.get(`/api/v1/reports/costs?${query}&format=csv`));
    expect(res.status).toBe(200);
    return csvOf(res.body);
  };

  it('groups costs by owner org unit, per currency, with totals that never mix currencies', async () => {
    const report = await costs('groupBy=orgUnit&view=owner');
    expect(report.rows).toEqual([
      {
        group: 'EMEA (SA-E)',
        currency: 'EUR',
        licenses: 1,
        seats: 3,
        net: '99.99',
        vat: '19.00',
        gross: '118.99',
      },
      {
        group: 'IT (IT)',
        currency: 'EUR',
        licenses: 1,
        seats: 2,
        net: '2000.00',
        vat: '380.00',
        gross: '2380.00',
      },
      {
        group: 'IT (IT)',
        currency: 'USD',
        licenses: 1,
        seats: 10,
        net: '75.00',
        vat: '0.00',
        gross: '75.00',
      },
    ]);
    expect(report.totals).toEqual([
      { currency: 'EUR', licenses: 2, seats: 5, net: '2099.99', vat: '399.00', gross: '2498.99' },
      { currency: 'USD', licenses: 1, seats: 10, net: '75.00', vat: '0.00', gross: '75.00' },
    ]);
    expect(report.parameters).toEqual({
      groupBy: 'orgUnit',
      view: 'owner',
      from: null,
      to: null,
      depth: null,
    });
  });

  it('rolls org units up to a tree level', async () => {
    const report = await costs('groupBy=orgUnit&depth=1');
    expect(report.rows.map((r) => [r.group, r.currency, r.net])).toEqual([
      ['IT (IT)', 'EUR', '2000.00'],
      ['IT (IT)', 'USD', '75.00'],
      ['Sales (SA)', 'EUR', '99.99'],
    ]);
    expect((await costs('groupBy=orgUnit&depth=0')).rows.map((r) => r.group)).toEqual([
      'Company (CO)',
      'Company (CO)',
    ]);
    // orgUnit is the default grouping, so depth alone is fine too
    expect((await costs('depth=0')).rows.map((r) => r.group)).toEqual(['Company (CO)', 'Company (CO)']);
  });

  it('groups by software, supplier, category and month', async () => {
    expect((await costs('groupBy=software')).rows).toEqual([
      expect.objectContaining({ group: '(no software)', currency: 'EUR', licenses: 1, net: '2000.00' }),
      expect.objectContaining({ group: '(no software)', currency: 'USD', licenses: 1, net: '75.00' }),
      expect.objectContaining({ group: 'Office Suite 2024', currency: 'EUR', licenses: 1, net: '99.99' }),
    ]);
    expect((await costs('groupBy=supplier')).rows.map((r) => r.group)).toEqual([
      '(no supplier)',
      '(no supplier)',
      'Reseller',
    ]);
    expect((await costs('groupBy=month')).rows.map((r) => [r.group, r.currency])).toEqual([
      ['2025-12', 'USD'],
      ['2026-01', 'EUR'],
      ['2026-02', 'EUR'],
    ]);
    expect((await costs('groupBy=category')).rows.every((r) => r.group === '(no category)')).toBe(true);
  });

  it('filters on purchase date, both ends included, and with the license list filters', async () => {
    const window = await costs('groupBy=month&from=2026-01-01&to=2026-01-31');
    expect(window.rows.map((r) => r.group)).toEqual(['2026-01']);
    // Office was bought on 2026-01-15, CAD on 2026-02-01: a one-day window holds its day.
    expect((await costs('from=2026-01-15&to=2026-01-15')).totals).toEqual([
      { currency: 'EUR', licenses: 1, seats: 3, net: '99.99', vat: '19.00', gross: '118.99' },
    ]);
    expect((await costs('from=2026-01-16&to=2026-02-01')).rows.map((r) => r.net)).toEqual(['2000.00']);
    expect((await costs('to=2026-01-14')).rows.map((r) => r.net)).toEqual(['75.00']);
    expect(await costs('from=2026-02-02')).toMatchObject({ rows: [], totals: [] });

    expect((await costs('groupBy=orgUnit&q=office')).totals).toEqual([
      { currency: 'EUR', licenses: 1, seats: 3, net: '99.99', vat: '19.00', gross: '118.99' },
    ]);
    expect((await costs(`softwareId=${suite.id}`)).rows.map((r) => [r.group, r.net])).toEqual([
      ['EMEA (SA-E)', '99.99'],
    ]);
    expect((await costs('currency=USD')).totals).toEqual([
      { currency: 'USD', licenses: 1, seats: 10, net: '75.00', vat: '0.00', gross: '75.00' },
    ]);
    expect((await costs(`orgUnitId=${units.it.id}&currency=EUR`)).rows.map((r) => r.net)).toEqual([
      '2000.00',
    ]);
    // and the files hold the same selection
    expect((await csv('currency=USD')).map((r) => r.Net)).toEqual(['75.00']);
    const wb = await xlsx(`softwareId=${suite.id}`);
    expect(rowsOf(wb.getWorksheet('License lines')!).map((r) => r[0])).toEqual([
      'License',
      'Office',
      null,
      'Total',
    ]);
  });

  it('charges each seat to its holder in the use view; shares add up to the line, unused stays with the owner', async () => {
    // 4 seats of 25.00 net at 19 % (line 100.00 / 19.00): three holders in three units, one seat unassigned.
    const license = await make.license({
      name: 'Chargeback',
      orgUnitId: units.company.id,
      quantity: 4,
      netUnitPrice: '25',
      vatRate: '19',
    });
    for (const unit of [units.sales, units.it, units.ops]) {
      const person = await make.person({ orgUnitId: unit.id });
      await t.admin
        .post(`/api/v1/licenses/${license.id}/persons`)
        .send({ personIds: [person.id] })
        .expect(201);
    }
    const report = await costs('groupBy=orgUnit&view=use&q=chargeback');
    const share = { currency: 'EUR', licenses: 1, seats: 1, net: '25.00', vat: '4.75', gross: '29.75' };
    expect(report.rows).toEqual([
      { group: 'Company (CO) (unused)', ...share },
      { group: 'IT (IT)', ...share },
      { group: 'Ops (OPS)', ...share },
      { group: 'Sales (SA)', ...share },
    ]);
    expect(report.totals).toEqual([
      { currency: 'EUR', licenses: 1, seats: 4, net: '100.00', vat: '19.00', gross: '119.00' },
    ]);
    // A line with no seat held stays whole with its owner, as unused.
    const office = await costs('groupBy=orgUnit&view=use&q=office');
    expect(office.rows).toEqual([
      {
        group: 'EMEA (SA-E) (unused)',
        currency: 'EUR',
        licenses: 1,
        seats: 3,
        net: '99.99',
        vat: '19.00',
        gross: '118.99',
      },
    ]);
  });

  it.each(['owner', 'use'])(
    'exports the %s view to xlsx and csv with the JSON figures: rows, totals rows and summary totals',
    async (view) => {
      const json = await costs(`groupBy=orgUnit&view=${view}`);
      if (view === 'use') {
        // The chargeback license is in four groups: summing the column would count it four times.
        const eurRows = json.rows.filter((r) => r.currency === 'EUR');
        const eurTotal = json.totals.find((t) => t.currency === 'EUR')!;
        expect(eurRows.reduce((n, r) => n + (r.licenses as number), 0)).toBeGreaterThan(
          eurTotal.licenses as number,
        );
      }
      const res = await binary(t.admin.get(`/api/v1/reports/costs?groupBy=orgUnit&view=${view}&format=xlsx`));
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toBe(`attachment; filename="costs-${today}.xlsx"`);
      const wb = await workbookOf(res.body);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Costs', 'License lines']);

      const sheet = wb.getWorksheet('Costs')!;
      const rows = rowsOf(sheet);
      expect(rows[0]).toEqual(['Group', 'Currency', 'Licenses', 'Seats', 'Net', 'VAT', 'Gross']);
      expect(rows.slice(1, json.rows.length + 1)).toEqual(
        json.rows.map((r) => [r.group, r.currency, r.licenses, r.seats, +r.net!, +r.vat!, +r.gross!]),
      );
      json.rows.forEach((r, i) => {
        for (const c of [5, 6, 7])
          expect(sheet.getRow(i + 2).getCell(c).numFmt).toBe(`#,##0.00 "${r.currency}"`);
        expect(sheet.getRow(i + 2).getCell(2).type).toBe(ExcelJS.ValueType.String);
      });

      // One totals row per currency: SUMIF formulas caching the JSON totals; Licenses left blank.
      const totals = totalsRowsOf(sheet, 2);
      expect(Object.keys(totals).sort()).toEqual(json.totals.map((t) => t.currency));
      const last = json.rows.length + 1;
      for (const total of json.totals) {
        const row = totals[total.currency as string];
        expect(row.getCell(3).value).toBeNull();
        ['seats', 'net', 'vat', 'gross'].forEach((key, i) => {
          const cell = row.getCell(4 + i);
          const col = String.fromCharCode(68 + i); // D..G
          expect(cell.formula).toBe(`SUMIF(B2:B${last},"${total.currency}",${col}2:${col}${last})`);
          expect(cell.result).toBe(Number(total[key]));
          expect(cell.font?.bold).toBe(true);
        });
      }

      // The summary's table per currency: all five totals, licenses counted once each.
      expect(summaryTotalsOf(wb.getWorksheet('Summary')!)).toEqual(
        json.totals.map((t) => ({
          Currency: t.currency,
          Licenses: t.licenses,
          Seats: t.seats,
          Net: Number(t.net),
          VAT: Number(t.vat),
          Gross: Number(t.gross),
        })),
      );

      // The CSV holds the same rows.
      expect(await csv(`groupBy=orgUnit&view=${view}`)).toEqual(
        json.rows.map((r) => ({
          Group: r.group,
          Currency: r.currency,
          Licenses: String(r.licenses),
          Seats: String(r.seats),
          Net: r.net,
          VAT: r.vat,
          Gross: r.gross,
        })),
      );
    },
  );

  it('writes the workbook styled for an accountant, and a license line with the figures of the license', async () => {
    const wb = await xlsx('groupBy=orgUnit');
    const sheet = wb.getWorksheet('Costs')!;
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();

    const lines = wb.getWorksheet('License lines')!;
    expect(rowsOf(lines)[0]).toEqual([
      'License',
      'Software',
      'Org unit',
      'Supplier',
      'Invoice',
      'Purchase date',
      'Quantity',
      'Net unit',
      'VAT %',
      'Gross unit',
      'Line net',
      'Line VAT',
      'Line gross',
      'Currency',
    ]);
    const license = (await t.admin.get(`/api/v1/licenses/${office.id}`).expect(200)).body;
    const line = rowsOf(lines).find((r) => r[0] === license.name)!;
    expect(line).toEqual([
      license.name,
      'Office Suite 2024',
      'EMEA',
      'Reseller',
      license.invoiceNumber,
      new Date(`${license.purchaseDate}T00:00:00Z`),
      license.quantity,
      Number(license.netUnitPrice),
      Number(license.vatRate) / 100,
      Number(license.grossUnitPrice),
      99.99, // 3 × 33.33
      19.0, // round2(99.99 × 19 %)
      118.99,
      license.currency,
    ]);
    expect(license.grossUnitPrice).toBe('39.66'); // round2(33.33 × 1.19)
    const officeRow = lines.getRow(rowsOf(lines).findIndex((r) => r[0] === license.name) + 1);
    expect(officeRow.getCell(6).type).toBe(ExcelJS.ValueType.Date);
    expect(officeRow.getCell(6).numFmt).toBe('yyyy-mm-dd');
    expect(officeRow.getCell(9).numFmt).toBe('0.00%');
    for (const c of [8, 10, 11, 12, 13]) expect(officeRow.getCell(c).numFmt).toBe('#,##0.00 "EUR"');

    const detail = csvOf(
      (await binary(t.admin.get('/api/v1/reports/costs?format=csv&detail=true&q=office'))).body,
    );
    expect(detail).toEqual([
      {
        License: 'Office',
        Software: 'Office Suite 2024',
        'Org unit': 'EMEA',
        Supplier: 'Reseller',
        Invoice: 'INV-1',
        'Purchase date': '2026-01-15',
        Quantity: '3',
        'Net unit': license.netUnitPrice,
        'VAT %': '19',
        'Gross unit': license.grossUnitPrice,
        'Line net': '99.99',
        'Line VAT': '19.00',
        'Line gross': '118.99',
        Currency: 'EUR',
      },
    ]);
  });

  it('names the files after the report and the day; the lines CSV after the lines', async () => {
    const get = (query: string) => binary(t.admin.get(`/api/v1/reports/costs?${query}`));
    const csvRes = await get('format=csv');
    expect(csvRes.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csvRes.headers['content-disposition']).toBe(`attachment; filename="costs-${today}.csv"`);
    expect(csvRes.body.toString('utf8')).toContain('\r\n');
    expect((await get('format=csv&detail=true')).headers['content-disposition']).toBe(
      `attachment; filename="costs-lines-${today}.csv"`,
    );
    const detailXlsx = await get('format=xlsx&detail=true');
    expect(detailXlsx.headers['content-disposition']).toBe(`attachment; filename="costs-${today}.xlsx"`);
    expect((await workbookOf(detailXlsx.body)).worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'Costs',
      'License lines',
    ]);
  });

  it('lists who, when and the filters on the summary sheet by name, without paging parameters', async () => {
    const wb = await xlsx(
      `groupBy=orgUnit&view=use&depth=1&from=2025-01-01&to=2026-12-31&softwareId=${suite.id}` +
        `&orgUnitId=${units.emea.id}&q=off&page=2&pageSize=10&sort=-name`,
    );
    const summary = rowsOf(wb.getWorksheet('Summary')!);
    const parameters = Object.fromEntries(
      summary.filter((r) => r && typeof r[0] === 'string' && r[1] !== null).map((r) => [r[0], r[1]]),
    );
    expect(parameters).toMatchObject({
      Report: 'License costs by orgUnit (use view)',
      'Generated by': `Administrator <${t.config.adminEmail}>`,
      'Group by': 'orgUnit',
      View: 'use',
      'Purchased from': '2025-01-01',
      'Purchased to': '2026-12-31',
      'Org unit level': '1',
      Search: 'off',
      Software: 'Office Suite 2024',
      'Org unit': 'EMEA (SA-E)',
    });
    expect(parameters['Generated at']).toBeInstanceOf(Date);
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no raw ids
    for (const word of ['page', 'pageSize', 'sort', 'format'])
      expect(summary.some((r) => r?.[0] === word)).toBe(false);
  });

  it('keeps text that looks like a formula the very text in xlsx, and neutralized in CSV', async () => {
    const evil = '=HYPERLINK("http://evil.example","click")';
    await make.license({ name: evil, quantity: 1, netUnitPrice: '1' });
    await make.license({ name: '-Rabatt', quantity: 1, netUnitPrice: '1' });
    const detail = csvOf(
      (await binary(t.admin.get('/api/v1/reports/costs?format=csv&detail=true&q=HYPERLINK'))).body,
    );
    expect(detail.map((r) => r.License)).toEqual([`'${evil}`]);
    expect(
      csvOf((await binary(t.admin.get('/api/v1/reports/costs?format=csv&detail=true&q=Rabatt'))).body)[0]
        .License,
    ).toBe("'-Rabatt");

    for (const [q, name] of [
      ['HYPERLINK', evil],
      ['Rabatt', '-Rabatt'],
    ]) {
      const wb = await xlsx(`q=${q}`);
      const cell = wb.getWorksheet('License lines')!.getCell('A2');
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(name);
    }
    // the same in a group name, and in the search shown on the summary
    const json = await costs('groupBy=software&q=HYPERLINK');
    const named = await t.admin.post('/api/v1/software').send({ name: '@SUM(1+1)*cmd' });
    await t.admin
      .patch(`/api/v1/licenses/${(await t.admin.get('/api/v1/licenses?q=HYPERLINK')).body.items[0].id}`)
      .send({ softwareId: named.body.id })
      .expect(200);
    const wb = await xlsx('groupBy=software&q=HYPERLINK');
    const group = wb.getWorksheet('Costs')!.getCell('A2');
    expect(group.type).toBe(ExcelJS.ValueType.String);
    expect(group.value).toBe('@SUM(1+1)*cmd');
    expect((await costs('groupBy=software&q=HYPERLINK')).rows[0].group).toBe('@SUM(1+1)*cmd');
    expect(json.rows[0].group).toBe('(no software)');
  });

  it('refuses bad parameters with 400 in the error shape', async () => {
    for (const query of [
      'groupBy=color',
      'view=mine',
      'format=pdf',
      'from=2026-02-30',
      'depth=-1',
      'detail=maybe',
    ]) {
      expectError(await t.admin.get(`/api/v1/reports/costs?${query}`), 400);
    }
    const reversed = expectError(
      await t.admin.get('/api/v1/reports/costs?from=2026-02-01&to=2026-01-31'),
      400,
    );
    expect(reversed.details).toEqual({ to: ['to must not be before from'] });
    for (const groupBy of ['software', 'supplier', 'category', 'month']) {
      const res = expectError(await t.admin.get(`/api/v1/reports/costs?groupBy=${groupBy}&depth=1`), 400);
      expect(res.details).toEqual({ depth: ['depth applies to groupBy=orgUnit only'] });
    }
    expectError(await t.admin.get('/api/v1/reports/costs?from=2026-02-01&to=2026-01-31&format=xlsx'), 400);
    expectError(await t.admin.get('/api/v1/reports/expiring?days=-5'), 400);
  });

  it('documents each report answer: the JSON schema, and the xlsx and csv files', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const schemas = doc.components.schemas;
    const resolve = (schema: { $ref?: string }) => schemas[schema.$ref!.split('/').pop()!];
    const expected: Record<string, string[]> = {
      '/api/v1/reports/costs': ['parameters', 'rows', 'totals'],
      '/api/v1/reports/compliance': ['items', 'total', 'page', 'pageSize'],
      '/api/v1/reports/expiring': ['days', 'from', 'until', 'rows', 'totals'],
    };
    for (const [path, properties] of Object.entries(expected)) {
      const content = doc.paths[path].get.responses['200'].content;
      expect(Object.keys(content).sort()).toEqual([
        'application/json',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'text/csv; charset=utf-8',
      ]);
      expect(content['text/csv; charset=utf-8'].schema).toEqual({ type: 'string', format: 'binary' });
      expect(content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toEqual({
        type: 'string',
        format: 'binary',
      });
      const json = resolve(content['application/json'].schema);
      expect(Object.keys(json.properties)).toEqual(properties);
    }
    const row = (name: string) => schemas[name].properties;
    expect(row('CostRowDto').licenses.type).toBe('number');
    expect(row('CostRowDto').net.type).toBe('string');
    expect(row('CostParametersDto').from).toMatchObject({ type: 'string', format: 'date', nullable: true });
    expect(row('CostParametersDto').depth).toMatchObject({ type: 'number', nullable: true });
    expect(row('ExpiringRowDto').supportDate).toMatchObject({ type: 'string', nullable: true });
    expect(row('ExpiringRowDto').endingInWindow).toMatchObject({ type: 'array' });
    expect(row('ComplianceRowDto').expirationDate).toMatchObject({ type: 'string', nullable: true });
    expect(row('ExpiringTotalDto').annualGross.type).toBe('string');
  });
});
