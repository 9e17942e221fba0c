import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ConflictError, NotFoundError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { TransactionRunner } from '../database/transaction';
import { buildTree, TreeNode, TreeTable } from '../common/tree';
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
    const names = path.split(PATH_SEPARATOR).map((name) => name.trim());
    if (names.some((name) => !name)) return null;
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE walk AS (
         SELECT id, 1 AS depth FROM locations WHERE parent_id IS NULL AND lower(name) = lower(($1::text[])[1])
         UNION ALL
         SELECT child.id, walk.depth + 1 FROM locations child JOIN walk ON child.parent_id = walk.id
         WHERE walk.depth < cardinality($1::text[]) AND lower(child.name) = lower(($1::text[])[walk.depth + 1])
       )
       SELECT id FROM walk WHERE depth = cardinality($1::text[]) LIMIT 2`,
      [names],
    );
    if (rows.length > 1) {
      throw new ConflictError('AMBIGUOUS_PATH', `More than one location has the path "${path}".`, { path });
    }
    return rows.length ? manager.findOneBy(Location, { id: rows[0].id }) : null;
  }
}
