import Decimal from 'decimal.js';
import { ExpiringRowDto, ExpiringTotalDto } from './dto/expiring.dto';

type Sum = { licenses: number; quantity: number; annualNet: Decimal; annualGross: Decimal };

/**
 * Per-currency totals of the expiring report. Its rows are one per license, so each
 * license's annual cost is added once, even when both its dates fall in the window.
 */
export class ExpiringTotals {
  private readonly sums = new Map<string, Sum>();

  add(row: Pick<ExpiringRowDto, 'currency' | 'quantity' | 'annualNet' | 'annualGross'>): void {
    const sum = this.sums.get(row.currency) ?? {
      licenses: 0,
      quantity: 0,
      annualNet: new Decimal(0),
      annualGross: new Decimal(0),
    };
    sum.licenses += 1;
    sum.quantity += row.quantity;
    sum.annualNet = sum.annualNet.plus(row.annualNet);
    sum.annualGross = sum.annualGross.plus(row.annualGross);
    this.sums.set(row.currency, sum);
  }

  /** In currency-code order. */
  result(): ExpiringTotalDto[] {
    return [...this.sums]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, s]) => ({
        currency,
        licenses: s.licenses,
        quantity: s.quantity,
        annualNet: s.annualNet.toFixed(2),
        annualGross: s.annualGross.toFixed(2),
      }));
  }
}
