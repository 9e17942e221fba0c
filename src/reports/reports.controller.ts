import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../auth/decorators';
import { AuthUser } from '../auth/auth-user';
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
  complianceReport(@CurrentUser() actor: AuthUser, @Query() query: ComplianceQueryDto) {
    return this.compliance.report(actor, query);
  }
}
