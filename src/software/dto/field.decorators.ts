import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

// Field decorators shared by the catalog, person and asset DTOs. They belong in src/common once
// the lead moves them; until then the other modules import them from here.

/** Trims strings; anything else passes through untouched so the type validators report it. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims, and turns a blank string into null: an empty optional field means "none". */
const TrimToNull = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value));

/**
 * Optional, but not nullable: the field may be left out, never set to null (its column is NOT NULL).
 * `@IsOptional()` would let null through to the database.
 */
export const OptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

/** A string of at most `maxLength` characters. PostgreSQL cannot store NUL, so it is refused here, not in SQL. */
export function IsText(maxLength: number) {
  return applyDecorators(
    IsString(),
    MaxLength(maxLength),
    Matches(/^[^\u0000]*$/, { message: '$property must not contain the NUL character' }),
  );
}

/** A required text, trimmed, never empty. */
export function RequiredText(maxLength: number, example?: string) {
  return applyDecorators(ApiProperty({ example, maxLength }), Trim(), IsText(maxLength), IsNotEmpty());
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
