import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LicenseCategory } from './license-category.entity';

// TODO(issue 2): service, controller, DTOs.
@Module({ imports: [TypeOrmModule.forFeature([LicenseCategory])] })
export class LicenseCategoriesModule {}
