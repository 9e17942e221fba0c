import * as ExcelJS from 'exceljs';
import { DomainError } from '@libs/errors';
import { ImportErrorCode } from './imports.errors';
import { numberToDecimal } from './money-parse';
import { workbookPartsFirst } from './xlsx-entry-order';

/**
 * What one cell holds once read: text (trimmed, never empty), a number, a boolean,
 * a date (a real Excel date cell), nothing, or a spreadsheet error (`#N/A`).
 * CSV cells are always text: `=1+1` there is data, never evaluated.
 */
export type Cell = string | number | boolean | Date | null | { error: string };

export interface SheetRow {
  /** The row number as Excel shows it: the header is row 1 of a template. */
  row: number;
  /** One cell per column of `header`, in order. */
  cells: Cell[];
}

export interface SheetData {
  format: 'xlsx' | 'csv';
  /** The header row's texts; '' where a header cell is blank. */
  header: string[];
  /** Per column: whether any data row has a value in it. */
  columnHasData: boolean[];
  /** The data rows, blank rows left out. */
  rows: SheetRow[];
}

export interface ReadOptions {
  /** More non-blank data rows than this is a 400 TOO_MANY_ROWS. */
  maxRows: number;
  /** A workbook's sheet of this name is read; without one, the first sheet not in `skipSheets`. */
  sheetName?: string;
  skipSheets?: readonly string[];
}

/** The largest workbook we unpack: a bound on what a small, well-compressed upload may cost. */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // "PK\x03\x04", a zip
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // Excel 97-2003

const invalid = (code: ImportErrorCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError('invalid', code, message, details);

/** Reads an uploaded xlsx or CSV, told apart by content, never by name. */
export async function readImportFile(buffer: Buffer, options: ReadOptions): Promise<SheetData> {
  if (!buffer.length) throw invalid(ImportErrorCode.EMPTY_FILE, 'The file is empty.');
  if (buffer.subarray(0, 4).equals(XLSX_MAGIC)) return readXlsx(buffer, options);
  if (buffer.subarray(0, 8).equals(OLE_MAGIC)) {
    throw invalid(
      ImportErrorCode.UNSUPPORTED_FILE,
      'Excel 97-2003 (.xls) files are not supported: save the file as .xlsx or as CSV UTF-8.',
    );
  }
  return readCsv(decodeText(buffer), options);
}

// ---------------------------------------------------------------- CSV

/** UTF-8 with or without BOM; UTF-16 with its BOM (Excel's "Unicode text"). Anything else is refused. */
function decodeText(buffer: Buffer): string {
  const notText = () =>
    invalid(
      ImportErrorCode.UNSUPPORTED_FILE,
      'The file is neither an xlsx workbook nor a CSV in UTF-8: upload .xlsx, or save as "CSV UTF-8".',
    );
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  if (buffer.subarray(0, 8192).includes(0)) throw notText();
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    throw notText();
  }
}

/** The separator the header line uses most, outside quotes: `;` (Excel in many locales), `,` or tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > counts.get(best)!) best = ch;
  return best;
}

/**
 * RFC 4180 records: fields may be quoted (`"a, b"`, `""` for a quote, line
 * breaks inside); CRLF, LF or CR end a record. A blank line is a record too, so
 * that record numbers stay the row numbers Excel shows.
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    record.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  if (quoted) {
    throw invalid(ImportErrorCode.INVALID_CSV, `Row ${records.length + 1}: a quoted field is not closed.`, {
      row: records.length + 1,
    });
  }
  // A last line without its line break; a final line break ends the last record, it does not start one.
  if (field !== '' || record.length || wasQuoted) endRecord();
  return records;
}

function readCsv(text: string, options: ReadOptions): SheetData {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records = parseCsv(body, detectDelimiter(body));
  const rows = records.map((fields, i) => ({
    row: i + 1,
    cells: fields.map((f): Cell => (f.trim() === '' ? null : f.trim())),
  }));
  return sheetOf('csv', rows, options);
}

// ---------------------------------------------------------------- xlsx

/**
 * Reads the workbook with exceljs's streaming reader, keeping no more rows than the
 * limit allows. The zip's directory is checked first: a small upload that would
 * unpack to gigabytes is refused before anything is unpacked.
 */
