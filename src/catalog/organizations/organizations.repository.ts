import { Injectable } from '@nestjs/common';
import { Page } from '@libs/pagination';
import { TransactionRunner } from '../../platform/database/transaction';
import { CatalogRepository } from '../catalog.repository';
import { Organization } from './organization.entity';
import { OrganizationListQueryDto } from './dto/organization.dto';

const LIST_SPEC = {
  sortable: { name: 'o.name', kind: 'o.kind', createdAt: 'o.createdAt', updatedAt: 'o.updatedAt' },
  defaultSort: 'name',
  searchable: ['o.name'],
};

@Injectable()
export class OrganizationsRepository extends CatalogRepository<Organization, OrganizationListQueryDto> {
  constructor(db: TransactionRunner) {
    super(db, Organization, 'o', LIST_SPEC);
  }

  list(query: OrganizationListQueryDto): Promise<Page<Organization>> {
    const qb = this.select();
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    return this.page(qb, query);
  }
}
