import { DeepPartial, EntityManager, EntityTarget, FindOptionsWhere, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ListSpec, Page, PageRequest, paginate, whereFolded } from '@libs/pagination';
import { RecordEntity } from '../platform/database/record.entity';
import { TransactionRunner } from '../platform/database/transaction';

/**
 * The rows of one catalog table (organizations, software, …), read and written in the
 * open transaction when there is one. Each catalog adds its own list filters.
 */
export abstract class CatalogRepository<T extends RecordEntity, Query extends PageRequest> {
  protected constructor(
    private readonly db: TransactionRunner,
    protected readonly entity: EntityTarget<T>,
    /** The alias of `select()` and of the `spec`'s columns. */
    private readonly alias: string,
    private readonly spec: ListSpec,
  ) {}

  protected get manager(): EntityManager {
    return this.db.manager;
  }

  abstract list(query: Query): Promise<Page<T>>;

  protected select(): SelectQueryBuilder<T> {
    return this.manager.createQueryBuilder(this.entity, this.alias);
  }

  protected page(qb: SelectQueryBuilder<T>, request: PageRequest): Promise<Page<T>> {
    return paginate(qb, request, this.spec);
  }

  findById(id: string): Promise<T | null> {
    return this.manager.findOneBy(this.entity, { id } as FindOptionsWhere<T>);
  }

  findAll(): Promise<T[]> {
    return this.manager.find(this.entity);
  }

  /**
   * The id, `key` and `also` fields of the rows whose `key`, lower-cased, is one of
   * `foldedKeys`, in one query: imports name records by such a key.
   */
  findKeys<K extends keyof T & string>(
    foldedKeys: readonly string[],
    key: K,
    ...also: K[]
  ): Promise<Pick<T, 'id' | K>[]> {
    const qb = whereFolded(this.select(), key, foldedKeys).select(`${this.alias}.id`, 'id');
    for (const field of [key, ...also]) qb.addSelect(`${this.alias}.${field}`, field);
    return qb.getRawMany();
  }

  hasAny(): Promise<boolean> {
    return this.manager.exists(this.entity);
  }

  /** Rows with their ids given, in one INSERT: a row may name another of the same statement (its parent). */
  async insertMany(rows: readonly QueryDeepPartialEntity<T>[]): Promise<void> {
    await this.manager.insert(this.entity, rows as QueryDeepPartialEntity<T>[]);
  }

  create(fields: Partial<T>): Promise<T> {
    return this.manager.save(this.manager.create(this.entity, fields as DeepPartial<T>));
  }

  update(row: T, changes: Partial<T>): Promise<T> {
    return this.manager.save(this.manager.merge(this.entity, row, changes as DeepPartial<T>));
  }

  /** False when no row has this id. */
  async delete(id: string): Promise<boolean> {
    const { affected } = await this.manager.delete(this.entity, { id } as FindOptionsWhere<T>);
    return !!affected;
  }
}
