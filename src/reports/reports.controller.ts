import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/decorators';
import { ComplianceService } from './compliance.service';
import { ComplianceQueryDto } from './dto/compliance.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly compliance: ComplianceService) {}

  /** Per license: quantity, used, available, status and findings. Takes the license list filters. */
  @Get('compliance')
  @RequirePermissions('reports:read')
  complianceReport(@Query() query: ComplianceQueryDto) {
    return this.compliance.report(query);
  }
}
