import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LicenseCategory } from './license-category.entity';
import { LicenseCategoriesService } from './license-categories.service';
import { LicenseCategoriesController } from './license-categories.controller';

@Module({
  imports: [TypeOrmModule.forFeature([LicenseCategory])],
  providers: [LicenseCategoriesService],
  controllers: [LicenseCategoriesController],
  exports: [LicenseCategoriesService],
})
export class LicenseCategoriesModule {}
