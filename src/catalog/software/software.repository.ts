import { Injectable } from '@nestjs/common';
import { Page, whereEquals } from '@libs/pagination';
import { TransactionRunner } from '../../platform/database/transaction';
import { CatalogRepository } from '../catalog.repository';
import { Software } from './software.entity';
import { SoftwareListQueryDto } from './dto/software.dto';

const LIST_SPEC = {
  sortable: { name: 's.name', version: 's.version', createdAt: 's.createdAt', updatedAt: 's.updatedAt' },
  defaultSort: 'name',
  searchable: ['s.name', 's.version'],
};

@Injectable()
export class SoftwareRepository extends CatalogRepository<Software, SoftwareListQueryDto> {
  constructor(db: TransactionRunner) {
    super(db, Software, 's', LIST_SPEC);
  }

  list(query: SoftwareListQueryDto): Promise<Page<Software>> {
    return this.page(whereEquals(this.select(), { publisherId: query.publisherId }), query);
  }
}
