import { DomainError } from '@libs/errors';
import { convertCell, displayValue } from './cell-values';
import { ImportErrorCode } from './imports.errors';
import type { SheetData } from './file-reader';
import {
  CLEAR_MARKER,
  headerKey,
  headerKeys,
  headerRequired,
  ImportColumn,
  ImportSpec,
  isClearMarker,
} from './import-columns';

/**
 * One problem of one cell, as the user sees it in Excel: `column` is the header,
 * `field` the API field the column fills (API.md's name: `netUnitPrice`, `orgUnitId`).
 */
export interface ImportProblem {
  row: number;
  column: string;
  field: string;
  value: string | null;
  message: string;
}

/** At most this many problems are listed; `errorCount` still counts them all. */
export const MAX_LISTED_PROBLEMS = 10_000;

/** The problems of one import, collected all at once, listed by row and column. */
export class Problems {
  private readonly items: (ImportProblem & { order: number })[] = [];
  private readonly invalid = new Set<number>();
  private readonly cells = new Set<string>();
  private total = 0;

  constructor(private readonly columns: readonly ImportColumn[]) {}

  add(row: number, column: ImportColumn, value: string | null, message: string): void {
    this.total++;
    this.invalid.add(row);
    this.cells.add(`${row}:${column.field}`);
    if (this.items.length >= MAX_LISTED_PROBLEMS) return;
    const order = this.columns.indexOf(column);
    this.items.push({ row, column: column.header, field: column.field, value, message, order });
  }

  /** Whether the row has a problem: such a row is not written. */
  has(row: number): boolean {
    return this.invalid.has(row);
  }

  /** Whether this cell has a problem already. */
  hasCell(row: number, column: ImportColumn): boolean {
    return this.cells.has(`${row}:${column.field}`);
  }

  get count(): number {
    return this.total;
  }

  list(): ImportProblem[] {
    return [...this.items]
      .sort((a, b) => a.row - b.row || a.order - b.order)
      .map(({ row, column, field, value, message }) => ({ row, column, field, value, message }));
  }
}

/** A data row converted column by column; cells that failed are left out of `values`. */
export interface ParsedRow {
  row: number;
  /** Field → converted value, for the filled cells that converted. */
  values: Record<string, unknown>;
  /** Field → the cell as the user sees it ('' never: null for an empty cell). */
  raw: Record<string, string | null>;
}

/**
 * Which column each header cell names. 400 HEADER_MISMATCH naming the unknown,
 * duplicate and missing required columns, and values under a blank header.
 */
export function matchHeader(spec: ImportSpec, sheet: SheetData): (ImportColumn | null)[] {
  const byKey = new Map<string, ImportColumn>();
  for (const column of spec.columns) for (const key of headerKeys(column)) byKey.set(key, column);
  const matched: (ImportColumn | null)[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const unnamed: string[] = [];
  sheet.header.forEach((text, i) => {
    if (!text) {
      if (sheet.columnHasData[i]) unnamed.push(columnLetter(i));
      matched.push(null);
      return;
    }
    const column = byKey.get(headerKey(text.replace(/\s*\*$/, ''))) ?? null;
    if (!column) unknown.push(text);
    else if (matched.includes(column)) duplicate.push(text);
    matched.push(column);
  });
  const present = new Set(matched);
  const missing = headerRequired(spec)
    .filter((c) => !present.has(c))
    .map((c) => c.header);
  for (const group of spec.oneOf ?? []) {
    const columns = spec.columns.filter((c) => group.includes(c.field));
    if (!columns.some((c) => present.has(c))) missing.push(columns.map((c) => c.header).join(' or '));
  }
  if (unknown.length || duplicate.length || missing.length || unnamed.length) {
    const parts = [
      unknown.length && `unknown columns: ${unknown.join(', ')}`,
      duplicate.length && `columns given twice: ${duplicate.join(', ')}`,
      missing.length && `missing required columns: ${missing.join(', ')}`,
      unnamed.length && `values under a blank header in column ${unnamed.join(', ')}`,
    ].filter(Boolean);
    throw new DomainError(
      'invalid',
      ImportErrorCode.HEADER_MISMATCH,
      `The header row does not fit the ${spec.entity} import: ${parts.join('; ')}.`,
      { unknown, duplicate, missing, unnamed, expected: spec.columns.map((c) => c.header) },
    );
  }
  return matched;
}

/**
 * Converts every row; conversion problems and empty cells of the header's required
 * columns (the key) go to `problems`. A cell holding {@link CLEAR_MARKER} becomes
 * null on a nullable column and a problem on any other.
 */
export function parseRows(
  spec: ImportSpec,
  sheet: SheetData,
  columns: readonly (ImportColumn | null)[],
  problems: Problems,
): ParsedRow[] {
  const required = headerRequired(spec).filter((c) => columns.includes(c));
  return sheet.rows.map(({ row, cells }) => {
    const parsed: ParsedRow = { row, values: {}, raw: {} };
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (!column) return;
      const raw = displayValue(cell);
      parsed.raw[column.field] = raw;
      if (cell === null) return;
      if (typeof cell === 'string' && isClearMarker(cell)) {
        if (column.nullable) parsed.values[column.field] = null;
        else problems.add(row, column, raw, cannotClear(column));
        return;
      }
      const converted = convertCell(column, cell);
      if (converted.ok) parsed.values[column.field] = converted.value;
      else problems.add(row, column, raw, converted.message);
    });
    for (const column of required) {
      if (parsed.raw[column.field] === null) {
        problems.add(row, column, null, `${column.header} is required.`);
      }
    }
    return parsed;
  });
}

function cannotClear(column: ImportColumn): string {
  return column.required
    ? `${column.header} is required: ${CLEAR_MARKER} cannot clear it.`
    : `${column.header} cannot be cleared with ${CLEAR_MARKER}: leave the cell empty or fill it in.`;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
