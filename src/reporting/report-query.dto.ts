import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BooleanFilter } from '../platform/http/field-decorators';
import { LicenseListQueryDto } from '../licensing/licenses/dto/license.dto';

export const REPORT_FORMATS = ['json', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What every report takes: the license list's filters, and the file format. */
export class ReportQueryDto extends LicenseListQueryDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  /** With format=csv: the license lines behind the report instead of its rows. */
  @BooleanFilter()
  detail?: boolean;
}