async function readXlsx(buffer: Buffer, options: ReadOptions): Promise<SheetData> {
  const unzipped = unzippedSize(buffer);
  if (unzipped === null) throw unreadable();
  if (unzipped > MAX_UNZIPPED_BYTES) {
    throw invalid(
      ImportErrorCode.FILE_TOO_LARGE_UNPACKED,
      `The workbook unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB; split it into smaller files.`,
    );
  }
  const rows: { row: number; cells: Cell[] }[] = [];
  let dataRows = 0;
  let found = false;
  let sheetsRead = 0;
  try {
    const workbook = await workbookPartsFirst(buffer);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(workbook.stream, {
      sharedStrings: 'cache',
      styles: 'cache', // date and percent formats
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    // Every sheet is read to its end, the others too: exceljs parks sheets in temporary files
    // and removes each once read; one left unread would fail later with nobody listening.
    for await (const sheet of reader) {
      sheetsRead++;
      const take: boolean = !found && wanted((sheet as { name?: string }).name, sheetNames(reader), options);
      found ||= take;
      for await (const row of sheet) {
        if (!take || dataRows > options.maxRows) continue;
        const cells = rowCells(row);
        if (cells.every((c) => c === null)) continue;
        // The first non-blank row is the header; past the limit the rest is read, not kept.
        if (rows.length && ++dataRows > options.maxRows) continue;
        rows.push({ row: row.number, cells });
      }
    }
    // A zip stream that ended early must not pass for a workbook with fewer sheets.
    if (sheetsRead < workbook.worksheets) throw unreadable();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unreadable();
  }
  if (dataRows > options.maxRows) throw tooManyRows(options.maxRows);
  if (!found) throw invalid(ImportErrorCode.EMPTY_FILE, 'The workbook has no worksheet to read.');
  return sheetOf('xlsx', rows, options);
}

const unreadable = () =>
  invalid(
    ImportErrorCode.INVALID_XLSX,
    'The file looks like an xlsx workbook but cannot be read; open it in Excel and save it again.',
  );

/** The names of the workbook's sheets, once its directory has been read (exceljs keeps it in `model`). */
function sheetNames(reader: unknown): string[] {
  const sheets = (reader as { model?: { sheets?: { name?: string }[] } }).model?.sheets ?? [];
  return sheets.map((s) => s.name ?? '');
}

function wanted(name: string | undefined, all: readonly string[], options: ReadOptions): boolean {
  const fold = (s: string) => s.trim().toLowerCase();
  const target = options.sheetName && fold(options.sheetName);
  if (target && all.some((n) => fold(n) === target)) return fold(name ?? '') === target;
  return !(options.skipSheets ?? []).some((s) => fold(s) === fold(name ?? ''));
}

function rowCells(row: ExcelJS.Row): Cell[] {
  const cells: Cell[] = [];
  const values = row.values as unknown[];
  for (let col = 1; col < values.length; col++) {
    const value = values[col];
    cells.push(value === undefined || value === null ? null : xlsxCell(value, row.getCell(col).numFmt));
  }
  return cells;
}

/** A cell's value: formulas give their computed result, rich text and links their text. */
export function xlsxCell(value: unknown, numFmt?: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: String(value) };
    if (numFmt && isDateFormat(numFmt)) return fromExcelSerial(value);
    if (numFmt?.includes('%')) return `${numberToDecimal(value * 100)}%`;
    return value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { error: 'an invalid date' } : value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('error' in v) return { error: String(v.error) };
    if (Array.isArray(v.richText)) {
      return xlsxCell((v.richText as { text?: string }[]).map((r) => r.text ?? '').join(''));
    }
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) {
      if (v.result === undefined) {
        return { error: 'a formula without a computed value (open the file in Excel and save it again)' };
      }
      return xlsxCell(v.result, numFmt);
    }
    if ('text' in v) return xlsxCell(v.text, numFmt); // a hyperlink
  }
  return { error: 'a value that cannot be read' };
}

/** Whether a number format shows dates: day or year codes outside quoted text and [sections]. */
export function isDateFormat(numFmt: string): boolean {
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(bare);
}

/** An Excel serial day (1900 system) as a UTC date. */
function fromExcelSerial(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

/**
 * The total unpacked size the zip's central directory declares: Infinity for a
 * ZIP64 archive (over 4 GB declared), null when there is no readable directory.
 */
export function unzippedSize(zip: Buffer): number | null {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (entries === 0xffff || at === 0xffffffff) return Infinity;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CDH) return null;
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Infinity;
    total += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

// ---------------------------------------------------------------- both

function tooManyRows(limit: number) {
  return invalid(
    ImportErrorCode.TOO_MANY_ROWS,
    `The file has more than ${limit.toLocaleString('en')} data rows; split it into smaller files.`,
    { limit },
  );
}

/** The first non-blank row is the header; blank rows are dropped; cells are aligned to the widest row. */
function sheetOf(format: SheetData['format'], all: readonly SheetRow[], options: ReadOptions): SheetData {
  const rows = all.filter((r) => r.cells.some((c) => c !== null));
  if (!rows.length) throw invalid(ImportErrorCode.EMPTY_FILE, 'The file is empty: it has no header row.');
  const [head, ...data] = rows;
  if (data.length > options.maxRows) throw tooManyRows(options.maxRows);
  const width = Math.max(...rows.map((r) => lastFilled(r.cells) + 1));
  const header = Array.from({ length: width }, (_, i) => headerText(head.cells[i] ?? null));
  const columnHasData = header.map((_, i) => data.some((r) => (r.cells[i] ?? null) !== null));
  const pad = (cells: Cell[]) => Array.from({ length: width }, (_, i) => cells[i] ?? null);
  return { format, header, columnHasData, rows: data.map((r) => ({ row: r.row, cells: pad(r.cells) })) };
}

function lastFilled(cells: readonly Cell[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i] !== null) return i;
  return -1;
}

function headerText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return cell.error;
  return String(cell);
}
