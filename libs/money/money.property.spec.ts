import fc from 'fast-check';
import Decimal from 'decimal.js';
import { grossUnitPrice, lineCost, splitEvenly, sumMoney } from './money';

const cents = (max: number) => fc.integer({ min: 0, max }).map((c) => new Decimal(c).dividedBy(100).toFixed(2));
const price = cents(10_000_000);
const vatRate = fc.integer({ min: 0, max: 10_000 }).map((c) => new Decimal(c).dividedBy(100).toString());
const quantity = fc.integer({ min: 0, max: 100_000 });

describe('money properties', () => {
  it('line gross is line net plus line VAT, and VAT is the rounded rate of the net', () => {
    fc.assert(
      fc.property(quantity, price, vatRate, (q, net, vat) => {
        const line = lineCost(q, net, vat);
        expect(sumMoney([line.net, line.vat])).toBe(line.gross);
        expect(line.net).toBe(new Decimal(net).times(q).toFixed(2));
        const exactVat = new Decimal(line.net).times(vat).dividedBy(100);
        expect(new Decimal(line.vat).minus(exactVat).abs().lte('0.005')).toBe(true);
      }),
    );
  });

  it('shares of a line add up to it exactly and differ by at most a cent, larger first', () => {
    fc.assert(
      fc.property(cents(1_000_000_000), fc.integer({ min: 1, max: 5000 }), (total, parts) => {
        const shares = splitEvenly(total, parts);
        expect(shares).toHaveLength(parts);
        expect(sumMoney(shares)).toBe(total);
        const values = shares.map((s) => new Decimal(s));
        expect(values[0].minus(values[values.length - 1]).lte('0.01')).toBe(true);
        for (let i = 1; i < values.length; i++) expect(values[i].lte(values[i - 1])).toBe(true);
      }),
    );
  });

  it('the gross unit price is the net plus its VAT rounded half away from zero', () => {
    fc.assert(
      fc.property(price, vatRate, (net, vat) => {
        const exact = new Decimal(net).times(new Decimal(vat).dividedBy(100).plus(1));
        const gross = new Decimal(grossUnitPrice(net, vat));
        expect(gross.minus(exact).abs().lte('0.005')).toBe(true);
        expect(gross.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
    );
  });
});
