import Decimal from 'decimal.js';

/**
 * Exact money arithmetic on decimal strings. Amounts never pass through binary
 * floats: they come in as strings (JSON, `numeric` columns) and leave as strings
 * with two decimals. Rounding is half away from zero (Decimal.ROUND_HALF_UP).
 */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Amount = string | number | Decimal;

const AMOUNT_PATTERN = /^-?\d{1,13}(\.\d{1,2})?$/;
const PRICE_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;

export const MAX_PRICE_DIGITS = 13;

/** A unit price: non-negative, at most 2 decimals. */
export function isValidPrice(value: unknown): value is string {
  return typeof value === 'string' && PRICE_PATTERN.test(value);
}

/** A VAT rate in percent: between 0 and 100 inclusive, at most 2 decimals. */
export function isValidVatRate(value: unknown): value is string {
  return typeof value === 'string' && PRICE_PATTERN.test(value) && new Money(value).lte(100);
}

export function isValidAmount(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT_PATTERN.test(value);
}

/** Rounds to cents, half away from zero. */
export function round2(value: Amount): Decimal {
  return new Money(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Formats an amount as a decimal string with exactly two decimals ("1234.50"). */
export function formatMoney(value: Amount): string {
  return round2(value).toFixed(2);
}

/** Normalises a stored rate ("19.00") to its shortest exact form ("19"). */
export function formatRate(value: Amount): string {
  return new Money(value).toDecimalPlaces(2).toString();
}

/** grossUnitPrice = round2(net × (1 + vat/100)) */
export function grossUnitPrice(net: Amount, vatRate: Amount): string {
  return formatMoney(new Money(net).times(new Money(vatRate).dividedBy(100).plus(1)));
}

export interface LineCost {
  net: string;
  vat: string;
  gross: string;
}

/** line net = quantity × net; line VAT = round2(line net × vat/100); line gross = net + VAT. */
export function lineCost(quantity: number, netUnit: Amount, vatRate: Amount): LineCost {
  const net = round2(new Money(netUnit).times(quantity));
  const vat = round2(net.times(vatRate).dividedBy(100));
  return { net: net.toFixed(2), vat: vat.toFixed(2), gross: net.plus(vat).toFixed(2) };
}

/**
 * Splits an amount into `parts` shares that add up to it exactly: every share gets
 * the amount divided evenly, and the cents that do not divide go one each to the
 * first shares.
 */
export function splitEvenly(total: Amount, parts: number): string[] {
  const split = evenSplit(total, parts);
  return Array.from({ length: parts }, (_, i) => sumOfShares(split, 1, i < split.extra ? 1 : 0));
}

/**
 * {@link splitEvenly} without building the shares, for sums over many of them: in whole
 * cents, share i is `base + 1` for i < `extra`, else `base` (times `sign`).
 */
export interface EvenSplit {
  base: bigint;
  extra: number;
  sign: bigint;
}

export function evenSplit(total: Amount, parts: number): EvenSplit {
  if (!Number.isInteger(parts) || parts <= 0) throw new RangeError('parts must be a positive integer');
  const cents = new Money(total).times(100);
  if (!cents.isInteger()) throw new RangeError('total must be in whole cents');
  const abs = BigInt(cents.abs().toFixed(0));
  return {
    base: abs / BigInt(parts),
    extra: Number(abs % BigInt(parts)),
    sign: cents.isNegative() ? -1n : 1n,
  };
}

/** The sum of `count` shares of a split, `early` of them among the first `extra`, as money. */
export function sumOfShares(split: EvenSplit, count: number, early: number): string {
  const cents = (split.base * BigInt(count) + BigInt(early)) * split.sign;
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Sum of decimal strings, as a two-decimal string. */
export function sumMoney(values: Iterable<Amount>): string {
  let total = new Money(0);
  for (const v of values) total = total.plus(v);
  return total.toFixed(2);
}
