import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../platform/database/transaction';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { LicenseCategory } from './license-category.entity';
import {
  CreateLicenseCategoryDto,
  LicenseCategoryListQueryDto,
  UpdateLicenseCategoryDto,
} from './dto/license-category.dto';

const LIST_SPEC = {
  sortable: { name: 'c.name', createdAt: 'c.createdAt', updatedAt: 'c.updatedAt' },
  defaultSort: 'name',
  searchable: ['c.name'],
};

@Injectable()
export class LicenseCategoriesService {
  constructor(
    @InjectRepository(LicenseCategory) private readonly categories: Repository<LicenseCategory>,
    private readonly tx: TransactionRunner,
  ) {}

  list(query: LicenseCategoryListQueryDto): Promise<Page<LicenseCategory>> {
    return paginate(this.categories.createQueryBuilder('c'), query, LIST_SPEC);
  }

  async get(id: string): Promise<LicenseCategory> {
    const category = await this.categories.findOneBy({ id });
    if (!category) throw new NotFoundError('License category', id);
    return category;
  }

  create(dto: CreateLicenseCategoryDto): Promise<LicenseCategory> {
    return this.categories.save(this.categories.create(dto));
  }

  async update(id: string, dto: UpdateLicenseCategoryDto): Promise<LicenseCategory> {
    const category = await this.get(id);
    return this.categories.save(this.categories.merge(category, dto));
  }

  /** 409 IN_USE while licenses point to it (foreign key). */
  async remove(id: string): Promise<void> {
    await this.tx.deleteOne(LicenseCategory, { id }, 'License category');
  }
}
