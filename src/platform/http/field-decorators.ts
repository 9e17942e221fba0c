import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isValidPrice, isValidVatRate } from '@libs/money';
import {
  IsBoolean,
  ValidateBy,
  ValidationArguments,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

// Field rules shared by the DTOs of every module: text, numbers, references, money, dates and list filters.
// Each lists its checks type first: the global pipe reports a field's first problem only (VALIDATOR_OPTIONS).

/** Trims strings; anything else passes through untouched so the type validators report it. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims, and turns a blank string into null: an empty optional field means "none". */
const TrimToNull = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value));

/**
 * Optional, but not nullable: the field may be left out, never set to null (its column is NOT NULL).
 * `@IsOptional()` would let null through to the database.
 */
export const OptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

/** PostgreSQL cannot store the NUL character, so it is refused here rather than failing in SQL. */
export const HasNoNul = () =>
  Matches(/^[^\u0000]*$/, { message: '$property must not contain the NUL character' });

/** A string of at most `maxLength` characters. */
export function IsText(maxLength: number) {
  return applyDecorators(IsString(), MaxLength(maxLength), HasNoNul());
}

/** A required text, trimmed, never empty. */
export function RequiredText(maxLength: number, example?: string, description?: string) {
  return applyDecorators(
    ApiProperty({ example, maxLength, description }),
    Trim(),
    IsText(maxLength),
    IsNotEmpty(),
  );
}

/** A whole number from `min` to `max` (validation only; document it with `type: 'integer'`). */
export function IsWholeNumber(min: number, max: number) {
  return applyDecorators(IsInt(), Min(min), Max(max));
}

/** An optional text; null or a blank string clears it. */
export function NullableText(maxLength: number, example?: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, example, maxLength }),
    TrimToNull(),
    IsOptional(),
    IsText(maxLength),
  );
}

/** An optional id of another record; null clears it. Unknown ids are refused by the foreign key (400). */
export function NullableRef(description?: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description }),
    IsOptional(),
    IsUUID(),
  );
}

/** A list filter `?field=<uuid>`. */
export function UuidFilter() {
  return applyDecorators(ApiPropertyOptional({ format: 'uuid' }), IsOptional(), IsUUID());
}

/** A list filter `?field=<one of values>`. */
export function EnumFilter(values: readonly string[]) {
  return applyDecorators(ApiPropertyOptional({ enum: values }), IsOptional(), IsIn(values));
}

/** A list filter `?field=true|false`: query strings are text, so exactly these two words convert. */
export function BooleanFilter() {
  return applyDecorators(
    ApiPropertyOptional({ type: Boolean }),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsOptional(),
    IsBoolean({ message: '$property must be true or false' }),
  );
}

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
