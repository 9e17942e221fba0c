import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ConflictError, NotFoundError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { TransactionRunner } from '../../platform/database/transaction';
import { buildTree, TreeNode, TreeTable } from '../tree';
import { Location } from './location.entity';
import {
  CreateLocationDto,
  LocationListQueryDto,
  PATH_SEPARATOR,
  UpdateLocationDto,
} from './dto/location.dto';

const LIST_SPEC = {
  sortable: { name: 'l.name', createdAt: 'l.createdAt', updatedAt: 'l.updatedAt' },
  defaultSort: 'name',
  searchable: ['l.name'],
};

const TREE = new TreeTable(Location, 'locations', 'Location');

@Injectable()
export class LocationsService {
  constructor(
    @InjectRepository(Location) private readonly locations: Repository<Location>,
    private readonly tx: TransactionRunner,
  ) {}

  list(query: LocationListQueryDto): Promise<Page<Location>> {
    const qb = this.locations.createQueryBuilder('l');
    TREE.filterByParent(qb, query.parentId);
    return paginate(qb, query, LIST_SPEC);
  }

  async tree(): Promise<TreeNode<Location>[]> {
    return buildTree(await this.locations.find());
  }

  async get(id: string): Promise<Location> {
    const location = await this.locations.findOneBy({ id });
    if (!location) throw new NotFoundError('Location', id);
    return location;
  }

  /** 400 UNKNOWN_REFERENCE naming parentId when the parent does not exist (foreign key). */
  create(dto: CreateLocationDto): Promise<Location> {
    return this.locations.save(this.locations.create(dto));
  }

  /** 422 TREE_CYCLE when the new parent is the location itself or one of its descendants. */
  update(id: string, dto: UpdateLocationDto): Promise<Location> {
    return this.tx.run(async (manager) => {
      const location = await TREE.lockForUpdate(manager, id, dto.parentId);
      return manager.save(Location, manager.merge(Location, location, dto));
    });
  }

  /** 409 IN_USE when child locations, persons, assets or licenses still point to it (foreign keys). */
  async remove(id: string): Promise<void> {
    await this.tx.deleteOne(Location, { id }, 'Location');
  }

  /** The names from the top-level location down to this one: `Germany/Berlin/HQ`. */
  async pathOf(id: string, manager: EntityManager = this.locations.manager): Promise<string> {
    const chain = await TREE.chain(manager, id);
    if (!chain.length) throw new NotFoundError('Location', id);
    return chain.map((node) => node.name).join(PATH_SEPARATOR);
  }

  /**
   * The location a path like `Germany/Berlin/HQ` names, level by level from the top,
   * comparing names without regard to case or surrounding blanks; null when none does.
   * Sibling names are not unique, so a path that fits several locations is a 409.
   */
  async findByPath(path: string, manager: EntityManager = this.locations.manager): Promise<Location | null> {
    const [ids] = await this.idsByPaths([path], manager);
    if (ids.length > 1) {
      throw new ConflictError('AMBIGUOUS_PATH', `More than one location has the path "${path}".`, { path });
    }
    return ids.length ? manager.findOneBy(Location, { id: ids[0] }) : null;
  }

  /**
   * {@link findByPath} for many paths in one query: for each path, in order, the ids
   * of the locations it names (none, one, or several when it is ambiguous).
   */
  async idsByPaths(
    paths: readonly string[],
    manager: EntityManager = this.locations.manager,
  ): Promise<string[][]> {
    const split = paths.map((path) => path.split(PATH_SEPARATOR).map((name) => name.trim()));
    // A blank level ('Germany//HQ', '') names nothing.
    const walkable = split.map((names, i) => ({ i, names })).filter(({ names }) => names.every(Boolean));
    const found: string[][] = paths.map(() => []);
    if (!walkable.length) return found;
    const rows: { i: number; id: string }[] = await manager.query(
      `WITH RECURSIVE input AS (
         SELECT (t.ord - 1)::int AS i, ARRAY(SELECT jsonb_array_elements_text(t.names)) AS names
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(names, ord)
       ), walk AS (
         SELECT input.i, l.id, 1 AS depth FROM input
         JOIN locations l ON l.parent_id IS NULL AND lower(l.name) = lower(input.names[1])
         UNION ALL
         SELECT walk.i, child.id, walk.depth + 1 FROM walk
         JOIN input ON input.i = walk.i
         JOIN locations child ON child.parent_id = walk.id AND lower(child.name) = lower(input.names[walk.depth + 1])
         WHERE walk.depth < cardinality(input.names)
       )
       SELECT walk.i, walk.id FROM walk JOIN input ON input.i = walk.i
       WHERE walk.depth = cardinality(input.names)
       ORDER BY walk.i, walk.id`,
      [JSON.stringify(walkable.map(({ names }) => names))],
    );
    for (const { i, id } of rows) found[walkable[i].i].push(id);
    return found;
  }
}
