import * as ExcelJS from 'exceljs';
import type { Stream } from 'node:stream';
import {
  columnWidth,
  FORMAT,
  moneyFormat,
  toCurrency,
  toInteger,
  toMoney,
  xlsxCell,
  type Column,
} from './columns';
import { drained, needsDrain, unlessClosed } from './drain';
import {
  columnLetter,
  planTotals,
  TotalsAccumulator,
  totalFormula,
  type TotalsOptions,
  type TotalsPlan,
  type TotalsRow,
} from './totals';

/** Totals of one currency for the summary sheet, e.g. `{ currency: 'EUR', net: '1234.50', seats: 12 }`. */
export interface CurrencyTotal {
  currency: string;
  [key: string]: string | number;
}

/** How a summary total is shown; money values are decimal strings, integers numbers. */
export interface TotalColumn {
  key: string;
  header: string;
  kind: 'money' | 'integer';
}

export interface SummarySheetOptions {
  /** Defaults to "Summary". */
  sheetName?: string;
  /** Defaults to every key of `totals` but `currency`: strings as money, numbers as integers. */
  totalColumns?: readonly TotalColumn[];
}

export interface DataSheetOptions {
  /**
   * Key of the text column with each row's ISO currency code. Money columns without
   * their own `currency` take it for their number format; totals are split by it.
   */
  currencyKey?: string;
  totals?: TotalsOptions;
}

export interface DataSheetResult {
  rowCount: number;
  /** The totals written, computed exactly while streaming; empty when there were no rows or no totals. */
  totals: TotalsRow[];
}

export interface ReportWorkbookOptions {
  creator?: string;
  created?: Date;
}

type ParameterValue = string | Date;
type State = 'open' | 'busy' | 'failed' | 'finished';
type Sheet = ExcelJS.Worksheet;
type CellSpec = { value: ExcelJS.CellValue; numFmt?: string } | null;

const MAX_ROWS = 1_048_576;
const INVALID_SHEET_NAME = /[:\\/?*[\]]|^'|'$/;

/**
 * A report workbook written as it goes with exceljs's streaming writer: every row
 * is committed when added, and the writer waits whenever the zip behind it is
 * full, so memory stays flat however many rows stream through. Sheets are written
 * one after the other, in the order they are added; call `finish()` last.
 *
 * Text is written as it is, as a string cell: only `{ formula }` values become
 * formulas, so a license named `=HYPERLINK(…)` stays text and the cell equals the
 * JSON. (The `'` that neutralizes such text belongs to CSV only: in a workbook it
 * would be part of the value and show in the cell.)
 */
export class ReportWorkbook {
  private readonly writer: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheetNames = new Set<string>();
  private state: State = 'open';

