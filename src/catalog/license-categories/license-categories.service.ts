import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../platform/database/transaction';
import { CatalogService } from '../catalog.service';
import { LicenseCategory } from './license-category.entity';
import { LicenseCategoriesRepository } from './license-categories.repository';
import {
  CreateLicenseCategoryDto,
  LicenseCategoryListQueryDto,
  UpdateLicenseCategoryDto,
} from './dto/license-category.dto';

/** Names are unique regardless of case; licenses keep a category from deletion. */
@Injectable()
export class LicenseCategoriesService extends CatalogService<
  LicenseCategory,
  LicenseCategoryListQueryDto,
  CreateLicenseCategoryDto,
  UpdateLicenseCategoryDto
> {
  constructor(categories: LicenseCategoriesRepository, tx: TransactionRunner) {
    super(categories, tx, 'License category');
  }
}
