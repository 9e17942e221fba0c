import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, ValidateBy, ValidateIf, ValidationArguments } from 'class-validator';
import { isValidPrice, isValidVatRate } from '@libs/money';

/*
 * Field rules of the license DTOs. They have no license-specific logic and could
 * move to src/common when another module needs them.
 */

/** Money travels as strings; a JSON number has already lost exactness, so it is named as the problem. */
const moneyMessage = (rule: string) => (args: ValidationArguments) =>
  typeof args.value === 'number'
    ? `${args.property} must be sent as a decimal string (e.g. "12.50"), not a JSON number`
    : `${args.property} must be ${rule}`;

/** A unit price: decimal string, >= 0, at most 2 decimals (libs/money isValidPrice). */
export const IsPrice = () =>
  ValidateBy({
    name: 'isPrice',
    validator: {
      validate: (value) => isValidPrice(value),
      defaultMessage: moneyMessage('a decimal string >= 0 with at most 2 decimals, e.g. "1234.50"'),
    },
  });

/** A VAT rate in percent: decimal string between 0 and 100, at most 2 decimals. */
export const IsVatRate = () =>
  ValidateBy({
    name: 'isVatRate',
    validator: {
      validate: (value) => isValidVatRate(value),
      defaultMessage: moneyMessage('a decimal string between 0 and 100 with at most 2 decimals, e.g. "19"'),
    },
  });

/** A real calendar date written 'YYYY-MM-DD' ('2026-02-30' is refused; PostgreSQL has no year 0). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000'))
    return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value) => isCalendarDate(value),
      defaultMessage: (args) => `${args?.property} must be a real date written YYYY-MM-DD`,
    },
  });

/**
 * Free text up to `max` characters. PostgreSQL cannot store the NUL character, so
 * it is refused here rather than failing in the database.
 */
export const IsText = (max: number) => applyDecorators(IsString(), MaxLength(max), HasNoNul());

export const HasNoNul = () =>
  Matches(/^[^\u0000]*$/, { message: ({ property }) => `${property} must not contain the NUL character` });

/** Strips surrounding blanks from strings; other values pass untouched for the validators to judge. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** May be left out, but not sent as null (the column has a default and is NOT NULL). */
export const IsOptionalNotNull = () => ValidateIf((_, value) => value !== undefined);