  constructor(
    private readonly out: NodeJS.WritableStream,
    options: ReportWorkbookOptions = {},
  ) {
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out as unknown as Stream,
      useStyles: true,
      useSharedStrings: false,
    });
    this.writer.creator = options.creator ?? 'Seatkeeper';
    this.writer.created = options.created ?? new Date();
  }

  /** A small sheet: the title, the report's parameters (who, when, filters) and its totals per currency. */
  addSummarySheet(
    title: string,
    parameters: readonly (readonly [label: string, value: ParameterValue])[],
    totals: readonly CurrencyTotal[] = [],
    options: SummarySheetOptions = {},
  ): void {
    this.begin();
    try {
      const columns = options.totalColumns ?? inferTotalColumns(totals);
      const labels = [...parameters.map(([label]) => label), 'Currency'];
      const values = parameters.map(([, v]) => (typeof v === 'string' ? v : 'yyyy-mm-dd hh:mm UTC'));
      const sheet = this.writer.addWorksheet(this.claimName(options.sheetName ?? 'Summary'));
      sheet.columns = [
        { width: clampWidth(labels, 14, 40) },
        { width: clampWidth([...values, ...columns.slice(0, 1).map((c) => c.header)], 16, 60) },
        ...columns.slice(1).map((c) => ({ width: clampWidth([c.header], 16, 40) })),
      ];
      const titleRow = writeRow(sheet, [{ value: title }], { bold: true, size: 14 });
      titleRow.commit();
      sheet.addRow([]).commit();
      for (const [label, value] of parameters) {
        const cell: CellSpec = typeof value === 'string' ? { value } : { value, numFmt: FORMAT.dateTime };
        writeRow(sheet, [{ value: label }, cell], { bold: true }, 1).commit();
      }
      if (totals.length && columns.length) {
        sheet.addRow([]).commit();
        const header = ['Currency', ...columns.map((c) => c.header)].map((h) => ({ value: h }));
        writeRow(sheet, header, { bold: true }).commit();
        for (const total of totals) {
          const currency = toCurrency('currency', total.currency);
          const cells = columns.map((c): CellSpec => {
            const value = total[c.key] ?? null;
            if (c.kind === 'integer') return { value: toInteger(c.key, value), numFmt: FORMAT.integer };
            const amount = toMoney(c.key, value);
            return { value: amount === null ? null : Number(amount), numFmt: moneyFormat(currency) };
          });
          writeRow(sheet, [{ value: currency }, ...cells]).commit();
        }
      }
      sheet.commit();
      this.state = 'open';
    } catch (error) {
      this.state = 'failed';
      throw error;
    }
  }

  /**
   * A data sheet: bold frozen header with an autofilter, one row per input row,
   * committed as it is written; then, with `options.totals`, a blank row and the
   * totals row(s) as SUM / SUMIF formulas whose cached results are the exact sums.
   * Rows may come from a database cursor (async iterable) or an array.
   */
  async addDataSheet<R>(
    name: string,
    columns: readonly Column<R>[],
    rows: AsyncIterable<R> | Iterable<R>,
    options: DataSheetOptions = {},
  ): Promise<DataSheetResult> {
    this.begin();
    try {
      const result = await this.writeDataSheet(name, columns, rows, options);
      this.state = 'open';
      return result;
    } catch (error) {
      this.state = 'failed';
      throw error;
    }
  }

  /** Writes the workbook's remaining parts and resolves once `out` has finished (exceljs ends it). */
  async finish(): Promise<void> {
    this.begin();
    try {
      await unlessClosed(() => this.writer.commit(), this.out);
      this.state = 'finished';
    } catch (error) {
      this.state = 'failed';
      throw error;
    }
  }

  private async writeDataSheet<R>(
    name: string,
    columns: readonly Column<R>[],
    rows: AsyncIterable<R> | Iterable<R>,
    options: DataSheetOptions,
  ): Promise<DataSheetResult> {
    const currencyColumn = checkColumns(columns, options.currencyKey);
    const plan = options.totals ? planTotals(columns, options.totals, options.currencyKey) : null;
    const totals = plan ? new TotalsAccumulator(plan) : null;

    const sheet = this.writer.addWorksheet(this.claimName(name), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    });
    sheet.columns = columns.map((c) => ({ width: columnWidth(c) }));
    const header = columns.map((c) => ({ value: c.header }));
    writeRow(sheet, header, { bold: true }).commit();

    let rowCount = 0;
    for await (const row of rows) {
      if (rowCount + 2 > MAX_ROWS) throw new RangeError(`Sheet "${name}" would exceed ${MAX_ROWS} rows.`);
      const currency = currencyColumn ? toCurrency(currencyColumn.key, currencyColumn.value(row)) : null;
      const cells = columns.map((c) => xlsxCell(c, row, currency));
      writeRow(sheet, cells).commit();
      totals?.add(row);
      rowCount++;
      await this.backpressure(sheet);
    }
    const lastRow = rowCount + 1;
    sheet.autoFilter = `A1:${columnLetter(columns.length)}${lastRow}`;

    const totalsRows = totals && rowCount ? totals.rows() : [];
    if (plan && totalsRows.length) {
      if (lastRow + 1 + totalsRows.length > MAX_ROWS) {
        throw new RangeError(`Sheet "${name}" has no room for totals.`);
      }
      sheet.addRow([]).commit();
      for (const total of totalsRows) writeTotalsRow(sheet, columns.length, plan, total, lastRow);
    }
    sheet.commit();
    return { rowCount, totals: totalsRows };
  }

  /**
   * exceljs buffers a sheet in a PassThrough feeding the zip and never waits for
   * it; waiting for that stream's 'drain' carries the output's backpressure back
   * to the row loop (and to the database cursor behind it).
   */
  private async backpressure(sheet: Sheet): Promise<void> {
    const pipe = (sheet as unknown as { stream?: { pipes?: object[] } }).stream?.pipes?.[0];
    if (pipe && needsDrain(pipe)) await drained(pipe, this.out);
  }

  private begin(): void {
    if (this.state !== 'open') throw new Error(`The workbook is ${this.state}.`);
    this.state = 'busy';
  }

  private claimName(name: string): string {
    if (!name.trim() || name.length > 31 || INVALID_SHEET_NAME.test(name)) {
      throw new RangeError(`"${name}" is not a valid sheet name (1-31 characters, none of : \\ / ? * [ ]).`);
    }
    const folded = name.toLowerCase();
    if (this.sheetNames.has(folded)) throw new RangeError(`Sheet "${name}" already exists.`);
    this.sheetNames.add(folded);
    return name;
  }
}

