import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../platform/database/transaction';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { Software } from './software.entity';
import { whereEquals } from '@libs/pagination';
import { CreateSoftwareDto, SoftwareListQueryDto, UpdateSoftwareDto } from './dto/software.dto';

const LIST_SPEC = {
  sortable: { name: 's.name', version: 's.version', createdAt: 's.createdAt', updatedAt: 's.updatedAt' },
  defaultSort: 'name',
  searchable: ['s.name', 's.version'],
};

/** Duplicates of (name, version) and unknown publishers are refused by the database (409 / 400). */
@Injectable()
export class SoftwareService {
  constructor(
    @InjectRepository(Software) private readonly software: Repository<Software>,
    private readonly tx: TransactionRunner,
  ) {}

  list(query: SoftwareListQueryDto): Promise<Page<Software>> {
    const qb = whereEquals(this.software.createQueryBuilder('s'), { publisherId: query.publisherId });
    return paginate(qb, query, LIST_SPEC);
  }

  async get(id: string): Promise<Software> {
    const software = await this.software.findOneBy({ id });
    if (!software) throw new NotFoundError('Software', id);
    return software;
  }

  create(dto: CreateSoftwareDto): Promise<Software> {
    return this.software.save(this.software.create(dto));
  }

  async update(id: string, dto: UpdateSoftwareDto): Promise<Software> {
    const software = await this.get(id);
    return this.software.save(this.software.merge(software, dto));
  }

  /** 409 IN_USE while licenses point to it (foreign key). */
  async remove(id: string): Promise<void> {
    await this.tx.deleteOne(Software, { id }, 'Software');
  }
}
