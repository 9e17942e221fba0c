import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';
import { IsCalendarDate, isCalendarDate, IsWholeNumber } from '../../platform/http/field-decorators';
import { ReportQueryDto } from '../report-query.dto';

export const COST_GROUPINGS = ['orgUnit', 'software', 'supplier', 'category', 'month'] as const;
export type CostGrouping = (typeof COST_GROUPINGS)[number];
export const COST_VIEWS = ['owner', 'use'] as const;
export type CostView = (typeof COST_VIEWS)[number];

/** `to` on or after `from` (both dates YYYY-MM-DD, so their text order is their date order). */
const NotBeforeFrom = () =>
  ValidateBy({
    name: 'notBeforeFrom',
    validator: {
      validate: (to, args) => {
        const from = (args?.object as CostQueryDto).from;
        return !isCalendarDate(from) || !isCalendarDate(to) || from <= to;
      },
      defaultMessage: () => 'to must not be before from',
    },
  });

/** `depth` rolls up the org-unit tree: it means nothing for the other groupings. */
const OnlyForOrgUnits = () =>
  ValidateBy({
    name: 'onlyForOrgUnits',
    validator: {
      validate: (_depth, args) => ((args?.object as CostQueryDto).groupBy ?? 'orgUnit') === 'orgUnit',
      defaultMessage: () => 'depth applies to groupBy=orgUnit only',
    },
  });

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

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    description: 'purchase date to (inclusive); not before from',
  })
  @IsOptional()
  @IsCalendarDate()
  @NotBeforeFrom()
  to?: string;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 20,
    description:
      'with groupBy=orgUnit only: org units rolled up to this tree level (0 = company, 1 = divisions)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsWholeNumber(0, 20)
  @OnlyForOrgUnits()
  depth?: number;
}
