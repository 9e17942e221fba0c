import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { PassThrough, Writable } from 'node:stream';
import { ExportValueError, type Column } from './columns';
import { csvLine, writeCsv } from './csv';
import { neutralize } from './neutralize';

interface Line {
  name: string;
  quantity: number | null;
  net: string | null;
  vatRate: string;
  start: string | null;
}

const columns: Column<Line>[] = [
  { key: 'name', header: 'Name', kind: 'text', value: (l) => l.name },
  { key: 'quantity', header: 'Quantity', kind: 'integer', value: (l) => l.quantity },
  { key: 'net', header: 'Net, EUR', kind: 'money', value: (l) => l.net },
  { key: 'vatRate', header: 'VAT %', kind: 'percent', value: (l) => l.vatRate },
  { key: 'start', header: 'Start', kind: 'date', value: (l) => l.start },
];

async function csvBytes(rows: Iterable<Line> | AsyncIterable<Line>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeCsv(out, columns, rows);
  out.end();
  return Buffer.concat(chunks);
}

describe('neutralize', () => {
  it('prefixes a quote to text a spreadsheet would read as a formula', () => {
    for (const text of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralize(text)).toBe(`'${text}`);
    for (const text of ['', 'Adobe', ' =1', 'a=b', "'quoted", '1-2']) expect(neutralize(text)).toBe(text);
  });
});

describe('csvLine', () => {
  it('leaves plain fields alone and writes null as an empty field', () => {
    expect(csvLine(['a', 1, null, '12.50', -3.5])).toBe('a,1,,12.50,-3.5');
    expect(csvLine([])).toBe('');
  });

  it('quotes fields with commas, quotes, line breaks or outer spaces, doubling quotes', () => {
    expect(csvLine(['a,b'])).toBe('"a,b"');
    expect(csvLine(['say "hi"'])).toBe('"say ""hi"""');
    expect(csvLine(['two\nlines', 'cr\r', 'crlf\r\n'])).toBe('"two\nlines","cr\r","crlf\r\n"');
    expect(csvLine([' lead', 'trail ', 'in side'])).toBe('" lead","trail ",in side');
    expect(csvLine(['Müller & Söhne', 'Ærø'])).toBe('Müller & Söhne,Ærø');
  });

  it('writes a lone empty field as "" so that the line is not blank', () => {
    expect(csvLine([''])).toBe('""');
    expect(csvLine([null])).toBe('""');
    expect(csvLine(['', ''])).toBe(',');
  });

  it('refuses numbers without a CSV form', () => {
    expect(() => csvLine([NaN])).toThrow(RangeError);
    expect(() => csvLine([Infinity])).toThrow(RangeError);
  });

  it('round-trips arbitrary fields through csv-parse', () => {
    const tricky = fc.string({ unit: fc.constantFrom(',', '"', '\r', '\n', ' ', '\t', 'a', 'é', '=', '€') });
    const field = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), tricky);
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
        const records = parse(csvLine(fields) + '\r\n', { relax_column_count: true }) as string[][];
        expect(records).toEqual([fields]);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips numbers and nulls as their text and empty fields', () => {
    const value = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 6 }), (values) => {
        const [record] = parse(csvLine(values)) as string[][];
        expect(record).toEqual(values.map((v) => (v === null ? '' : String(v))));
      }),
    );
  });
});

describe('writeCsv', () => {
  const rows: Line[] = [
    { name: 'Adobe Acrobat, Pro', quantity: 3, net: '1234.5', vatRate: '19.00', start: '2024-01-31' },
    { name: '=HYPERLINK("x")', quantity: -1, net: '-5.00', vatRate: '7', start: null },
    { name: '+1', quantity: null, net: null, vatRate: '0', start: '2024-02-29' },
    { name: '-2', quantity: 0, net: '0', vatRate: '19.5', start: null },
    { name: '@SUM(A1)', quantity: 1, net: '0.10', vatRate: '19', start: null },
    { name: 'Zoë Größe', quantity: 1, net: '1.00', vatRate: '19', start: null },
  ];

  it('writes a BOM, a header and one CRLF line per row with neutralized text and typed values', async () => {
    const bytes = await csvBytes(rows);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toBe(
      '\uFEFF' +
        [
          'Name,Quantity,"Net, EUR",VAT %,Start',
          '"Adobe Acrobat, Pro",3,1234.50,19,2024-01-31',
          `"'=HYPERLINK(""x"")",-1,-5.00,7,`,
          "'+1,,,0,2024-02-29",
          "'-2,0,0.00,19.5,",
          "'@SUM(A1),1,0.10,19,",
          'Zoë Größe,1,1.00,19,',
        ].join('\r\n') +
        '\r\n',
    );
  });

  it('reads back with csv-parse as the same table', async () => {
    const records = parse(await csvBytes(rows), { bom: true }) as string[][];
    expect(records).toHaveLength(rows.length + 1);
    expect(records[2]).toEqual([`'=HYPERLINK("x")`, '-1', '-5.00', '7', '']);
    expect(records[6][0]).toBe('Zoë Größe');
  });

  it('writes only the header when there are no rows, and reads async iterables', async () => {
    async function* none(): AsyncGenerator<Line> {}
    expect((await csvBytes(none())).toString('utf8')).toBe('\uFEFFName,Quantity,"Net, EUR",VAT %,Start\r\n');
    async function* one(): AsyncGenerator<Line> {
      yield rows[0];
    }
    expect((await csvBytes(one())).toString('utf8').split('\r\n')).toHaveLength(3);
  });

  it('rejects values that break the column contract', async () => {
    await expect(csvBytes([{ ...rows[0], net: '=1+1' }])).rejects.toThrow(ExportValueError);
    await expect(csvBytes([{ ...rows[0], net: '1.005' }])).rejects.toThrow(ExportValueError);
    await expect(csvBytes([{ ...rows[0], start: '2023-02-29' }])).rejects.toThrow(ExportValueError);
    await expect(csvBytes([{ ...rows[0], quantity: 1.5 }])).rejects.toThrow(ExportValueError);
  });

  it('waits for drain and pulls rows only as fast as the output takes them', async () => {
    let pulled = 0;
    function* many(): Generator<Line> {
      for (let i = 0; i < 20_000; i++) {
        pulled++;
        yield { name: `Product ${i}`, quantity: i, net: '10.00', vatRate: '19', start: '2024-01-01' };
      }
    }
    const received: Buffer[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        received.push(chunk);
        void gate.then(() => done());
      },
    });
    const writing = writeCsv(out, columns, many());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled).toBeLessThan(20_000);
    release();
    expect(await writing).toBe(20_000);
    expect(pulled).toBe(20_000);
    expect(Buffer.concat(received).toString('utf8').split('\r\n')).toHaveLength(20_002);
  });

  it('rejects instead of hanging when the output closes while it waits', async () => {
    const out = new Writable({ highWaterMark: 16, write: () => undefined });
    const rowsForever = function* (): Generator<Line> {
      for (;;) yield rows[0];
    };
    const writing = writeCsv(out, columns, rowsForever());
    setTimeout(() => out.destroy(), 10);
    await expect(writing).rejects.toThrow(/closed|destroyed/);
  });
});
