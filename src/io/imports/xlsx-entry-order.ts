import { PassThrough, Readable } from 'node:stream';
import JSZip from 'jszip';

/** The parts exceljs's streaming reader needs before any worksheet, in the order it reads them. */
const WORKBOOK_PARTS = [
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

/** The parts the reader emits as worksheets (chart sheets and the like are elsewhere). */
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/**
 * The same workbook, its parts re-ordered so the workbook's directory, shared strings and styles
 * come before the worksheets. JSZip keeps each part's compressed bytes and writes them as they
 * are, so nothing is unpacked here.
 *
 * Why: when a worksheet comes first in the zip (exceljs itself writes workbook.xml last),
 * exceljs 4.4's reader parks the sheet in a temporary file, and under load its unzip stream then
 * sometimes ends early, dropping the rest of the zip. Seen as a flaky "cannot be read" in CI;
 * with the parts in this order no sheet is parked and the failure does not occur. The count of
 * worksheets lets the caller check that every one was read.
 */
export async function workbookPartsFirst(buffer: Buffer): Promise<{ stream: Readable; worksheets: number }> {
  // Every part is inflated once and checked against its size and CRC (streamed, about a tenth of
  // the read's time): exceljs never ends a sheet whose compressed data is corrupt, and the
  // request hung forever. JSZip rejects such a part here instead.
  const zip = await JSZip.loadAsync(buffer, { checkCRC32: true });
  // `files` keeps insertion order, which is the order `generate` writes: move every other part last.
  const rest = Object.keys(zip.files).filter((name) => !WORKBOOK_PARTS.includes(name));
  for (const name of rest) {
    const part = zip.files[name];
    delete zip.files[name];
    zip.files[name] = part;
  }
  // JSZip's stream is a readable-stream 2 one, which exceljs does not take for a stream.
  const stream = new PassThrough();
  const generated = zip.generateNodeStream({ compression: 'DEFLATE' });
  generated.on('error', (error) => stream.destroy(error));
  generated.pipe(stream);
  return {
    stream,
    worksheets: rest.filter((name) => WORKSHEET.test(name)).length,
  };
}