function checkColumns<R>(columns: readonly Column<R>[], currencyKey: string | undefined): Column<R> | null {
  if (!columns.length) throw new TypeError('A data sheet needs at least one column.');
  if (new Set(columns.map((c) => c.key)).size !== columns.length) {
    throw new TypeError('Column keys must be unique.');
  }
  if (currencyKey === undefined) return null;
  const column = columns.find((c) => c.key === currencyKey);
  if (!column) throw new TypeError(`Unknown currency column "${currencyKey}".`);
  if (column.kind !== 'text') throw new TypeError('The currency column must be text.');
  return column;
}

/** Label, currency code and one formula per summed column; data rows are 2..lastRow. */
function writeTotalsRow<R>(
  sheet: Sheet,
  width: number,
  plan: TotalsPlan<R>,
  total: TotalsRow,
  lastRow: number,
): void {
  const cells: CellSpec[] = Array.from({ length: width }, () => null);
  if (plan.labelIndex !== null) cells[plan.labelIndex] = { value: plan.label };
  const byCurrency =
    plan.currency && total.currency !== null ? { index: plan.currency.index, code: total.currency } : null;
  if (byCurrency) cells[byCurrency.index] = { value: byCurrency.code };
  for (const { column, index } of plan.sumColumns) {
    cells[index] = {
      value: { formula: totalFormula(index, 2, lastRow, byCurrency), result: Number(total.sums[column.key]) },
      numFmt: column.kind === 'money' ? moneyFormat(total.currency) : FORMAT.integer,
    };
  }
  writeRow(sheet, cells, { bold: true }).commit();
}

function writeRow(
  sheet: Sheet,
  cells: readonly CellSpec[],
  font?: Partial<ExcelJS.Font>,
  fontColumns = cells.length,
): ExcelJS.Row {
  const row = sheet.addRow(cells.map((c) => c?.value ?? null));
  cells.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (c?.numFmt) cell.numFmt = c.numFmt;
    if (font && i < fontColumns) cell.font = font;
  });
  return row;
}

function inferTotalColumns(totals: readonly CurrencyTotal[]): TotalColumn[] {
  const columns = new Map<string, TotalColumn>();
  for (const total of totals) {
    for (const [key, value] of Object.entries(total)) {
      if (key === 'currency' || columns.has(key)) continue;
      columns.set(key, { key, header: key, kind: typeof value === 'number' ? 'integer' : 'money' });
    }
  }
  return [...columns.values()];
}

function clampWidth(texts: readonly string[], min: number, max: number): number {
  return Math.min(max, Math.max(min, ...texts.map((t) => t.length + 2)));
}
