import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../../common/field-decorators';
import { ReportQueryDto } from '../report-query.dto';

export const COST_GROUPINGS = ['orgUnit', 'software', 'supplier', 'category', 'month'] as const;
export type CostGrouping = (typeof COST_GROUPINGS)[number];
export const COST_VIEWS = ['owner', 'use'] as const;
export type CostView = (typeof COST_VIEWS)[number];

export class CostQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ enum: COST_GROUPINGS, default: 'orgUnit' })
  @IsOptional()
  @IsIn(COST_GROUPINGS)
  groupBy?: CostGrouping;

  @ApiPropertyOptional({
    enum: COST_VIEWS,
    default: 'owner',
    description:
      "owner: each line to the license's org unit; use: each seat's share to its holder's org unit",
  })
  @IsOptional()
  @IsIn(COST_VIEWS)
  view?: CostView;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'purchase date from (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'purchase date to (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    description: 'org-unit grouping rolled up to this tree level (0 = company, 1 = divisions)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  depth?: number;
}
