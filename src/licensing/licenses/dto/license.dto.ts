import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ListQueryDto } from '../../../platform/http/list-query.dto';
import { LICENSE_METRICS, LicenseMetric } from '../license.entity';
import { EXPIRY_WARNING_DAYS, LICENSE_STATUSES, LicenseStatus } from '../license-status';
import {
  IsCalendarDate,
  IsWholeNumber,
  OptionalNotNull,
  IsPrice,
  IsText,
  IsVatRate,
  RequiredText,
} from '../../../platform/http/field-decorators';

/** Upper bound of the integer fields: far above any real license, well inside `int`. */
export const MAX_COUNT = 1_000_000;
const CURRENCY = /^[A-Z]{3}$/;
const CURRENCY_MESSAGE = 'currency must be an ISO 4217 code of 3 uppercase letters, e.g. "EUR"';

export class CreateLicenseDto {
  @RequiredText(200, 'Office 2024 Volume', 'unique, ignoring case')
  name: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'license category (type)',
  })
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  softwareId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'internal organization owning the license',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null = usable by everyone',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'location node where it is used',
  })
  @IsOptional()
  @IsUUID()
  locationStructureId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'where the software physically is',
  })
  @IsOptional()
  @IsUUID()
  locationId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsText(200)
  serialNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @IsText(100)
  inventoryNumber?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'manufacturer/supplier organization',
  })
  @IsOptional()
  @IsUUID()
  supplierId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2027-12-31' })
  @IsOptional()
  @IsCalendarDate()
  expirationDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  supportDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  purchaseDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @IsText(100)
  invoiceNumber?: string | null;

  @ApiPropertyOptional({ default: 'EUR', example: 'EUR', description: 'ISO 4217' })
  @OptionalNotNull()
  @Matches(CURRENCY, { message: CURRENCY_MESSAGE })
  currency?: string;

  @ApiPropertyOptional({ type: String, default: '0.00', example: '99.99', description: 'decimal string' })
  @OptionalNotNull()
  @IsPrice()
  netUnitPrice?: string;

  @ApiPropertyOptional({ type: String, default: '0', example: '19', description: 'percent, 0..100' })
  @OptionalNotNull()
  @IsVatRate()
  vatRate?: string;

  @ApiProperty({ enum: LICENSE_METRICS })
  @IsIn(LICENSE_METRICS)
  metric: LicenseMetric;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_COUNT, description: 'seats' })
  @IsWholeNumber(0, MAX_COUNT)
  quantity: number;

  @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: MAX_COUNT })
  @OptionalNotNull()
  @IsWholeNumber(1, MAX_COUNT)
  maxActivationsPerUser?: number;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: MAX_COUNT,
    description: 'devices over the whole license; null = no limit',
  })
  @IsOptional()
  @IsWholeNumber(0, MAX_COUNT)
  maxActivations?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: MAX_COUNT,
    description: 'device resets over the whole license; null = no limit',
  })
  @IsOptional()
  @IsWholeNumber(0, MAX_COUNT)
  maxDeviceResets?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000 })
  @IsOptional()
  @IsText(10000)
  notes?: string | null;
}

/** Every field optional; null clears a nullable field, and is refused for the others. */
export class UpdateLicenseDto extends PartialType(CreateLicenseDto, { skipNullProperties: false }) {}

/** What a caller with only 'licenses:write-financial' (finance) may change. */
export const FINANCIAL_FIELDS = [
  'purchaseDate',
  'invoiceNumber',
  'netUnitPrice',
  'vatRate',
  'currency',
  'supplierId',
] as const satisfies ReadonlyArray<keyof UpdateLicenseDto>;

/**
 * The fields of a license finance may change, as a schema of the OpenAPI document:
 * clients (the web UI's form) take the list from it instead of keeping a copy.
 */
export class LicenseFinancialFieldsDto extends PickType(UpdateLicenseDto, FINANCIAL_FIELDS) {}

/** The license filters, without paging: lists and reports take the same. */
export type LicenseFilters = Omit<LicenseListQueryDto, 'page' | 'pageSize' | 'sort'>;

export class LicenseListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() softwareId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() categoryId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organizationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orgUnitId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supplierId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() locationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() locationStructureId?: string;

  @ApiPropertyOptional({ enum: LICENSE_METRICS })
  @IsOptional()
  @IsIn(LICENSE_METRICS)
  metric?: LicenseMetric;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @Matches(CURRENCY, { message: CURRENCY_MESSAGE })
  currency?: string;

  @ApiPropertyOptional({
    enum: LICENSE_STATUSES,
    description: `expired: before today; expiring: today to ${EXPIRY_WARNING_DAYS} days ahead; active: later or none`,
  })
  @IsOptional()
  @IsIn(LICENSE_STATUSES)
  status?: LicenseStatus;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 36500,
    description: 'expiration date between today and today + N',
  })
  @IsOptional()
  @Type(() => Number)
  @IsWholeNumber(0, 36500)
  expiringWithinDays?: number;
}
