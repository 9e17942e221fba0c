/**
 * Spreadsheet formula-injection guard (OWASP "CSV Injection"): text that starts
 * with `=`, `+`, `-`, `@`, tab or carriage return gets a leading single quote, so
 * Excel, LibreOffice and Google Sheets show it as text instead of evaluating it.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export function needsNeutralizing(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/** Returns `text` unchanged unless a spreadsheet could read it as a formula. */
export function neutralize(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}
