import { Module } from '@nestjs/common';
import { LicensesModule } from '../licenses/licenses.module';
import { ComplianceService } from './compliance.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [LicensesModule],
  providers: [ComplianceService],
  controllers: [ReportsController],
})
export class ReportsModule {}
