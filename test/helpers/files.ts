import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import request from 'supertest';

/** Reads a download whole, whatever its type. */
export const binary = (req: request.Test) =>
  req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

export async function workbookOf(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** A CSV download as records keyed by header; it must start with the UTF-8 BOM. */
export function csvOf(buffer: Buffer): Record<string, string>[] {
  expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(buffer.subarray(3).toString('utf8'), { columns: true });
}
