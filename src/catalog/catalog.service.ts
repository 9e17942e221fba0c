import { NotFoundError } from '@libs/errors';
import { Page, PageRequest } from '@libs/pagination';
import { RecordEntity } from '../platform/database/record.entity';
import { Transactional, TransactionRunner } from '../platform/database/transaction';
import { CatalogRepository } from './catalog.repository';

/**
 * The use cases every catalog shares: list, read, create, change and delete a record.
 * Duplicates and unknown references are refused by the database (409 DUPLICATE,
 * 400 UNKNOWN_REFERENCE); a catalog with more rules overrides the use case.
 */
export abstract class CatalogService<
  T extends RecordEntity,
  Query extends PageRequest,
  Create extends Partial<T>,
  Update extends Partial<T>,
> {
  protected constructor(
    protected readonly records: CatalogRepository<T, Query>,
    /** The runner @Transactional() use cases run on. */
    protected readonly tx: TransactionRunner,
    /** How errors name a record: 'Organization', 'Org unit'. */
    protected readonly label: string,
  ) {}

  list(query: Query): Promise<Page<T>> {
    return this.records.list(query);
  }

  async get(id: string): Promise<T> {
    const record = await this.records.findById(id);
    if (!record) throw new NotFoundError(this.label, id);
    return record;
  }

  create(dto: Create): Promise<T> {
    return this.records.create(dto);
  }

  async update(id: string, dto: Update): Promise<T> {
    return this.records.update(await this.get(id), dto);
  }

  /** 409 IN_USE while other records point to it (foreign keys). */
  @Transactional()
  async remove(id: string): Promise<void> {
    if (!(await this.records.delete(id))) throw new NotFoundError(this.label, id);
  }
}
