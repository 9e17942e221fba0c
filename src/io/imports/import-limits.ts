/** Largest upload accepted (413 beyond), enforced by multer while the file arrives. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Most data rows in one file (400 TOO_MANY_ROWS beyond). */
export const MAX_IMPORT_ROWS = 100_000;
