import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LicenseCategory } from './license-category.entity';
import { LicenseCategoriesRepository } from './license-categories.repository';
import { LicenseCategoriesService } from './license-categories.service';
import { LicenseCategoriesController } from './license-categories.controller';

@Module({
  imports: [TypeOrmModule.forFeature([LicenseCategory])],
  providers: [LicenseCategoriesRepository, LicenseCategoriesService],
  controllers: [LicenseCategoriesController],
  exports: [LicenseCategoriesService, LicenseCategoriesRepository],
})
export class LicenseCategoriesModule {}
