import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReportQueryDto } from '../report-query.dto';

export class ExpiringQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ default: 90, minimum: 0, maximum: 3650 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  days?: number;
}

export class ExpiringRowDto {
  @ApiProperty({ format: 'uuid' }) licenseId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) softwareName: string | null;
  @ApiProperty({ type: String, nullable: true }) orgUnitName: string | null;
  @ApiProperty({ enum: ['expiration', 'support'] }) dateKind: 'expiration' | 'support';
  @ApiProperty() date: string;
  @ApiProperty() daysLeft: number;
  @ApiProperty() quantity: number;
  @ApiProperty() used: number;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'quantity × net unit price: the yearly cost at stake' }) annualNet: string;
  @ApiProperty() annualGross: string;
}
