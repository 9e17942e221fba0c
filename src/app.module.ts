import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { loggerParams } from './common/logging';
import { AuthModule } from './auth/auth.module';
import { UsersModule } from './users/users.module';
import { HealthModule } from './health/health.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { OrgUnitsModule } from './org-units/org-units.module';
import { LocationsModule } from './locations/locations.module';
import { SoftwareModule } from './software/software.module';
import { LicenseCategoriesModule } from './license-categories/license-categories.module';
import { PersonsModule } from './persons/persons.module';
import { AssetsModule } from './assets/assets.module';
import { LicensesModule } from './licenses/licenses.module';
import { SeedModule } from './seed/seed.module';
import { SeatsModule } from './seats/seats.module';
import { ReportsModule } from './reports/reports.module';
import { HolderLifecycleModule } from './common/holder-lifecycle';
import { AuditModule } from './audit/audit.module';
import { ImportsModule } from './imports/imports.module';

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
