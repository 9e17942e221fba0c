import {
  columnWidth,
  csvValue,
  ExportValueError,
  moneyFormat,
  toCurrency,
  toDate,
  toInteger,
  toMoney,
  toRate,
  xlsxCell,
  type Column,
} from './columns';

describe('column values', () => {
  it('normalises money to two decimals and refuses anything but decimal strings', () => {
    expect(toMoney('net', '1234.5')).toBe('1234.50');
    expect(toMoney('net', '-5.00')).toBe('-5.00');
    expect(toMoney('net', null)).toBeNull();
    for (const bad of ['1.005', '1,50', '1e3', '', ' 1', 12.5, '=1+1']) {
      expect(() => toMoney('net', bad)).toThrow(ExportValueError);
    }
  });

  it('reads integers from numbers and digit strings (bigint counts)', () => {
    expect(toInteger('n', 7)).toBe(7);
    expect(toInteger('n', '-12')).toBe(-12);
    for (const bad of [1.5, '1.0', 'x', 2 ** 53, '99999999999999999']) {
      expect(() => toInteger('n', bad)).toThrow(ExportValueError);
    }
  });

  it('normalises rates and turns them into fractions for xlsx', () => {
    expect(toRate('vat', '19.00')).toBe('19');
    expect(toRate('vat', '7.5')).toBe('7.5');
    expect(toRate('vat', 19)).toBe('19');
    expect(() => toRate('vat', '19%')).toThrow(ExportValueError);
    const col: Column<string> = { key: 'vat', header: 'VAT', kind: 'percent', value: (r) => r };
    expect(xlsxCell(col, '19')).toEqual({ value: 0.19, numFmt: '0.00%' });
    expect(xlsxCell(col, '7.7')).toEqual({ value: 0.077, numFmt: '0.00%' });
    expect(csvValue(col, '19.00')).toBe('19');
  });

  it('takes calendar dates only, as UTC midnight', () => {
    expect(toDate('d', '2024-02-29')).toEqual(new Date('2024-02-29T00:00:00Z'));
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-1', '2024-01-01T00:00:00Z', 20240101]) {
      expect(() => toDate('d', bad)).toThrow(ExportValueError);
    }
  });

  it('builds currency formats from ISO codes only', () => {
    expect(moneyFormat('EUR')).toBe('#,##0.00 "EUR"');
    expect(moneyFormat(null)).toBe('#,##0.00');
    expect(() => moneyFormat('E"R')).toThrow(ExportValueError);
    expect(toCurrency('c', 'CHF')).toBe('CHF');
    expect(() => toCurrency('c', 'chf')).toThrow(ExportValueError);
  });

  it('neutralizes CSV text but never numbers; xlsx text is the string itself', () => {
    const text: Column<string | number> = { key: 't', header: 'T', kind: 'text', value: (r) => r };
    expect(csvValue(text, '-2')).toBe("'-2");
    expect(csvValue(text, -2)).toBe("'-2");
    expect(xlsxCell(text, '=1+1')).toEqual({ value: '=1+1' });
    expect(xlsxCell(text, '-Rabatt')).toEqual({ value: '-Rabatt' });
    const money: Column<string> = {
      key: 'm',
      header: 'M',
      kind: 'money',
      value: (r) => r,
      currency: () => 'EUR',
    };
    expect(csvValue(money, '-5.00')).toBe('-5.00');
    expect(xlsxCell(money, '-5.00')).toEqual({ value: -5, numFmt: '#,##0.00 "EUR"' });
  });

  it('picks widths from the column, else its kind and header', () => {
    const base = { key: 'k', value: () => null };
    expect(columnWidth({ ...base, header: 'Net', kind: 'money', width: 22 })).toBe(22);
    expect(columnWidth({ ...base, header: 'Net', kind: 'money' })).toBe(16);
    expect(columnWidth({ ...base, header: 'Seats purchased in total', kind: 'integer' })).toBe(26);
  });
});
