import ExcelJS from 'exceljs';
import { DomainError } from '@libs/errors';
import {
  detectDelimiter,
  isDateFormat,
  parseCsv,
  readImportFile,
  unzippedSize,
  xlsxCell,
} from './file-reader';

const LIMIT = { maxRows: 100 };
const utf8 = (text: string) => Buffer.from(text, 'utf8');

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('parseCsv', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""","line\nbreak"\r\nx,y,z,w\r\n', ',')).toEqual([
      ['a', 'b, c', 'say "hi"', 'line\nbreak'],
      ['x', 'y', 'z', 'w'],
    ]);
  });

  it('keeps blank lines as records, so record numbers are row numbers', () => {
    expect(parseCsv('h\n\nv\n', ',')).toEqual([['h'], [''], ['v']]);
    expect(parseCsv('h\rv', ',')).toEqual([['h'], ['v']]);
    expect(parseCsv('h\n""', ',')).toEqual([['h'], ['']]);
  });

  it('takes a formula as text and refuses a quote left open', () => {
    expect(parseCsv('=1+1;@SUM(A1)', ';')).toEqual([['=1+1', '@SUM(A1)']]);
    expect(() => parseCsv('a\n"open', ',')).toThrow(/Row 2: a quoted field is not closed/);
  });
});

describe('detectDelimiter', () => {
  it('picks the separator the header line uses most, outside quotes', () => {
    expect(detectDelimiter('Email;First name;Last name\na,b,c,d,e')).toBe(';');
    expect(detectDelimiter('Email,First name,Last name')).toBe(',');
    expect(detectDelimiter('"a;b",c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });
});

describe('readImportFile', () => {
  it('reads a CSV with BOM and ";", trimming cells and numbering rows as Excel does', async () => {
    const sheet = await readImportFile(
      utf8('\uFEFFEmail;Name\r\n a@x.com ;Ann\r\n;\r\nb@x.com;"Lee; B"\r\n'),
      LIMIT,
    );
    expect(sheet.format).toBe('csv');
    expect(sheet.header).toEqual(['Email', 'Name']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['a@x.com', 'Ann'] },
      { row: 4, cells: ['b@x.com', 'Lee; B'] },
    ]);
  });

  it('reads UTF-16 with its BOM (Excel "Unicode text", tab-separated)', async () => {
    const text = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Name\tCity\r\nJürgen\tKöln\r\n', 'utf16le'),
    ]);
    const sheet = await readImportFile(text, LIMIT);
    expect(sheet.rows[0].cells).toEqual(['Jürgen', 'Köln']);
  });

  it('refuses empty files, binary files, legacy .xls and text that is not UTF-8', async () => {
    expect((await refusal(readImportFile(Buffer.alloc(0), LIMIT))).code).toBe('EMPTY_FILE');
    expect((await refusal(readImportFile(utf8('\uFEFF\r\n \r\n'), LIMIT))).code).toBe('EMPTY_FILE');
    expect((await refusal(readImportFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), LIMIT))).code).toBe(
      'UNSUPPORTED_FILE',
    );
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await refusal(readImportFile(xls, LIMIT))).message).toMatch(/\.xls/);
    expect((await refusal(readImportFile(Buffer.from('Name\nM\xfcller\n', 'latin1'), LIMIT))).code).toBe(
      'UNSUPPORTED_FILE',
    );
  });

  it('refuses more data rows than the limit, in CSV and xlsx, not counting blank rows', async () => {
    const csv = (n: number) =>
      utf8(`Email\n${Array.from({ length: n }, (_, i) => `p${i}@x.com\n\n`).join('')}`);
    expect((await readImportFile(csv(3), { maxRows: 3 })).rows).toHaveLength(3);
    const tooMany = await refusal(readImportFile(csv(4), { maxRows: 3 }));
    expect(tooMany.code).toBe('TOO_MANY_ROWS');
    expect(tooMany.kind).toBe('invalid');
    expect(tooMany.details).toEqual({ limit: 3 });

    const book = (n: number) =>
      xlsx((wb) => {
        const ws = wb.addWorksheet('Persons');
        ws.addRow(['Email']);
        for (let i = 0; i < n; i++) ws.addRow([`p${i}@x.com`]);
      });
    expect((await readImportFile(await book(3), { maxRows: 3 })).rows).toHaveLength(3);
    expect((await refusal(readImportFile(await book(4), { maxRows: 3 }))).code).toBe('TOO_MANY_ROWS');
  });

  it('reads xlsx cells as values: formulas by their result, dates, percents, rich text, errors', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('Licenses');
      ws.addRow(['Name', 'Price', 'Date', 'VAT', 'Rich', 'Error', 'Flag', 'Formula date']);
      ws.addRow([
        { formula: '"Off"&"ice"', result: 'Office' },
        { formula: '1000+234.5', result: 1234.5 },
        new Date(Date.UTC(2026, 0, 31)),
        0.19,
        { richText: [{ text: 'A' }, { text: 'B' }] },
        { error: '#N/A' },
        true,
        { formula: 'C2+1', result: 46054 },
      ]);
      ws.getCell('C2').numFmt = 'yyyy-mm-dd';
      ws.getCell('D2').numFmt = '0%';
      ws.getCell('H2').numFmt = 'dd.mm.yyyy';
    });
    const sheet = await readImportFile(file, LIMIT);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.rows[0].row).toBe(2);
    expect(sheet.rows[0].cells).toEqual([
      'Office',
      1234.5,
      new Date('2026-01-31T00:00:00Z'),
      '19%',
      'AB',
      { error: '#N/A' },
      true,
      new Date('2026-02-01T00:00:00Z'),
    ]);
  });

  it('reads the sheet named like the import, else the first one that is not the explanation sheet', async () => {
    const file = await xlsx((wb) => {
      wb.addWorksheet('Columns').addRow(['Column']);
      wb.addWorksheet('Notes').addRow(['Note']);
      wb.addWorksheet('Persons').addRow(['Email']);
    });
    expect((await readImportFile(file, { ...LIMIT, sheetName: 'persons' })).header).toEqual(['Email']);
    expect(
      (await readImportFile(file, { ...LIMIT, sheetName: 'Assets', skipSheets: ['Columns'] })).header,
    ).toEqual(['Note']);
  });

  it('refuses a zip that is no workbook, and a workbook without sheets', async () => {
    const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);
    expect((await refusal(readImportFile(broken, LIMIT))).code).toBe('INVALID_XLSX');
    const empty = await xlsx(() => undefined);
    expect((await refusal(readImportFile(empty, LIMIT))).code).toMatch(/EMPTY_FILE|INVALID_XLSX/);
  });

  it('refuses a workbook that would unpack to more than the bound, before unpacking it', async () => {
    const file = await xlsx((wb) => wb.addWorksheet('Persons').addRow(['Email']));
    // Declare a huge unpacked size in the first central directory entry.
    const directory = file.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    file.writeUInt32LE(0xfffffff0, directory + 24);
    const error = await refusal(readImportFile(file, LIMIT));
    expect(error.code).toBe('FILE_TOO_LARGE_UNPACKED');
    expect(error.kind).toBe('invalid');
  });

  it('aligns cells to the widest row and says which columns hold data', async () => {
    const sheet = await readImportFile(utf8('A,B\n1\n2,,3\n'), LIMIT);
    expect(sheet.header).toEqual(['A', 'B', '']);
    expect(sheet.columnHasData).toEqual([true, false, true]);
    expect(sheet.rows[0].cells).toEqual(['1', null, null]);
  });
});

describe('xlsx helpers', () => {
  it('tells date formats from others', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('dd.mm.yyyy hh:mm')).toBe(true);
    expect(isDateFormat('#,##0.00 "EUR"')).toBe(false);
    expect(isDateFormat('[$-407]0.00')).toBe(false);
    expect(isDateFormat('0%')).toBe(false);
  });

  it('treats a formula without a stored result as a cell problem', () => {
    expect(xlsxCell({ formula: 'A1*2' })).toEqual({
      error: expect.stringMatching(/formula without a computed value/),
    });
    expect(xlsxCell({ sharedFormula: 'A1', result: 4 })).toBe(4);
    expect(xlsxCell({ text: 'link', hyperlink: 'http://x' })).toBe('link');
    expect(xlsxCell('  ')).toBeNull();
  });

  it('reads the unpacked size from the zip directory', async () => {
    const file = await xlsx((wb) => wb.addWorksheet('S').addRow(['x'.repeat(10_000)]));
    const size = unzippedSize(file);
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(100_000);
    expect(unzippedSize(Buffer.from('PK\x03\x04 not really'))).toBeNull();
  });
});
