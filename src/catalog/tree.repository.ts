import { isUUID } from 'class-validator';
import { EntityTarget, FindOptionsWhere, SelectQueryBuilder } from 'typeorm';
import { ListSpec, PageRequest } from '@libs/pagination';
import { RecordEntity } from '../platform/database/record.entity';
import { TransactionRunner } from '../platform/database/transaction';
import { CatalogRepository } from './catalog.repository';
import { MovableTree, ROOT, TreeRow } from './tree';

/**
 * SQL over one self-referencing table (`id`, `parent_id`): org units and locations.
 * The table name is a constant of the subclass, never client input. Recursive CTEs
 * use UNION, so even a corrupted loop in the data ends the walk instead of hanging.
 */
export abstract class TreeRepository<T extends RecordEntity & TreeRow, Query extends PageRequest>
  extends CatalogRepository<T, Query>
  implements MovableTree<T>
{
  protected constructor(
    db: TransactionRunner,
    entity: EntityTarget<T>,
    private readonly table: string,
    alias: string,
    spec: ListSpec,
  ) {
    super(db, entity, alias, spec);
  }

  /** `parentId` of a tree list query: the children of that node, or the top level for `root`. */
  protected selectChildren(parentId: string | undefined): SelectQueryBuilder<T> {
    const qb = this.select();
    if (parentId === ROOT) qb.andWhere(`${qb.alias}.parentId IS NULL`);
    else if (parentId) qb.andWhere(`${qb.alias}.parentId = :parentId`, { parentId });
    return qb;
  }

  /** Moves wait for each other: taken by a move, held until its transaction ends. */
  async lockMoves(): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.movesLock]);
  }

  /** No node moves until the transaction ends: the moves' lock, shared. */
  async holdMoves(): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [this.movesLock]);
  }

  /** The node locked for update until the transaction ends. */
  lock(id: string): Promise<T | null> {
    return this.manager.findOne(this.entity, {
      where: { id } as FindOptionsWhere<T>,
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The node and all its descendants; empty when the node does not exist. */
  async subtreeIds(rootId: string): Promise<string[]> {
    if (!isUUID(rootId)) return [];
    const rows: { id: string }[] = await this.manager.query(
      `${this.subtreeQuery('$1')} SELECT id FROM sub_tree`,
      [rootId],
    );
    return rows.map((r) => r.id);
  }

  /** True when `id` is `ancestorId` itself or lies below it. */
  async isWithin(id: string, ancestorId: string): Promise<boolean> {
    if (!isUUID(id) || !isUUID(ancestorId)) return false;
    const rows: unknown[] = await this.manager.query(
      `WITH RECURSIVE up_chain AS (
         SELECT id, parent_id FROM ${this.table} WHERE id = $1
         UNION
         SELECT up_parent.id, up_parent.parent_id FROM ${this.table} up_parent
           JOIN up_chain ON up_parent.id = up_chain.parent_id
       )
       SELECT 1 FROM up_chain WHERE id = $2 LIMIT 1`,
      [id, ancestorId],
    );
    return rows.length > 0;
  }

  /** The node's ancestors and the node itself, root first; empty when it does not exist. */
  async chain(id: string): Promise<{ id: string; name: string }[]> {
    if (!isUUID(id)) return [];
    return this.manager.query(
      `WITH RECURSIVE up_chain AS (
         SELECT id, parent_id, name, 0 AS depth FROM ${this.table} WHERE id = $1
         UNION
         SELECT up_parent.id, up_parent.parent_id, up_parent.name, up_chain.depth + 1 FROM ${this.table} up_parent
           JOIN up_chain ON up_parent.id = up_chain.parent_id
         WHERE up_chain.depth < 1000
       )
       SELECT id, name FROM up_chain ORDER BY depth DESC`,
      [id],
    );
  }

  /**
   * A `where` condition keeping rows whose `column` lies in the subtree of the
   * node bound to `:param`, so scoping stays inside the query:
   * `qb.andWhere(units.subtreeSql('p.orgUnitId', 'scopeRoot'), { scopeRoot: unitId })`.
   */
  subtreeSql(column: string, param: string): string {
    return `${column} IN (${this.subtreeQuery(`:${param}`)} SELECT id FROM sub_tree)`;
  }

  private get movesLock(): string {
    return `${this.table}_tree`;
  }

  private subtreeQuery(root: string): string {
    return `WITH RECURSIVE sub_tree AS (
      SELECT id FROM ${this.table} WHERE id = ${root}
      UNION
      SELECT sub_child.id FROM ${this.table} sub_child JOIN sub_tree ON sub_child.parent_id = sub_tree.id
    )`;
  }
}
