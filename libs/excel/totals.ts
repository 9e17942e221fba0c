import { sumMoney } from '@libs/money';
import { toCurrency, toInteger, toMoney, type Column } from './columns';

export interface TotalsOptions {
  /** Text of the totals row(s), written in the first column that is neither summed nor the currency. */
  label: string;
  /**
   * Keys of the money and integer columns to total. With the sheet's `currencyKey`
   * there is one totals row per currency (SUMIF on the currency column), so amounts
   * in different currencies are never added together; money totals require it.
   */
  sumKeys: readonly string[];
}

/** Sums of one totals row: money as two-decimal strings, integers as numbers. */
export interface TotalsRow {
  /** `null` when the sheet's totals are not split by currency. */
  currency: string | null;
  sums: Record<string, string | number>;
}

/** The columns a totals option refers to, checked before any row is written. */
export interface TotalsPlan<R> {
  label: string;
  labelIndex: number | null;
  sumColumns: { column: Column<R>; index: number }[];
  currency: { column: Column<R>; index: number } | null;
}

export function planTotals<R>(
  columns: readonly Column<R>[],
  options: TotalsOptions,
  currencyKey?: string,
): TotalsPlan<R> {
  const indexOf = (key: string): number => {
    const index = columns.findIndex((c) => c.key === key);
    if (index < 0) throw new TypeError(`Totals refer to an unknown column "${key}".`);
    return index;
  };
  const sumColumns = [...new Set(options.sumKeys)].map((key) => {
    const index = indexOf(key);
    const column = columns[index];
    if (column.kind !== 'money' && column.kind !== 'integer') {
      throw new TypeError(
        `Column "${key}" is ${column.kind}; only money and integer columns can be totalled.`,
      );
    }
    return { column, index };
  });
  let currency: TotalsPlan<R>['currency'] = null;
  if (currencyKey !== undefined) {
    const index = indexOf(currencyKey);
    currency = { column: columns[index], index };
  } else if (sumColumns.some((s) => s.column.kind === 'money')) {
    throw new TypeError('Money totals need `currencyKey`: amounts in different currencies cannot be added.');
  }
  const used = new Set([...sumColumns.map((s) => s.index), ...(currency ? [currency.index] : [])]);
  const labelIndex = columns.findIndex((_, i) => !used.has(i));
  return { label: options.label, labelIndex: labelIndex < 0 ? null : labelIndex, sumColumns, currency };
}

/** Running exact totals, per currency when the plan has a currency column. */
export class TotalsAccumulator<R> {
  private readonly groups = new Map<string | null, Map<string, string | number>>();

  constructor(private readonly plan: TotalsPlan<R>) {
    if (!plan.currency) this.groups.set(null, this.emptySums());
  }

  add(row: R): void {
    const currency = this.plan.currency ? this.currencyOf(row) : null;
    let sums = this.groups.get(currency);
    if (!sums) this.groups.set(currency, (sums = this.emptySums()));
    for (const { column } of this.plan.sumColumns) {
      const value = column.value(row);
      if (column.kind === 'money') {
        const amount = toMoney(column.key, value);
        if (amount === null) continue;
        const own = column.currency?.(row);
        if (own != null && own !== currency) {
          throw new TypeError(`Column "${column.key}" is in ${own} but the row's currency is ${currency}.`);
        }
        sums.set(column.key, sumMoney([sums.get(column.key) as string, amount]));
      } else {
        const n = toInteger(column.key, value);
        if (n === null) continue;
        const total = (sums.get(column.key) as number) + n;
        if (!Number.isSafeInteger(total)) throw new RangeError(`The total of "${column.key}" is too large.`);
        sums.set(column.key, total);
      }
    }
  }

  /** One row per currency, in currency-code order; none when no row had a currency. */
  rows(): TotalsRow[] {
    return [...this.groups.entries()]
      .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1))
      .map(([currency, sums]) => ({ currency, sums: Object.fromEntries(sums) }));
  }

  private emptySums(): Map<string, string | number> {
    return new Map(
      this.plan.sumColumns.map(({ column }) => [column.key, column.kind === 'money' ? '0.00' : 0]),
    );
  }

  private currencyOf(row: R): string | null {
    const column = this.plan.currency!.column;
    const currency = toCurrency(column.key, column.value(row));
    if (currency === null && this.plan.sumColumns.some(({ column: c }) => c.value(row) !== null)) {
      throw new TypeError(`A row with amounts has no currency in column "${column.key}".`);
    }
    return currency;
  }
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(index1: number): string {
  let n = index1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * `SUM(F2:F100)`, or `SUMIF(C2:C100,"EUR",F2:F100)` for one currency. Currency codes
 * are checked ISO codes by then; quotes are doubled anyway, as Excel strings want.
 */
export function totalFormula(
  sumIndex: number,
  firstRow: number,
  lastRow: number,
  currency: { index: number; code: string } | null,
): string {
  const range = (i: number): string => `${columnLetter(i + 1)}${firstRow}:${columnLetter(i + 1)}${lastRow}`;
  if (!currency) return `SUM(${range(sumIndex)})`;
  return `SUMIF(${range(currency.index)},"${currency.code.replace(/"/g, '""')}",${range(sumIndex)})`;
}
