import { Module } from '@nestjs/common';
import { LicensesModule } from '../licensing/licenses/licenses.module';
import { ComplianceService } from './compliance.service';
import { CostsService } from './costs/costs.service';
import { CostLines } from './costs/cost-lines';
import { ExpiringService } from './expiring.service';
import { ReportFiles } from './report-files';
import { ReportParameters } from './report-parameters';
import { ReportsService } from './reports.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [LicensesModule],
  providers: [
    ComplianceService,
    CostsService,
    CostLines,
    ExpiringService,
    ReportFiles,
    ReportParameters,
    ReportsService,
  ],
  controllers: [ReportsController],
})
export class ReportsModule {}
