import { ApiPropertyOptional } from '@nestjs/swagger';
import { isUUID, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BusinessRuleError, NotFoundError } from '@libs/errors';
import { ListQueryDto } from '../platform/http/list-query.dto';

/** What the tree helpers need of a row: org units and locations both fit. */
export interface TreeRow {
  id: string;
  parentId: string | null;
  name: string;
}

export type TreeNode<T> = T & { children: TreeNode<T>[] };

/**
 * Flat rows → nested tree, siblings sorted by name (then id, so equal names keep a
 * stable order). A row whose parent is not among the rows becomes a root.
 */
export function buildTree<T extends TreeRow>(rows: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const row of rows) nodes.set(row.id, { ...row, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort(byName);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

function byName(a: TreeRow, b: TreeRow): number {
  return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Maps every node of a tree (e.g. with a DTO's `from`), keeping the shape. */
export function mapTree<T, U>(nodes: TreeNode<T>[], map: (node: T) => U): TreeNode<U>[] {
  return nodes.map((node) => ({ ...map(node), children: mapTree(node.children, map) }));
}

/** `?parentId=<uuid>` lists the children of a node, `?parentId=root` the top-level nodes. */
export const ROOT = 'root';

export class TreeListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    description: `children of this node; the literal value \`${ROOT}\` lists the top-level nodes`,
    example: ROOT,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== ROOT)
  @IsUUID(undefined, { message: `parentId must be a UUID or '${ROOT}'` })
  parentId?: string;
}

/**
 * SQL over one self-referencing table (`id`, `parent_id`). The table name is a
 * constant of the calling service, never client input. Recursive CTEs use UNION,
 * so even a corrupted loop in the data ends the walk instead of hanging.
 */
export class TreeTable<T extends TreeRow & ObjectLiteral> {
  constructor(
    private readonly entity: EntityTarget<T>,
    private readonly table: string,
    private readonly label: string,
  ) {}

  filterByParent(qb: SelectQueryBuilder<T>, parentId: string | undefined): void {
    if (parentId === ROOT) qb.andWhere(`${qb.alias}.parentId IS NULL`);
    else if (parentId) qb.andWhere(`${qb.alias}.parentId = :parentId`, { parentId });
  }

  /**
   * Loads a node locked for update, inside the caller's transaction. When the
   * update gives it a new parent, tree moves are serialized first (one advisory
   * lock per table) and a move under itself or its own descendant is refused:
   * two concurrent moves that are each fine alone cannot build a loop together.
   */
  async lockForUpdate(
    manager: EntityManager,
    id: string,
    newParentId: string | null | undefined,
  ): Promise<T> {
    const moving = typeof newParentId === 'string'; // moving to the top (null) can never close a loop
    if (moving) await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.table}_tree`]);
    const node = await manager.findOne(this.entity, {
      where: { id } as never,
      lock: { mode: 'pessimistic_write' },
    });
    if (!node) throw new NotFoundError(this.label, id);
    if (moving && (await this.isWithin(manager, newParentId, id))) {
      throw new BusinessRuleError(
        'TREE_CYCLE',
        `${this.label} cannot be moved under itself or one of its descendants.`,
        {
          id,
          parentId: newParentId,
        },
      );
    }
    return node;
  }

  /** The node and all its descendants; empty when the node does not exist. */
  async subtreeIds(manager: EntityManager, rootId: string): Promise<string[]> {
    if (!isUUID(rootId)) return [];
    const rows: { id: string }[] = await manager.query(`${this.subtreeQuery('$1')} SELECT id FROM sub_tree`, [
      rootId,
    ]);
    return rows.map((r) => r.id);
  }

  /** True when `id` is `ancestorId` itself or lies below it. */
  async isWithin(manager: EntityManager, id: string, ancestorId: string): Promise<boolean> {
    if (!isUUID(id) || !isUUID(ancestorId)) return false;
    const rows: unknown[] = await manager.query(
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
  async chain(manager: EntityManager, id: string): Promise<{ id: string; name: string }[]> {
    if (!isUUID(id)) return [];
    return manager.query(
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
   * `qb.andWhere(tree.subtreeSql('p.orgUnitId', 'scopeRoot'), { scopeRoot: unitId })`.
   */
  subtreeSql(column: string, param: string): string {
    return `${column} IN (${this.subtreeQuery(`:${param}`)} SELECT id FROM sub_tree)`;
  }

  private subtreeQuery(root: string): string {
    return `WITH RECURSIVE sub_tree AS (
      SELECT id FROM ${this.table} WHERE id = ${root}
      UNION
      SELECT sub_child.id FROM ${this.table} sub_child JOIN sub_tree ON sub_child.parent_id = sub_tree.id
    )`;
  }
}
