import { isCalendarDate } from '../common/field-decorators';
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
      if (typeof cell === 'string' && /^[+-]?\d{1,15}$/.test(cell)) return ok(Number(cell));
      return fail('Must be a whole number.');
    }
    case 'money':
    case 'rate': {
      if (typeof cell === 'number') return ok(numberToDecimal(cell));
      if (typeof cell !== 'string') return fail('Must be a number.');
      const text = column.kind === 'rate' ? cell.replace(/\s*%$/, '') : cell;
      const parsed = parseDecimal(text);
      return parsed.ok ? ok(parsed.value) : fail(parsed.message);
    }
    case 'date': {
      if (cell instanceof Date) return ok(dateText(cell));
      if (typeof cell === 'string' && isCalendarDate(cell)) return ok(cell);
      return fail('Must be a date written YYYY-MM-DD, or an Excel date cell.');
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

/** A date cell as 'YYYY-MM-DD': Excel dates are whole days at UTC midnight. */
function dateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}
