import fc from 'fast-check';
import { lineCost, sumMoney } from '@libs/money';
import { expiringRow, ExpiringWindow } from './expiring.service';
import { ExpiringTotals } from './expiring-totals';

const window: ExpiringWindow = { days: 30, from: '2026-11-23', until: '2026-12-23' };
const raw = (over: Record<string, string | number | null>) => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Suite',
  software_name: null,
  org_unit_name: null,
  expiration_date: null,
  support_date: null,
  quantity: 3,
  used_seats: 1,
  currency: 'EUR',
  net: '33.33',
  vat: '19.00',
  ...over,
});

describe('expiringRow', () => {
  it('takes the sooner of the dates in the window, and lists those in it soonest first', () => {
    const both = expiringRow(raw({ expiration_date: '2026-12-20', support_date: '2026-12-01' }), window);
    expect(both).toMatchObject({
      dateKind: 'support',
      date: '2026-12-01',
      daysLeft: 8,
      expirationDate: '2026-12-20',
      supportDate: '2026-12-01',
      endingInWindow: ['support', 'expiration'],
    });
    const sameDay = expiringRow(raw({ expiration_date: '2026-11-23', support_date: '2026-11-23' }), window);
    expect(sameDay).toMatchObject({
      dateKind: 'expiration',
      daysLeft: 0,
      endingInWindow: ['expiration', 'support'],
    });
    const oneIn = expiringRow(raw({ expiration_date: '2026-12-24', support_date: '2026-12-23' }), window);
    expect(oneIn).toMatchObject({ dateKind: 'support', daysLeft: 30, endingInWindow: ['support'] });
  });

  it('states the annual cost of the line: quantity × net, its VAT rounded once', () => {
    expect(expiringRow(raw({ expiration_date: '2026-12-01' }), window)).toMatchObject({
      quantity: 3,
      used: 1,
      annualNet: '99.99',
      annualGross: '118.99',
    });
  });
});

describe('ExpiringTotals', () => {
  it('adds each row (one per license) to its currency, never across currencies', () => {
    const totals = new ExpiringTotals();
    totals.add({ currency: 'USD', quantity: 1, annualNet: '10.00', annualGross: '10.00' });
    totals.add({ currency: 'EUR', quantity: 2, annualNet: '100.00', annualGross: '119.00' });
    totals.add({ currency: 'EUR', quantity: 3, annualNet: '0.10', annualGross: '0.12' });
    expect(totals.result()).toEqual([
      { currency: 'EUR', licenses: 2, quantity: 5, annualNet: '100.10', annualGross: '119.12' },
      { currency: 'USD', licenses: 1, quantity: 1, annualNet: '10.00', annualGross: '10.00' },
    ]);
    expect(new ExpiringTotals().result()).toEqual([]);
  });

  it('totals exactly what the rows say, to the cent', () => {
    const line = fc.record({
      quantity: fc.integer({ min: 0, max: 10_000 }),
      cents: fc.integer({ min: 0, max: 100_000_000 }),
      vat: fc.constantFrom('0', '7', '19', '20.5'),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const totals = new ExpiringTotals();
        const costs = lines.map((l) => lineCost(l.quantity, (l.cents / 100).toFixed(2), l.vat));
        costs.forEach((c, i) =>
          totals.add({
            currency: 'EUR',
            quantity: lines[i].quantity,
            annualNet: c.net,
            annualGross: c.gross,
          }),
        );
        const [eur] = totals.result();
        if (!lines.length) return eur === undefined;
        return (
          eur.licenses === lines.length &&
          eur.annualNet === sumMoney(costs.map((c) => c.net)) &&
          eur.annualGross === sumMoney(costs.map((c) => c.gross))
        );
      }),
    );
  });
});
