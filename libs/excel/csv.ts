import { csvValue, type Column } from './columns';
import { drained } from './drain';
import { neutralize } from './neutralize';

export type CsvValue = string | number | null;

const BOM = '\uFEFF';
const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
/** Lines are gathered into chunks of about this size before they are written. */
const CHUNK_CHARS = 64 * 1024;

function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`${value} has no CSV form.`);
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One RFC 4180 record, without its line break. Fields holding `,` `"` CR LF or
 * leading/trailing white space are quoted, quotes doubled; `null` is an empty
 * field. A lone empty field is written `""` so that the line is not blank.
 */
export function csvLine(values: readonly CsvValue[]): string {
  if (values.length === 1 && (values[0] === null || values[0] === '')) return '""';
  return values.map(csvField).join(',');
}

/**
 * Writes UTF-8 with BOM (Excel then reads accents right), a header row and one
 * CRLF-terminated line per row, waiting for 'drain' whenever `out` asks to. Does
 * not end `out`. Returns the number of rows written. A row that breaks its
 * columns' contract rejects with `ExportValueError` part-way: abort the response.
 */
export async function writeCsv<R>(
  out: NodeJS.WritableStream,
  columns: readonly Column<R>[],
  rows: AsyncIterable<R> | Iterable<R>,
): Promise<number> {
  let chunk = BOM + csvLine(columns.map((c) => neutralize(c.header))) + CRLF;
  let count = 0;
  const flush = async (): Promise<void> => {
    const ok = out.write(chunk, 'utf8');
    chunk = '';
    if (!ok) await drained(out);
  };
  for await (const row of rows) {
    chunk += csvLine(columns.map((c) => csvValue(c, row))) + CRLF;
    count++;
    if (chunk.length >= CHUNK_CHARS) await flush();
  }
  if (chunk) await flush();
  return count;
}
