import fc from 'fast-check';
import { lineCost, splitEvenly, sumMoney } from '@libs/money';
import { chargebackParts, CostAccumulator, ownerPart } from './cost-aggregation';

const line = (over = {}) => ({
  licenseId: 'l1',
  currency: 'EUR',
  quantity: 4,
  netUnitPrice: '33.33',
  vatRate: '19',
  ...over,
});

describe('cost aggregation', () => {
  it('gives the whole line to the owner', () => {
    expect(ownerPart(line(), 'IT')).toEqual({ group: 'IT', seats: 4, net: '133.32', vat: '25.33' });
  });

  it('splits a line by seat: held seats to their units, the rest unused, cents to the first shares', () => {
    const parts = chargebackParts(
      line({ quantity: 3, netUnitPrice: '33.34' }),
      ['Sales', 'IT'],
      'IT (unused)',
    );
    // line net 100.02 → 33.34 each; VAT 19.00 → 6.34, 6.33, 6.33
    expect(parts).toEqual([
      { group: 'Sales', seats: 1, net: '33.34', vat: '6.34' },
      { group: 'IT', seats: 1, net: '33.34', vat: '6.33' },
      { group: 'IT (unused)', seats: 1, net: '33.34', vat: '6.33' },
    ]);
  });

  it('sums per group and currency, totals per currency, never across currencies', () => {
    const acc = new CostAccumulator();
    acc.add(line(), [ownerPart(line(), 'IT')]);
    acc.add(line({ licenseId: 'l2', currency: 'USD' }), [ownerPart(line({ currency: 'USD' }), 'IT')]);
    acc.add(line({ licenseId: 'l3', quantity: 1, netUnitPrice: '10' }), [
      ownerPart(line({ quantity: 1, netUnitPrice: '10' }), 'IT'),
    ]);
    const { rows, totals } = acc.result();
    expect(rows).toEqual([
      { group: 'IT', currency: 'EUR', licenses: 2, seats: 5, net: '143.32', vat: '27.23', gross: '170.55' },
      { group: 'IT', currency: 'USD', licenses: 1, seats: 4, net: '133.32', vat: '25.33', gross: '158.65' },
    ]);
    expect(totals.map((t) => t.currency)).toEqual(['EUR', 'USD']);
  });

  it('chargeback shares add up to the line, whatever the prices and holders', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 2500 }),
        fc.array(fc.constantFrom('A', 'B', 'C'), { maxLength: 300 }),
        (quantity, netCents, vatBasis, holders) => {
          const l = line({
            quantity,
            netUnitPrice: (netCents / 100).toFixed(2),
            vatRate: (vatBasis / 100).toString(),
          });
          const parts = chargebackParts(l, holders.slice(0, quantity), 'unused');
          const whole = ownerPart(l, 'x');
          expect(sumMoney(parts.map((p) => p.net))).toBe(whole.net);
          expect(sumMoney(parts.map((p) => p.vat))).toBe(whole.vat);
          expect(parts.reduce((n, p) => n + p.seats, 0)).toBe(quantity);
        },
      ),
    );
  });

  it("gives each group exactly the sum of its seats' shares of splitEvenly", () => {
    // The definition, share by share; chargebackParts sums without building the shares.
    const bySeat = (l: ReturnType<typeof line>, holders: string[]) => {
      const cost = lineCost(l.quantity, l.netUnitPrice, l.vatRate);
      const [nets, vats] = [splitEvenly(cost.net, l.quantity), splitEvenly(cost.vat, l.quantity)];
      const groups = new Map<string, { seats: number; net: string[]; vat: string[] }>();
      for (let seat = 0; seat < l.quantity; seat++) {
        const group = holders[seat] ?? 'unused';
        const g = groups.get(group) ?? { seats: 0, net: [], vat: [] };
        g.seats++;
        g.net.push(nets[seat]);
        g.vat.push(vats[seat]);
        groups.set(group, g);
      }
      return [...groups].map(([group, g]) => ({
        group,
        seats: g.seats,
        net: sumMoney(g.net),
        vat: sumMoney(g.vat),
      }));
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 2500 }),
        fc.array(fc.constantFrom('A', 'B', 'C'), { maxLength: 200 }),
        (quantity, netCents, vatBasis, holders) => {
          const l = line({
            quantity,
            netUnitPrice: (netCents / 100).toFixed(2),
            vatRate: (vatBasis / 100).toString(),
          });
          const held = holders.slice(0, quantity);
          expect(chargebackParts(l, held, 'unused')).toEqual(bySeat(l, held));
        },
      ),
    );
  });
});
