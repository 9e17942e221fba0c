import Decimal from 'decimal.js';

/** A decimal written as people type it, turned into the API's form ("1234.50"), or why it cannot be. */
export type DecimalParse = { ok: true; value: string } | { ok: false; message: string };

/** Blanks people group thousands with: space, no-break space, narrow no-break space, apostrophe (Swiss). */
const BLANK_GROUP = /[ \u00a0\u202f']/g;
const ALLOWED = /^[\d., \u00a0\u202f']+$/;

const fail = (message: string): DecimalParse => ({ ok: false, message });
const notANumber = (text: string) => fail(`"${text}" is not a number.`);

/** `1` to `3` digits, then groups of exactly three: `1.234.567` but not `12.34`. */
function validGroups(groups: readonly string[]): boolean {
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

function compose(sign: string, integer: string, fraction?: string): DecimalParse {
  const digits = integer.replace(/^0+(?=\d)/, '') || '0';
  const value = fraction === undefined ? digits : `${digits}.${fraction}`;
  return { ok: true, value: sign && /[1-9]/.test(value) ? `-${value}` : value };
}

/**
 * Reads a decimal written with `.` or `,` as decimal separator and, optionally,
 * `.`, `,`, blanks or `'` grouping thousands: `1234.5`, `1234,50`, `1.234,50`,
 * `1,234.50`, `1 234,50`. Where both separators appear, the last one is the
 * decimal separator. A single separator followed by exactly three digits after
 * one to three leading digits (`1,234`, `1.234`) could be either and is refused;
 * so is anything else that is not a plain number (no exponents, no currency).
 * The range and the number of decimals are for the caller to check.
 */
export function parseDecimal(input: string): DecimalParse {
  let text = input.trim();
  let sign = '';
  if (/^[-+]/.test(text)) {
    sign = text[0] === '-' ? '-' : '';
    text = text.slice(1).trim();
  }
  if (!ALLOWED.test(text) || !/\d/.test(text)) return notANumber(input.trim());

  if (/[ \u00a0\u202f']/.test(text)) {
    // Blanks group the thousands: the one `.` or `,` left, if any, is the decimal separator.
    const separators = text.match(/[.,]/g) ?? [];
    if (separators.length > 1) return notANumber(input.trim());
    const [integer, fraction] = separators.length ? text.split(/[.,]/) : [text, undefined];
    if (!validGroups(integer.split(BLANK_GROUP)) || fraction === '') return notANumber(input.trim());
    return compose(sign, integer.replace(BLANK_GROUP, ''), fraction);
  }

  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  if (!dots && !commas) return compose(sign, text);

  if (dots && commas) {
    const decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if ((decimal === '.' ? dots : commas) > 1) return notANumber(input.trim());
    const [integer, fraction] = text.split(decimal);
    if (!fraction || !validGroups(integer.split(group))) return notANumber(input.trim());
    return compose(sign, integer.split(group).join(''), fraction);
  }

  const separator = dots ? '.' : ',';
  const parts = text.split(separator);
  if (parts.length > 2) {
    // `1.234.567`: only thousands, no decimals.
    if (!validGroups(parts)) return notANumber(input.trim());
    return compose(sign, parts.join(''));
  }
  const [integer, fraction] = parts;
  if (!fraction) return notANumber(input.trim());
  if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(integer)) {
    const other = separator === '.' ? ',' : '.';
    return fail(
      `"${input.trim()}" is ambiguous: "${separator}" could separate thousands or decimals. ` +
        `Write ${integer}${fraction} or ${integer}${separator}${fraction}${other}00 for thousands, ` +
        `or ${integer}${other}${fraction} for a decimal.`,
    );
  }
  return compose(sign, integer || '0', fraction);
}

/**
 * A spreadsheet number as a decimal string, without the binary noise of a float
 * (0.1 + 0.2 is 0.30000000000000004): Excel itself shows 15 significant digits.
 */
export function numberToDecimal(value: number): string {
  return new Decimal(value.toPrecision(15)).toFixed();
}
