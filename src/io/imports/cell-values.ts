import Decimal from 'decimal.js';
import { isCalendarDate } from '../../platform/http/field-decorators';
import type { Cell } from './file-reader';
import type { ImportColumn } from './import-columns';
import { numberToDecimal, parseDecimal } from './money-parse';

/** A cell turned into what the API's DTO takes for its column, or why it cannot be. */
export type Converted = { ok: true; value: unknown } | { ok: false; message: string };

const ok = (value: unknown): Converted => ({ ok: true, value });
const fail = (message: string): Converted => ({ ok: false, message });

const TRUE = new Set(['yes', 'y', 'true', '1', 'x']);
const FALSE = new Set(['no', 'n', 'false', '0']);

/** The cell as the user sees it, for problem reports. */
export function displayValue(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return numberToDecimal(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return dateText(cell);
  return `#${cell.error.replace(/^#/, '')}`;
}

/**
 * Undoes the formula guard of our own exports (`'=1+1` → `=1+1`), so an exported
 * file imports as it was; any other text, `=1+1` included, is taken as it is.
 */
export function unguard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Converts a non-empty cell for its column. */
export function convertCell(column: ImportColumn, cell: Exclude<Cell, null>): Converted {
  if (typeof cell === 'object' && !(cell instanceof Date)) {
    return fail(`The cell holds ${cell.error.startsWith('#') ? `the error ${cell.error}` : cell.error}.`);
  }
  switch (column.kind) {
    case 'text':
    case 'ref': {
      if (typeof cell === 'boolean') return fail('Expected text, not TRUE or FALSE.');
      const text =
        cell instanceof Date
          ? dateText(cell)
          : typeof cell === 'number'
            ? numberToDecimal(cell)
            : unguard(cell);
      return ok(column.upper ? text.toUpperCase() : text);
    }
    case 'int': {
      if (typeof cell === 'number') {
        return Number.isInteger(Number(numberToDecimal(cell)))
          ? ok(Number(numberToDecimal(cell)))
          : fail('Must be a whole number.');
      }
      if (typeof cell !== 'string') return fail('Must be a whole number.');
      if (/^[+-]?\d{1,15}$/.test(cell)) return ok(Number(cell));
      // Thousands separators where they cannot be decimals: 1.000.000, 1 000, 1.000,00.
      const parsed = parseDecimal(cell);
      if (!parsed.ok)
        return fail(/ambiguous/.test(parsed.message) ? parsed.message : 'Must be a whole number.');
      const number = new Decimal(parsed.value);
      return number.isInteger() && number.abs().lte(Number.MAX_SAFE_INTEGER)
        ? ok(number.toNumber())
        : fail('Must be a whole number.');
    }
    case 'money':
    case 'rate': {
      if (typeof cell === 'number') return ok(numberToDecimal(cell));
      if (typeof cell !== 'string') return fail('Must be a number.');
      const text = column.kind === 'rate' ? cell.replace(/\s*%$/, '') : moneyAmount(cell).amount;
      const parsed = parseDecimal(text);
      return parsed.ok ? ok(parsed.value) : fail(parsed.message);
    }
    case 'date': {
      if (cell instanceof Date) return ok(dateText(cell));
      if (typeof cell === 'string' && isCalendarDate(cell)) return ok(cell);
      const german = typeof cell === 'string' ? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(cell) : null;
      if (german) {
        const iso = `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}`;
        if (isCalendarDate(iso)) return ok(iso);
      }
      return fail('Must be a date written YYYY-MM-DD or DD.MM.YYYY, or an Excel date cell.');
    }
    case 'enum': {
      const folded = String(cell)
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_');
      const value = column.values?.find((v) => v === folded);
      return value ? ok(value) : fail(`Must be one of: ${(column.values ?? []).join(', ')}.`);
    }
    case 'bool': {
      if (typeof cell === 'boolean') return ok(cell);
      const folded = String(cell).trim().toLowerCase();
      if (TRUE.has(folded)) return ok(true);
      if (FALSE.has(folded)) return ok(false);
      return fail('Must be yes or no.');
    }
  }
}

/**
 * An amount with its currency taken off: `€ 1.234,50`, `1234.50 EUR`, `12 usd` →
 * the amount and `EUR`/`USD`. The importer checks the currency against the row's.
 */
export function moneyAmount(text: string): { amount: string; currency?: string } {
  const match = /^(?:(€|[A-Za-z]{3})\s*)?([^€A-Za-z]*?)(?:\s*(€|[A-Za-z]{3}))?$/.exec(text.trim());
  if (!match || (match[1] && match[3])) return { amount: text };
  const sign = match[1] ?? match[3];
  if (!sign || !/\d/.test(match[2])) return { amount: text };
  return { amount: match[2], currency: sign === '€' ? 'EUR' : sign.toUpperCase() };
}

/** A date cell as 'YYYY-MM-DD': Excel dates are whole days at UTC midnight. */
function dateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}
