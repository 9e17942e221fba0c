import * as ExcelJS from 'exceljs';
import { csvLine } from '@libs/excel';
import { CLEAR_MARKER, ImportColumn, ImportSpec, requiredText } from './import-columns';
import { MAX_IMPORT_ROWS } from './import-limits';

export type TemplateFormat = 'xlsx' | 'csv';

export interface TemplateFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** The name of the explanation sheet; an uploaded workbook's sheet of this name is never read as data. */
export const EXPLANATION_SHEET = 'Columns';

const CONTENT_TYPE: Record<TemplateFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const REF_FORMAT: Record<string, string> = {
  orgUnit: 'code of an org unit',
  location: 'location path, e.g. Germany/Berlin/HQ',
  organization: 'name of an organization',
  software: 'name of a software product',
  category: 'name of a license category',
  person: 'email of a person',
  asset: 'inventory number of an asset',
  license: 'name of a license',
};

/** "Type" and "Allowed values / format" of a column, as the explanation sheet says them. */
export function columnFormat(column: ImportColumn): { type: string; format: string } {
  const { type, format } = kindFormat(column);
  if (!column.nullable || column.helper) return { type, format };
  const clear = `${CLEAR_MARKER} clears it`;
  return { type, format: format ? `${format}; ${clear}` : clear };
}

function kindFormat(column: ImportColumn): { type: string; format: string } {
  switch (column.kind) {
    case 'text':
      return { type: 'text', format: column.maxLength ? `up to ${column.maxLength} characters` : '' };
    case 'int':
      return { type: 'whole number', format: 'e.g. 25 or 1.000.000' };
    case 'money':
      return {
        type: 'amount',
        format: 'at most 2 decimals: 1234.50, 1234,50, 1.234,50; a currency sign or code is allowed',
      };
    case 'rate':
      return { type: 'percent', format: '0 to 100, at most 2 decimals: 19 or 7,5' };
    case 'date':
      return { type: 'date', format: 'YYYY-MM-DD, DD.MM.YYYY or an Excel date' };
    case 'enum':
      return { type: 'one of a list', format: (column.values ?? []).join(', ') };
    case 'bool':
      return { type: 'yes / no', format: 'yes, no' };
    case 'ref':
      return { type: 'reference', format: REF_FORMAT[column.ref ?? ''] ?? '' };
  }
}

/** The import template: header row and one example row; in xlsx also the explanation sheet and pick lists. */
export async function importTemplate(spec: ImportSpec, format: TemplateFormat): Promise<TemplateFile> {
  const body = format === 'csv' ? csvTemplate(spec) : await xlsxTemplate(spec);
  return { filename: `${spec.entity}-import-template.${format}`, contentType: CONTENT_TYPE[format], body };
}

/** UTF-8 with BOM, comma-separated, CRLF: what our exports write too. */
function csvTemplate(spec: ImportSpec): Buffer {
  const lines = [spec.columns.map((c) => c.header), spec.columns.map((c) => c.example)].map(csvLine);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function xlsxTemplate(spec: ImportSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Seatkeeper';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(spec.sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  sheet.columns = spec.columns.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.min(40, Math.max(14, c.header.length + 4, c.example.length + 2)),
    style: { numFmt: numberFormat(c) },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.numFmt = '@';
    const required = requiredText(spec, c);
    cell.note = `${required === 'yes' ? 'Required. ' : required === 'to create' ? 'Required for a new record. ' : ''}${c.description}`;
    if (c.required) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  });
  sheet.addRow(spec.columns.map(exampleValue));

  const lastRow = MAX_IMPORT_ROWS + 1;
  spec.columns.forEach((c, i) => {
    const values = c.kind === 'enum' ? c.values : c.kind === 'bool' ? ['yes', 'no'] : null;
    if (!values) return;
    const letter = sheet.getColumn(i + 1).letter;
    validations(sheet).add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: requiredText(spec, c) !== 'yes',
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: `${c.header} must be one of: ${values.join(', ')}.`,
    });
  });

  explanationSheet(workbook, spec);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** exceljs keeps a sheet's validations by range, but its typings do not show them. */
function validations(sheet: ExcelJS.Worksheet) {
  return (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } })
    .dataValidations;
}

/** Sheet 2: each column's type, whether it is required, its allowed values, meaning and example. */
function explanationSheet(workbook: ExcelJS.Workbook, spec: ImportSpec): void {
  const sheet = workbook.addWorksheet(EXPLANATION_SHEET);
  sheet.columns = [
    { header: 'Column', width: 26 },
    { header: 'API field', width: 22 },
    { header: 'Type', width: 14 },
    { header: 'Required', width: 10 },
    { header: 'Allowed values / format', width: 44 },
    { header: 'Description', width: 70 },
    { header: 'Example', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const c of spec.columns) {
    const { type, format } = columnFormat(c);
    const row = sheet.addRow([
      c.header,
      c.helper ? '' : c.field,
      type,
      requiredText(spec, c),
      format,
      c.key ? `${c.description} (The key of the row.)` : c.description,
      c.example,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(7).numFmt = '@';
  }
  sheet.addRow([]);
  sheet.addRow(['Rules']).font = { bold: true };
  for (const note of spec.notes) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, 6);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = 30;
  }
  sheet.addRow([
    `At most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows and 20 MB per file. The sheet named ${spec.sheetName} is read (without one, the first sheet).`,
  ]);
}

/** Text columns are formatted as text, so Excel keeps "00123" and "1-2" as typed. */
function numberFormat(column: ImportColumn): string {
  switch (column.kind) {
    case 'money':
      return '0.00';
    case 'int':
      return '0';
    case 'rate':
      return 'General';
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return '@';
  }
}

function exampleValue(column: ImportColumn): string | number | Date | null {
  if (!column.example) return null;
  switch (column.kind) {
    case 'money':
    case 'rate':
    case 'int':
      return Number(column.example);
    case 'date':
      return new Date(`${column.example}T00:00:00Z`);
    default:
      return column.example;
  }
}
