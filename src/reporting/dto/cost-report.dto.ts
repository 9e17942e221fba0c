import { ApiProperty } from '@nestjs/swagger';
import { COST_GROUPINGS, COST_VIEWS, CostGrouping, CostView } from '../costs/cost-query.dto';

/** The parameters the report ran with, defaults filled in. */
export class CostParametersDto {
  @ApiProperty({ enum: COST_GROUPINGS }) groupBy: CostGrouping;
  @ApiProperty({ enum: COST_VIEWS }) view: CostView;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to: string | null;
  @ApiProperty({ type: Number, nullable: true }) depth: number | null;
}

/** One group in one currency. */
export class CostRowDto {
  @ApiProperty({ example: 'IT (NW-TECH-IT)' }) group: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({
    type: Number,
    description:
      'licenses with cost in this group (in the use view a license counts in each group it is charged to)',
  })
  licenses: number;
  @ApiProperty({ type: Number }) seats: number;
  @ApiProperty({ example: '1234.50' }) net: string;
  @ApiProperty({ example: '234.56' }) vat: string;
  @ApiProperty({ example: '1469.06' }) gross: string;
}

/** All groups of one currency; `licenses` counts each license once. */
export class CostTotalDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: Number, description: 'distinct licenses' }) licenses: number;
  @ApiProperty({ type: Number }) seats: number;
  @ApiProperty({ example: '1234.50' }) net: string;
  @ApiProperty({ example: '234.56' }) vat: string;
  @ApiProperty({ example: '1469.06' }) gross: string;
}

export class CostReportDto {
  @ApiProperty({ type: CostParametersDto }) parameters: CostParametersDto;
  @ApiProperty({ type: [CostRowDto] }) rows: CostRowDto[];
  @ApiProperty({ type: [CostTotalDto] }) totals: CostTotalDto[];
}
