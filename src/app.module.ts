import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { HttpExceptionFilter } from './platform/http/http-exception.filter';
import { createValidationPipe } from './platform/http/validation';
import { loggerParams } from './platform/logging';
import { AuthModule } from './access/auth/auth.module';
import { UsersModule } from './access/users/users.module';
import { HealthModule } from './platform/health/health.module';
import { OrganizationsModule } from './catalog/organizations/organizations.module';
import { OrgUnitsModule } from './catalog/org-units/org-units.module';
import { LocationsModule } from './catalog/locations/locations.module';
import { SoftwareModule } from './catalog/software/software.module';
import { LicenseCategoriesModule } from './catalog/license-categories/license-categories.module';
import { PersonsModule } from './inventory/persons/persons.module';
import { AssetsModule } from './inventory/assets/assets.module';
import { LicensesModule } from './licensing/licenses/licenses.module';
import { SeedModule } from './io/seed/seed.module';
import { SeatsModule } from './licensing/seats/seats.module';
import { ReportsModule } from './reporting/reports.module';
import { HolderLifecycleModule } from './inventory/holder-lifecycle';
import { AuditModule } from './access/audit/audit.module';
import { ImportsModule } from './io/imports/imports.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    DatabaseModule,
    HolderLifecycleModule,
    AuthModule,
    UsersModule,
    HealthModule,
    OrganizationsModule,
    OrgUnitsModule,
    LocationsModule,
    SoftwareModule,
    LicenseCategoriesModule,
    PersonsModule,
    AssetsModule,
    LicensesModule,
    SeatsModule,
    ReportsModule,
    SeedModule,
    AuditModule,
    ImportsModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class AppModule {}
