import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, RequirePermissions } from '../auth/decorators';
import { AuthUser } from '../auth/auth-user';
import { ReportsService } from './reports.service';
import { ComplianceQueryDto } from './dto/compliance.dto';
import { ExpiringQueryDto } from './dto/expiring.dto';
import { CostQueryDto } from './costs/cost-query.dto';

const FORMATS = [
  'application/json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
];

/** Reports answer JSON, or a file with `?format=xlsx|csv`. They take the license list's filters. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces(...FORMATS)
@RequirePermissions('reports:read')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Costs per org unit, software, supplier, category or purchase month, per currency. */
  @Get('costs')
  costs(@CurrentUser() actor: AuthUser, @Query() query: CostQueryDto, @Res() res: Response) {
    return this.reports.costReport(actor, query, res);
  }

  /** Per license: quantity, used, available, status and findings. */
  @Get('compliance')
  compliance(@CurrentUser() actor: AuthUser, @Query() query: ComplianceQueryDto, @Res() res: Response) {
    return this.reports.complianceReport(actor, query, res);
  }

  /** Licenses whose expiration or support date falls within `days`, soonest first, with the cost at stake. */
  @Get('expiring')
  expiring(@CurrentUser() actor: AuthUser, @Query() query: ExpiringQueryDto, @Res() res: Response) {
    return this.reports.expiringReport(actor, query, res);
  }
}
