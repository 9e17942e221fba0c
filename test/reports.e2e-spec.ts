import ExcelJS from 'exceljs';
import { binary, csvOf, workbookOf } from './helpers/files';
import { createTestApp, expectError, TestApp } from './helpers/test-app';
import { factories } from './helpers/factories';

describe('reports', () => {
  let t: TestApp;
  let make: ReturnType<typeof factories>;
  let units: Record<string, { id: string; name: string; code: string }>;
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
    // Office: 3 × 33.33 at 19 % → net 99.99, VAT 19.00, gross 118.99 (EUR), owned by EMEA.
    await make.license({
      name: 'Office',
      orgUnitId: emea.id,
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
    return res.body as {
      rows: Record<string, unknown>[];
      totals: Record<string, unknown>[];
      parameters: unknown;
    };
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
  });

  it('groups by software, supplier, category and month, and filters on purchase date', async () => {
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
    const window = await costs('groupBy=month&from=2026-01-01&to=2026-01-31');
    expect(window.rows.map((r) => r.group)).toEqual(['2026-01']);
    expect((await costs('groupBy=category')).rows.every((r) => r.group === '(no category)')).toBe(true);
    expect((await costs('groupBy=orgUnit&q=office')).totals).toEqual([
      { currency: 'EUR', licenses: 1, seats: 3, net: '99.99', vat: '19.00', gross: '118.99' },
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
    expect(report.rows).toEqual([
      {
        group: 'Company (CO) (unused)',
        currency: 'EUR',
        licenses: 1,
        seats: 1,
        net: '25.00',
        vat: '4.75',
        gross: '29.75',
      },
      { group: 'IT (IT)', currency: 'EUR', licenses: 1, seats: 1, net: '25.00', vat: '4.75', gross: '29.75' },
      {
        group: 'Ops (OPS)',
        currency: 'EUR',
        licenses: 1,
        seats: 1,
        net: '25.00',
        vat: '4.75',
        gross: '29.75',
      },
      {
        group: 'Sales (SA)',
        currency: 'EUR',
        licenses: 1,
        seats: 1,
        net: '25.00',
        vat: '4.75',
        gross: '29.75',
      },
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

  it('exports the cost report as a workbook with the same figures as the JSON', async () => {
    const json = await costs('groupBy=orgUnit&view=owner');
    const res = await binary(t.admin.get('/api/v1/reports/costs?groupBy=orgUnit&view=owner&format=xlsx'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="costs-${today}.xlsx"`);
    const wb = await workbookOf(res.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Costs', 'License lines']);

    const sheet = wb.getWorksheet('Costs')!;
    expect(sheet.getRow(1).font?.bold ?? sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['Group', 'Currency', 'Licenses', 'Seats', 'Net', 'VAT', 'Gross']);
    json.rows.forEach((row, i) => {
      const cells = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      expect(cells).toEqual([
        row.group,
        row.currency,
        row.licenses,
        row.seats,
        Number(row.net),
        Number(row.vat),
        Number(row.gross),
      ]);
      expect(sheet.getRow(i + 2).getCell(5).numFmt).toContain(row.currency as string);
    });
    // Totals rows: SUMIF per currency, cached results equal to the JSON totals.
    const totals: Record<string, unknown[]> = {};
    sheet.eachRow((row) => {
      const net = row.getCell(5).value as { formula?: string; result?: number };
      if (net && typeof net === 'object' && net.formula)
        totals[String(row.getCell(2).value)] = [net.formula, net.result];
    });
    for (const total of json.totals) {
      expect(totals[total.currency as string][0]).toMatch(/^SUMIF\(/);
      expect(totals[total.currency as string][1]).toBe(Number(total.net));
    }

    const lines = wb.getWorksheet('License lines')!;
    expect((lines.getRow(1).values as string[]).slice(1)).toEqual([
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
    let office: ExcelJS.Row | undefined;
    lines.eachRow((row) => (row.getCell(1).value === 'Office' ? (office = row) : undefined));
    expect(office!.getCell(6).value).toEqual(new Date('2026-01-15T00:00:00Z'));
    expect(office!.getCell(9).value).toBe(0.19);
    expect(office!.getCell(9).numFmt).toContain('%');
    expect(office!.getCell(11).value).toBe(99.99);
    expect(office!.getCell(13).value).toBe(118.99);

    const summary = wb.getWorksheet('Summary')!;
    const text = JSON.stringify(summary.getSheetValues());
    expect(text).toContain(t.config.adminEmail);
    expect(text).toContain('groupBy');
  });

  it('exports the rows, or the license lines, as CSV with the same figures', async () => {
    const json = await costs('groupBy=orgUnit');
    const res = await binary(t.admin.get('/api/v1/reports/costs?groupBy=orgUnit&format=csv'));
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="costs-${today}.csv"`);
    expect(res.body.toString('utf8')).toContain('\r\n');
    const rows = csvOf(res.body);
    expect(rows).toEqual(
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
    const detail = csvOf(
      (await binary(t.admin.get('/api/v1/reports/costs?format=csv&detail=true&q=office'))).body,
    );
    expect(detail).toEqual([
      expect.objectContaining({
        License: 'Office',
        'Purchase date': '2026-01-15',
        'Net unit': '33.33',
        'VAT %': '19',
        'Line net': '99.99',
        'Line VAT': '19.00',
        'Line gross': '118.99',
        Currency: 'EUR',
      }),
    ]);
  });

  it('keeps text that looks like a formula as text, in CSV and in xlsx', async () => {
    await make.license({ name: '=HYPERLINK("http://evil.example","click")', quantity: 1, netUnitPrice: '1' });
    const csv = csvOf(
      (await binary(t.admin.get('/api/v1/reports/costs?format=csv&detail=true&q=HYPERLINK'))).body,
    );
    expect(csv[0].License.startsWith("'=")).toBe(true);
    const wb = await workbookOf(
      (await binary(t.admin.get('/api/v1/reports/costs?format=xlsx&q=HYPERLINK'))).body,
    );
    const cell = wb.getWorksheet('License lines')!.getCell('A2');
    expect(typeof cell.value).toBe('string');
    expect(cell.formula).toBeUndefined();
  });

  it('answers the expiring report soonest first with the cost at stake, and as files', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await make.license({
      name: 'Soon',
      quantity: 2,
      netUnitPrice: '50',
      vatRate: '19',
      supportDate: later,
      expirationDate: soon,
    });
    const res = await t.admin.get('/api/v1/reports/expiring?days=90&q=soon');
    expect(res.status).toBe(200);
    expect(
      res.body.rows.map((r: { dateKind: string; date: string; daysLeft: number; annualGross: string }) => [
        r.dateKind,
        r.date,
        r.daysLeft,
        r.annualGross,
      ]),
    ).toEqual([
      ['expiration', soon, 10, '119.00'],
      ['support', later, 40, '119.00'],
    ]);
    expect((await t.admin.get('/api/v1/reports/expiring?days=20&q=soon')).body.rows).toHaveLength(1);
    const wb = await workbookOf(
      (await binary(t.admin.get('/api/v1/reports/expiring?days=90&q=soon&format=xlsx'))).body,
    );
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Expiring', 'License lines']);
    const csv = csvOf((await binary(t.admin.get('/api/v1/reports/expiring?days=90&q=soon&format=csv'))).body);
    expect(csv.map((r) => r['Annual gross'])).toEqual(['119.00', '119.00']);
  });

  it('exports the compliance report', async () => {
    const json = (await t.admin.get('/api/v1/reports/compliance?pageSize=500')).body;
    const csv = csvOf((await binary(t.admin.get('/api/v1/reports/compliance?format=csv'))).body);
    expect(csv.map((r) => r.License).sort()).toEqual(
      json.items.map((r: { name: string }) => r.name.replace(/^=/, "'=")).sort(),
    );
    const wb = await workbookOf((await binary(t.admin.get('/api/v1/reports/compliance?format=xlsx'))).body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Compliance', 'License lines']);
  });

  it('refuses bad parameters with 400', async () => {
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
    expectError(await t.admin.get('/api/v1/reports/expiring?days=-5'), 400);
  });
});
