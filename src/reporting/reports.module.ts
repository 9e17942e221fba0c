import { Module } from '@nestjs/common';
import { LicenseCategoriesModule } from '../catalog/license-categories/license-categories.module';
import { LocationsModule } from '../catalog/locations/locations.module';
import { OrganizationsModule } from '../catalog/organizations/organizations.module';
import { OrgUnitsModule } from '../catalog/org-units/org-units.module';
import { SoftwareModule } from '../catalog/software/software.module';
import { LicensesModule } from '../licensing/licenses/licenses.module';
import { SeatsModule } from '../licensing/seats/seats.module';
import { ComplianceService } from './compliance.service';
import { CostsService } from './costs/costs.service';
import { CostLines } from './costs/cost-lines';
import { ExpiringService } from './expiring.service';
import { ReportFiles } from './report-files';
import { ReportParameters } from './report-parameters';
import { ReportsService } from './reports.service';
import { ReportsController } from './reports.controller';

/** Reports read licenses and seats through their repositories, and names through the catalogs. */
@Module({
  imports: [
    LicensesModule,
    SeatsModule,
    OrgUnitsModule,
    OrganizationsModule,
    SoftwareModule,
    LicenseCategoriesModule,
    LocationsModule,
  ],
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
