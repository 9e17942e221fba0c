import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsWholeNumber } from '../../platform/http/field-decorators';
import { ReportQueryDto } from '../report-query.dto';

export const EXPIRING_DATE_KINDS = ['expiration', 'support'] as const;
export type ExpiringDateKind = (typeof EXPIRING_DATE_KINDS)[number];

export class ExpiringQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ type: Number, default: 90, minimum: 0, maximum: 3650 })
  @IsOptional()
  @Type(() => Number)
  @IsWholeNumber(0, 3650)
  days?: number;
}

/**
 * One license whose expiration or support date (or both) falls in the window: each
 * license once, so its annual cost is counted once. `date`, `dateKind` and `daysLeft`
 * are of the sooner of its dates in the window.
 */
export class ExpiringRowDto {
  @ApiProperty({ format: 'uuid' }) licenseId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) softwareName: string | null;
  @ApiProperty({ type: String, nullable: true }) orgUnitName: string | null;
  @ApiProperty({ enum: EXPIRING_DATE_KINDS, description: 'which date `date` is' })
  dateKind: ExpiringDateKind;
  @ApiProperty({ type: String, format: 'date', description: 'the soonest of its dates in the window' })
  date: string;
  @ApiProperty({ type: Number, description: 'days from today to `date`' }) daysLeft: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expirationDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) supportDate: string | null;
  @ApiProperty({
    enum: EXPIRING_DATE_KINDS,
    isArray: true,
    description: 'the dates that fall in the window, soonest first',
  })
  endingInWindow: ExpiringDateKind[];
  @ApiProperty({ type: Number }) quantity: number;
  @ApiProperty({ type: Number }) used: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '1234.50', description: 'quantity × net unit price: the yearly cost at stake' })
  annualNet: string;
  @ApiProperty({ example: '1469.06', description: 'annualNet plus its VAT' }) annualGross: string;
}

/** The licenses of one currency in the window: each counted once, however many of its dates fall in it. */
export class ExpiringTotalDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: Number }) licenses: number;
  @ApiProperty({ type: Number }) quantity: number;
  @ApiProperty({ example: '1234.50' }) annualNet: string;
  @ApiProperty({ example: '1469.06' }) annualGross: string;
}

export class ExpiringReportDto {
  @ApiProperty({ type: Number }) days: number;
  @ApiProperty({ type: String, format: 'date', description: 'the window: today …' }) from: string;
  @ApiProperty({ type: String, format: 'date', description: '… to today + days, both included' })
  until: string;
  @ApiProperty({ type: [ExpiringRowDto] }) rows: ExpiringRowDto[];
  @ApiProperty({ type: [ExpiringTotalDto] }) totals: ExpiringTotalDto[];
}
