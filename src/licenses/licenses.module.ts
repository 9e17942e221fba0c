import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { License } from './license.entity';
import { LicenseKey } from './license-key.entity';

// TODO(issue 2): service, controller, DTOs.
@Module({ imports: [TypeOrmModule.forFeature([License, LicenseKey])] })
export class LicensesModule {}
