import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../platform/database/transaction';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { Organization } from './organization.entity';
import {
  CreateOrganizationDto,
  OrganizationListQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';

const LIST_SPEC = {
  sortable: { name: 'o.name', kind: 'o.kind', createdAt: 'o.createdAt', updatedAt: 'o.updatedAt' },
  defaultSort: 'name',
  searchable: ['o.name'],
};

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    private readonly tx: TransactionRunner,
  ) {}

  list(query: OrganizationListQueryDto): Promise<Page<Organization>> {
    const qb = this.organizations.createQueryBuilder('o');
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    return paginate(qb, query, LIST_SPEC);
  }

  async get(id: string): Promise<Organization> {
    const organization = await this.organizations.findOneBy({ id });
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }

  create(dto: CreateOrganizationDto): Promise<Organization> {
    return this.organizations.save(this.organizations.create(dto));
  }

  async update(id: string, dto: UpdateOrganizationDto): Promise<Organization> {
    const organization = await this.get(id);
    return this.organizations.save(this.organizations.merge(organization, dto));
  }

  /** 409 IN_USE when org units, software or licenses still point to it (foreign keys). */
  async remove(id: string): Promise<void> {
    await this.tx.deleteOne(Organization, { id }, 'Organization');
  }
}
