/** What an import refuses before it writes a row (beside the common codes of libs/errors). */
export const ImportErrorCode = {
  /** 400: no file in the multipart field "file". */
  FILE_REQUIRED: 'FILE_REQUIRED',
  /** 400: a malformed multipart upload. */
  INVALID_UPLOAD: 'INVALID_UPLOAD',
  /** 413: the upload is over the import's size limit. */
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  /** 400: an xlsx whose zip unpacks beyond the limit (a zip bomb, or simply too big). */
  FILE_TOO_LARGE_UNPACKED: 'FILE_TOO_LARGE_UNPACKED',
  /** 400: no bytes, no worksheet, or no header row. */
  EMPTY_FILE: 'EMPTY_FILE',
  /** 400: neither an xlsx workbook nor a CSV in UTF-8 (an .xls, a binary). */
  UNSUPPORTED_FILE: 'UNSUPPORTED_FILE',
  /** 400: a CSV whose quoted field is not closed. */
  INVALID_CSV: 'INVALID_CSV',
  /** 400: a zip that looks like an xlsx but cannot be read as one. */
  INVALID_XLSX: 'INVALID_XLSX',
  /** 400: more data rows than one import takes. */
  TOO_MANY_ROWS: 'TOO_MANY_ROWS',
  /** 400: the header row does not fit the entity's columns; details list what is off. */
  HEADER_MISMATCH: 'HEADER_MISMATCH',
  /** 400: a header and no data row. */
  NO_ROWS: 'NO_ROWS',
} as const;

export type ImportErrorCode = (typeof ImportErrorCode)[keyof typeof ImportErrorCode];
