import Decimal from 'decimal.js';
import { formatMoney, formatRate, isValidAmount } from '@libs/money';
import { neutralize } from './neutralize';

export type ColumnKind = 'text' | 'integer' | 'money' | 'percent' | 'date';

/** What a column reads from a row: money as a decimal string, dates as 'YYYY-MM-DD', rates as percent ("19"). */
export type CellInput = string | number | null;

export interface Column<R> {
  key: string;
  header: string;
  kind: ColumnKind;
  value: (row: R) => CellInput;
  /** Width in characters; defaults by kind (see `columnWidth`). */
  width?: number;
  /** ISO 4217 code of a money cell (e.g. "EUR"); shown in the xlsx number format. */
  currency?: (row: R) => string | null;
}

/** A value that breaks a column's contract. Raised mid-export: the caller should abort the response. */
export class ExportValueError extends TypeError {
  constructor(
    readonly column: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`Column "${column}": ${JSON.stringify(value)?.slice(0, 60)} is not ${expected}.`);
    this.name = 'ExportValueError';
  }
}

const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 24, integer: 10, money: 16, percent: 10, date: 12 };
const MAX_WIDTH = 60;

/** The column's own width, else the default of its kind widened to fit the header. */
export function columnWidth<R>(column: Column<R>): number {
  if (column.width !== undefined) return column.width;
  return Math.min(MAX_WIDTH, Math.max(DEFAULT_WIDTH[column.kind], column.header.length + 2));
}

export const FORMAT = {
  integer: '#,##0',
  percent: '0.00%',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm "UTC"',
} as const;

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** `#,##0.00 "EUR"`; the code is checked so that it cannot break out of the format's quotes. */
export function moneyFormat(currency: string | null, key = 'currency'): string {
  if (currency === null) return '#,##0.00';
  if (!CURRENCY_CODE.test(currency)) throw new ExportValueError(key, currency, 'an ISO 4217 currency code');
  return `#,##0.00 "${currency}"`;
}

/** An ISO 4217 currency code such as "EUR". */
export function toCurrency(key: string, value: CellInput): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !CURRENCY_CODE.test(value)) {
    throw new ExportValueError(key, value, 'an ISO 4217 currency code');
  }
  return value;
}

export function toMoney(key: string, value: CellInput): string | null {
  if (value === null) return null;
  if (!isValidAmount(value))
    throw new ExportValueError(key, value, 'a decimal string with at most 2 decimals');
  return formatMoney(value);
}

export function toInteger(key: string, value: CellInput): number | null {
  if (value === null) return null;
  const n = typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new ExportValueError(key, value, 'an integer');
  return n;
}

/** A rate in percent, normalised to its shortest exact form ("19.00" → "19"). */
export function toRate(key: string, value: CellInput): string | null {
  if (value === null) return null;
  const ok = typeof value === 'number' ? Number.isFinite(value) : /^-?\d{1,15}(\.\d{1,10})?$/.test(value);
  if (!ok) throw new ExportValueError(key, value, 'a percentage');
  return formatRate(value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date 'YYYY-MM-DD' as a JS Date at UTC midnight (exceljs turns it into a whole serial day). */
export function toDate(key: string, value: CellInput): Date | null {
  if (value === null) return null;
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
  if (!date || date.toISOString().slice(0, 10) !== value)
    throw new ExportValueError(key, value, 'a date YYYY-MM-DD');
  return date;
}

/** The text of a cell as it is: what the xlsx holds (a string cell is never a formula there). */
export function toText(value: CellInput): string | null {
  return value === null ? null : String(value);
}

/** The text of a CSV field: neutralized, since a CSV has no cell types to keep it from being a formula. */
export function toCsvText(value: CellInput): string | null {
  return value === null ? null : neutralize(String(value));
}

/** The CSV field: `.` decimals, money as its decimal string, rates as percent, text neutralized. */
export function csvValue<R>(column: Column<R>, row: R): string | number | null {
  const value = column.value(row);
  switch (column.kind) {
    case 'text':
      return toCsvText(value);
    case 'integer':
      return toInteger(column.key, value);
    case 'money':
      return toMoney(column.key, value);
    case 'percent':
      return toRate(column.key, value);
    case 'date':
      return toDate(column.key, value) === null ? null : (value as string);
  }
}

export interface XlsxCell {
  value: string | number | Date | null;
  numFmt?: string;
}

/**
 * The xlsx cell: numbers stay numbers (money via Number of its exact two-decimal
 * string, rates divided by 100), dates are Dates, text is the string itself. A string
 * cell is never a formula (only `{ formula }` values are), so `=HYPERLINK(…)` stays
 * text and equals the JSON; the `'` of CSV would show in the cell and is not added.
 */
export function xlsxCell<R>(column: Column<R>, row: R, fallbackCurrency: string | null = null): XlsxCell {
  const value = column.value(row);
  switch (column.kind) {
    case 'text':
      return { value: toText(value) };
    case 'integer':
      return { value: toInteger(column.key, value), numFmt: FORMAT.integer };
    case 'money': {
      const amount = toMoney(column.key, value);
      const currency = column.currency?.(row) ?? fallbackCurrency;
      return { value: amount === null ? null : Number(amount), numFmt: moneyFormat(currency, column.key) };
    }
    case 'percent': {
      const rate = toRate(column.key, value);
      return {
        value: rate === null ? null : new Decimal(rate).dividedBy(100).toNumber(),
        numFmt: FORMAT.percent,
      };
    }
    case 'date':
      return { value: toDate(column.key, value), numFmt: FORMAT.date };
  }
}
