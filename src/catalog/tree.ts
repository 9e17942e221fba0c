import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { BusinessRuleError, NotFoundError } from '@libs/errors';
import { ListQueryDto } from '../platform/http/list-query.dto';
import { CatalogErrorCode } from './catalog.errors';

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

/** What moving a node needs of its table's repository. */
export interface MovableTree<T> {
  lockMoves(): Promise<void>;
  lock(id: string): Promise<T | null>;
  isWithin(id: string, ancestorId: string): Promise<boolean>;
}

/**
 * Loads a node locked for update, inside the caller's transaction. When the
 * update gives it a new parent, tree moves are serialized first (one advisory
 * lock per table) and a move under itself or its own descendant is refused
 * (422 TREE_CYCLE): two concurrent moves that are each fine alone cannot build
 * a loop together. `label` names the node in errors: 'Org unit', 'Location'.
 */
export async function lockForMove<T>(
  tree: MovableTree<T>,
  label: string,
  id: string,
  newParentId: string | null | undefined,
): Promise<T> {
  const moving = typeof newParentId === 'string'; // moving to the top (null) can never close a loop
  if (moving) await tree.lockMoves();
  const node = await tree.lock(id);
  if (!node) throw new NotFoundError(label, id);
  if (moving && (await tree.isWithin(newParentId, id))) {
    throw new BusinessRuleError(
      CatalogErrorCode.TREE_CYCLE,
      `${label} cannot be moved under itself or one of its descendants.`,
      {
        id,
        parentId: newParentId,
      },
    );
  }
  return node;
}
