import { ApiProperty } from '@nestjs/swagger';
import { ReportQueryDto } from '../report-query.dto';
import { BooleanFilter } from '../../platform/http/field-decorators';
import { FINDING_CODES, FindingCode } from '../compliance-findings';

export class ComplianceQueryDto extends ReportQueryDto {
  /** Only licenses with at least one finding. */
  @BooleanFilter()
  onlyFindings?: boolean;
}

export class FindingDto {
  @ApiProperty({ enum: FINDING_CODES }) code: FindingCode;
  @ApiProperty() count: number;
  @ApiProperty() message: string;
}

export class ComplianceRowDto {
  @ApiProperty({ format: 'uuid' }) licenseId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['per_user', 'per_device'] }) metric: string;
  @ApiProperty() quantity: number;
  @ApiProperty() used: number;
  @ApiProperty() available: number;
  @ApiProperty({ enum: ['active', 'expiring', 'expired'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) expirationDate: string | null;
  @ApiProperty() activeDevices: number;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
}
