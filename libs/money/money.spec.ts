import {
  formatMoney,
  formatRate,
  grossUnitPrice,
  isValidPrice,
  isValidVatRate,
  lineCost,
  round2,
  splitEvenly,
  sumMoney,
} from './money';

describe('money', () => {
  it('computes the gross unit price exactly', () => {
    expect(grossUnitPrice('99.99', '19')).toBe('118.99');
    expect(grossUnitPrice('0.10', '20')).toBe('0.12');
    expect(grossUnitPrice('100', '0')).toBe('100.00');
    // 0.1 + 0.2 style float traps: 1.15 * 1.0 must not become 1.14
    expect(grossUnitPrice('1.15', '0')).toBe('1.15');
  });

  it('rounds half away from zero', () => {
    expect(round2('0.125').toFixed(2)).toBe('0.13');
    expect(round2('-0.125').toFixed(2)).toBe('-0.13');
    expect(round2('2.675').toFixed(2)).toBe('2.68'); // 2.675 as a float is 2.67499…
    expect(formatMoney('1.005')).toBe('1.01');
    expect(formatMoney('1234.5')).toBe('1234.50');
  });

  it('accepts prices with at most 2 decimals and refuses the rest', () => {
    expect(isValidPrice('99.99')).toBe(true);
    expect(isValidPrice('0')).toBe(true);
    expect(isValidPrice('1234.5')).toBe(true);
    expect(isValidPrice('0.125')).toBe(false);
    expect(isValidPrice('-1.00')).toBe(false);
    expect(isValidPrice('1e3')).toBe(false);
    expect(isValidPrice('12,50')).toBe(false);
    expect(isValidPrice(12.5)).toBe(false);
    expect(isValidPrice('')).toBe(false);
  });

  it('accepts VAT rates from 0 to 100 with at most 2 decimals', () => {
    expect(isValidVatRate('19')).toBe(true);
    expect(isValidVatRate('7.70')).toBe(true);
    expect(isValidVatRate('0')).toBe(true);
    expect(isValidVatRate('100')).toBe(true);
    expect(isValidVatRate('100.01')).toBe(false);
    expect(isValidVatRate('19.125')).toBe(false);
    expect(isValidVatRate('-1')).toBe(false);
  });

  it('normalises rates', () => {
    expect(formatRate('19.00')).toBe('19');
    expect(formatRate('7.70')).toBe('7.7');
  });

  it('computes line costs: VAT rounded on the line, gross = net + VAT', () => {
    expect(lineCost(3, '33.33', '19')).toEqual({ net: '99.99', vat: '19.00', gross: '118.99' });
    expect(lineCost(10, '99.99', '19')).toEqual({ net: '999.90', vat: '189.98', gross: '1189.88' });
    expect(lineCost(0, '10', '19')).toEqual({ net: '0.00', vat: '0.00', gross: '0.00' });
  });

  it('splits an amount into shares that add up exactly, extra cents first', () => {
    expect(splitEvenly('100.00', 3)).toEqual(['33.34', '33.33', '33.33']);
    expect(splitEvenly('0.05', 3)).toEqual(['0.02', '0.02', '0.01']);
    expect(splitEvenly('-0.05', 3)).toEqual(['-0.02', '-0.02', '-0.01']);
    const shares = splitEvenly('1189.88', 7);
    expect(sumMoney(shares)).toBe('1189.88');
    expect(() => splitEvenly('1.00', 0)).toThrow(RangeError);
  });

  it('sums decimal strings without float drift', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(Array(1000).fill('0.01'))).toBe('10.00');
  });
});
