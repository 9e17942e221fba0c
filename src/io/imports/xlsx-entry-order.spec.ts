import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { workbookPartsFirst } from './xlsx-entry-order';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('workbookPartsFirst', () => {
  it('puts the workbook directory, shared strings and styles before the sheets, keeping every part', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Seats').addRow(['License', 'Person email']);
    wb.addWorksheet('Columns').addRow(['x']);
    const original = Buffer.from(await wb.xlsx.writeBuffer());
    const before = Object.keys((await JSZip.loadAsync(original)).files).filter((n) => !n.endsWith('/'));
    expect(before.indexOf('xl/workbook.xml')).toBeGreaterThan(before.indexOf('xl/worksheets/sheet1.xml'));

    const { stream, worksheets } = await workbookPartsFirst(original);
    const repacked = await JSZip.loadAsync(await collect(stream));
    const after = Object.keys(repacked.files).filter((n) => !n.endsWith('/'));
    expect([...after.slice(0, 4)].sort()).toEqual([
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
    ]);
    expect([...after].sort()).toEqual([...before].sort());
    expect(worksheets).toBe(2);
    expect(await repacked.file('xl/worksheets/sheet1.xml')!.async('string')).toContain('<sheetData>');
  });
});
