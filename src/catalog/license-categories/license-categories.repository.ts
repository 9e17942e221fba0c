import { Injectable } from '@nestjs/common';
import { Page } from '@libs/pagination';
import { TransactionRunner } from '../../platform/database/transaction';
import { CatalogRepository } from '../catalog.repository';
import { LicenseCategory } from './license-category.entity';
import { LicenseCategoryListQueryDto } from './dto/license-category.dto';

const LIST_SPEC = {
  sortable: { name: 'c.name', createdAt: 'c.createdAt', updatedAt: 'c.updatedAt' },
  defaultSort: 'name',
  searchable: ['c.name'],
};

@Injectable()
export class LicenseCategoriesRepository extends CatalogRepository<
  LicenseCategory,
  LicenseCategoryListQueryDto
> {
  constructor(db: TransactionRunner) {
    super(db, LicenseCategory, 'c', LIST_SPEC);
  }

  list(query: LicenseCategoryListQueryDto): Promise<Page<LicenseCategory>> {
    return this.page(this.select(), query);
  }
}
