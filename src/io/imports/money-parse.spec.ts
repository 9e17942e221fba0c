import fc from 'fast-check';
import { numberToDecimal, parseDecimal } from './money-parse';

const value = (text: string) => {
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new Error(`"${text}" refused: ${parsed.message}`);
  return parsed.value;
};
const refused = (text: string) => {
  const parsed = parseDecimal(text);
  if (parsed.ok) throw new Error(`"${text}" read as ${parsed.value}`);
  return parsed.message;
};

describe('parseDecimal', () => {
  it('reads a decimal point or a decimal comma', () => {
    expect(value('1234.5')).toBe('1234.5');
    expect(value('1234,50')).toBe('1234.50');
    expect(value('0,5')).toBe('0.5');
    expect(value(',5')).toBe('0.5');
    expect(value(' 99.99 ')).toBe('99.99');
    expect(value('1234')).toBe('1234');
    expect(value('007')).toBe('7');
  });

  it('reads thousands separators when the other separator marks the decimals', () => {
    expect(value('1.234,50')).toBe('1234.50');
    expect(value('1,234.50')).toBe('1234.50');
    expect(value('12.345.678,9')).toBe('12345678.9');
    expect(value('1,234,567.01')).toBe('1234567.01');
    expect(value('1.234.567')).toBe('1234567');
    expect(value('1,234,567')).toBe('1234567');
  });

  it('reads blanks and apostrophes as thousands separators', () => {
    expect(value('1 234,50')).toBe('1234.50');
    expect(value('1\u00a0234.50')).toBe('1234.50');
    expect(value("1'234.50")).toBe('1234.50');
    expect(value('12 345 678')).toBe('12345678');
  });

  it('refuses one separator before exactly three digits as ambiguous, naming both readings', () => {
    for (const text of ['1,234', '1.234', '12,345', '999.000']) {
      expect(refused(text)).toMatch(/ambiguous/);
    }
    expect(refused('1,234')).toContain('1234');
    expect(refused('1,234')).toContain('1.234');
  });

  it('is not ambiguous where grouping could not be meant', () => {
    expect(value('0,125')).toBe('0.125'); // "0," never starts a thousands group
    expect(value('1234,567')).toBe('1234.567'); // four digits before: no grouping
    expect(value('1,2345')).toBe('1.2345');
  });

  it('keeps the sign for the caller to judge', () => {
    expect(value('-5,50')).toBe('-5.50');
    expect(value('+5')).toBe('5');
    expect(value('-0')).toBe('0');
  });

  it('refuses anything else', () => {
    for (const text of [
      '',
      'abc',
      '12a',
      '1e3',
      '€ 12',
      '12.',
      '1,2.3',
      '1.2.3',
      '1..2',
      '1 23',
      '1 234.5,6',
      '--1',
    ]) {
      expect(refused(text)).toMatch(/not a number/);
    }
  });

  it('reads every price written the German or the English way back to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_99 }), (cents) => {
        const plain = (cents / 100).toFixed(2);
        const [int, dec] = plain.split('.');
        const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        expect(value(`${grouped},${dec}`)).toBe(`${int}.${dec}`);
        expect(value(`${grouped.replace(/\./g, ',')}.${dec}`)).toBe(`${int}.${dec}`);
        expect(value(plain)).toBe(plain);
      }),
    );
  });
});

describe('numberToDecimal', () => {
  it('drops binary noise and never uses exponents', () => {
    expect(numberToDecimal(0.1 + 0.2)).toBe('0.3');
    expect(numberToDecimal(1234.5)).toBe('1234.5');
    expect(numberToDecimal(19)).toBe('19');
    expect(numberToDecimal(1e21)).toBe('1000000000000000000000');
    expect(numberToDecimal(0.0000001)).toBe('0.0000001');
  });
});
