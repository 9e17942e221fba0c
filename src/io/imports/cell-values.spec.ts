import { convertCell, displayValue, moneyAmount, unguard } from './cell-values';
import type { ImportColumn } from './import-columns';

const column = (kind: ImportColumn['kind'], extra: Partial<ImportColumn> = {}): ImportColumn => ({
  header: 'Col',
  field: 'col',
  kind,
  example: '',
  description: '',
  ...extra,
});
const value = (c: ImportColumn, cell: Parameters<typeof convertCell>[1]) => {
  const converted = convertCell(c, cell);
  if (!converted.ok) throw new Error(converted.message);
  return converted.value;
};
const message = (c: ImportColumn, cell: Parameters<typeof convertCell>[1]) => {
  const converted = convertCell(c, cell);
  if (converted.ok) throw new Error(`read as ${String(converted.value)}`);
  return converted.message;
};

describe('convertCell', () => {
  it('keeps text as typed, formulas included, and takes off the guard of our exports', () => {
    expect(value(column('text'), '=1+1')).toBe('=1+1');
    expect(value(column('text'), "'=1+1")).toBe('=1+1');
    expect(value(column('text'), "'quoted")).toBe("'quoted");
    expect(value(column('text'), 1042)).toBe('1042');
    expect(value(column('text', { upper: true }), 'eur')).toBe('EUR');
    expect(unguard("'@SUM(A1)")).toBe('@SUM(A1)');
  });

  it('reads whole numbers from text or number cells', () => {
    expect(value(column('int'), '25')).toBe(25);
    expect(value(column('int'), 25)).toBe(25);
    expect(value(column('int'), 0.1 * 3 * 10)).toBe(3);
    expect(message(column('int'), '2.5')).toBe('Must be a whole number.');
    expect(message(column('int'), 2.5)).toBe('Must be a whole number.');
    expect(message(column('int'), 'many')).toBe('Must be a whole number.');
  });

  it('reads thousands separators in whole numbers where they cannot be decimals', () => {
    expect(value(column('int'), '1.000.000')).toBe(1_000_000);
    expect(value(column('int'), '1 000')).toBe(1000);
    expect(value(column('int'), '1.000,00')).toBe(1000);
    expect(message(column('int'), '1.000')).toMatch(/ambiguous/);
    expect(message(column('int'), '1,000')).toMatch(/ambiguous/);
    expect(message(column('int'), '1.000,5')).toBe('Must be a whole number.');
  });

  it('takes a currency sign or code off an amount, for the importer to check', () => {
    expect(moneyAmount('€ 1.234,50')).toEqual({ amount: '1.234,50', currency: 'EUR' });
    expect(moneyAmount('1234.50 EUR')).toEqual({ amount: '1234.50', currency: 'EUR' });
    expect(moneyAmount('12usd')).toEqual({ amount: '12', currency: 'USD' });
    expect(moneyAmount('1234,50')).toEqual({ amount: '1234,50' });
    expect(moneyAmount('EUR 5 USD')).toEqual({ amount: 'EUR 5 USD' });
    expect(moneyAmount('free')).toEqual({ amount: 'free' });
    expect(value(column('money'), '€1.234,50')).toBe('1234.50');
    expect(message(column('money'), 'euro')).toBe('"euro" is not a number.');
  });

  it('reads amounts and rates, decimal commas and percent signs included', () => {
    expect(value(column('money'), '1.234,50')).toBe('1234.50');
    expect(value(column('money'), 1234.5)).toBe('1234.5');
    expect(message(column('money'), '1,234')).toMatch(/ambiguous/);
    expect(value(column('rate'), '19%')).toBe('19');
    expect(value(column('rate'), '7,5 %')).toBe('7.5');
    expect(value(column('rate'), 19)).toBe('19');
  });

  it('reads dates from ISO or German text, or date cells', () => {
    expect(value(column('date'), '2026-01-31')).toBe('2026-01-31');
    expect(value(column('date'), new Date('2026-01-31T00:00:00Z'))).toBe('2026-01-31');
    expect(value(column('date'), '31.01.2026')).toBe('2026-01-31');
    expect(value(column('date'), '1.2.2026')).toBe('2026-02-01');
    expect(message(column('date'), '31.02.2026')).toMatch(/DD\.MM\.YYYY/);
    expect(message(column('date'), '01/31/2026')).toMatch(/YYYY-MM-DD/);
    expect(message(column('date'), '2026-02-30')).toMatch(/YYYY-MM-DD/);
    expect(message(column('date'), 46053)).toMatch(/YYYY-MM-DD/);
  });

  it('reads enumerations and yes/no loosely', () => {
    const kinds = column('enum', { values: ['in_use', 'virtual_machine'] });
    expect(value(kinds, 'In use')).toBe('in_use');
    expect(value(kinds, 'virtual-machine')).toBe('virtual_machine');
    expect(message(kinds, 'broken')).toBe('Must be one of: in_use, virtual_machine.');
    for (const yes of ['yes', 'Y', 'TRUE', '1', true]) expect(value(column('bool'), yes)).toBe(true);
    for (const no of ['no', 'N', 'false', '0', false, 0]) expect(value(column('bool'), no)).toBe(false);
    expect(message(column('bool'), 'maybe')).toBe('Must be yes or no.');
  });

  it('reports spreadsheet errors and shows cells as the user sees them', () => {
    expect(message(column('text'), { error: '#DIV/0!' })).toBe('The cell holds the error #DIV/0!.');
    expect(displayValue({ error: '#N/A' })).toBe('#N/A');
    expect(displayValue(0.1 + 0.2)).toBe('0.3');
    expect(displayValue(new Date('2026-01-31T00:00:00Z'))).toBe('2026-01-31');
    expect(displayValue(true)).toBe('TRUE');
    expect(displayValue(null)).toBeNull();
  });
});
