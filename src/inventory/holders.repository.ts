import {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindOptionsOrder,
  FindOptionsWhere,
  In,
  SelectQueryBuilder,
} from 'typeorm';
import { NotFoundError } from '@libs/errors';
import { ListSpec, Page, PageRequest, paginate, whereFolded } from '@libs/pagination';
import { AuthUser } from '../platform/access/auth-user';
import { TransactionRunner } from '../platform/database/transaction';
import { OrgUnitsRepository } from '../catalog/org-units/org-units.repository';

/** Rows per INSERT statement of a bulk create: 9 columns at most stay far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

/**
 * What the persons' and the assets' tables share as seat holders: rows placed on an
 * org unit, listed within the actor's scope, created in bulk, and locked before a seat
 * changes hands. Every query runs in the open transaction when there is one.
 */
export abstract class HoldersRepository<T extends { id: string; orgUnitId: string | null }> {
  protected constructor(
    private readonly db: TransactionRunner,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly entity: EntityTarget<T>,
    /** How errors name a row: 'Person', 'Asset'. */
    private readonly label: string,
    /** The alias of `select()` and of the `spec`'s columns. */
    private readonly alias: string,
    private readonly spec: ListSpec,
  ) {}

  protected get manager(): EntityManager {
    return this.db.manager;
  }

  protected select(): SelectQueryBuilder<T> {
    return this.manager.createQueryBuilder(this.entity, this.alias);
  }

  /** The page of `qb`'s rows the actor may see: their org-unit subtree when scoped (totals too). */
  protected page(actor: AuthUser, qb: SelectQueryBuilder<T>, request: PageRequest): Promise<Page<T>> {
    this.orgUnits.restrict(qb, `${this.alias}.orgUnitId`, actor);
    return paginate(qb, request, this.spec);
  }

  /** The row if the actor may see it. */
  findVisible(actor: AuthUser, id: string): Promise<T | null> {
    const qb = this.select().where(`${this.alias}.id = :id`, { id });
    return this.orgUnits.restrict(qb, `${this.alias}.orgUnitId`, actor).getOne();
  }

  /** Those of `ids` whose rows lie in the actor's subtree (all of them for an unscoped actor). */
  async idsInScope(actor: AuthUser, ids: readonly string[]): Promise<string[]> {
    const qb = this.select()
      .select(`${this.alias}.id`, 'id')
      .where(`${this.alias}.id IN (:...holderIds)`, { holderIds: ids });
    const rows = await this.orgUnits
      .restrict(qb, `${this.alias}.orgUnitId`, actor)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /**
   * SQL for the org unit of the row whose id is `idSql` (a column of another module's
   * query), so a scope condition on what these rows hold stays one statement.
   */
  unitOfSql(idSql: string): string {
    const table = this.manager.connection.getMetadata(this.entity).tableName;
    const h = `holder_${this.alias}`;
    return `(SELECT ${h}.org_unit_id FROM ${table} ${h} WHERE ${h}.id = ${idSql})`;
  }

  /** The id and `key` of the rows whose `key`, lower-cased, is one of `foldedKeys` (imports name records so). */
  findKeys<K extends keyof T & string>(foldedKeys: readonly string[], key: K): Promise<Pick<T, 'id' | K>[]> {
    const qb = whereFolded(this.select(), key, foldedKeys);
    return qb.select(`${this.alias}.id`, 'id').addSelect(`${this.alias}.${key}`, key).getRawMany();
  }

  /** The rows whose `key`, lower-cased, is one of `foldedKeys`, locked against change until the transaction ends. */
  lockByKeys(foldedKeys: readonly string[], key: keyof T & string): Promise<T[]> {
    return whereFolded(this.select(), key, foldedKeys).setLock('pessimistic_write').getMany();
  }

  hasAny(): Promise<boolean> {
    return this.manager.exists(this.entity);
  }

  /** Many rows per INSERT. */
  createMany(fields: readonly DeepPartial<T>[]): Promise<T[]> {
    const rows = fields.map((f) => this.manager.create(this.entity, f));
    return this.manager.save(this.entity, rows, { chunk: INSERT_CHUNK });
  }

  save(row: T): Promise<T> {
    return this.manager.save(row);
  }

  async delete(id: string): Promise<void> {
    await this.manager.delete(this.entity, { id } as FindOptionsWhere<T>);
  }

  /** The row locked against change until the transaction ends; 404 when there is none. */
  async lock(id: string): Promise<T> {
    const where = { id } as FindOptionsWhere<T>;
    const row = await this.manager.findOne(this.entity, { where, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new NotFoundError(this.label, id);
    return row;
  }

  /** The rows share-locked in id order until the transaction ends; 404 naming every unknown id. */
  async lockShared(ids: readonly string[]): Promise<T[]> {
    const rows = await this.manager.find(this.entity, {
      where: { id: In([...ids]) } as FindOptionsWhere<T>,
      order: { id: 'ASC' } as FindOptionsOrder<T>,
      lock: { mode: 'pessimistic_read' },
    });
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new NotFoundError(this.label, missing.join(', '));
    return rows;
  }
}
