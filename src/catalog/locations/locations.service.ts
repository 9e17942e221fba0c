import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '@libs/errors';
import { Transactional, TransactionRunner } from '../../platform/database/transaction';
import { CatalogErrorCode } from '../catalog.errors';
import { CatalogService } from '../catalog.service';
import { buildTree, lockForMove, TreeNode } from '../tree';
import { Location } from './location.entity';
import { LocationsRepository } from './locations.repository';
import {
  CreateLocationDto,
  LocationListQueryDto,
  PATH_SEPARATOR,
  UpdateLocationDto,
} from './dto/location.dto';

/**
 * 400 UNKNOWN_REFERENCE naming parentId when the parent does not exist (foreign key);
 * 409 IN_USE on delete while child locations, persons, assets or licenses point to it.
 */
@Injectable()
export class LocationsService extends CatalogService<
  Location,
  LocationListQueryDto,
  CreateLocationDto,
  UpdateLocationDto
> {
  constructor(
    private readonly locations: LocationsRepository,
    tx: TransactionRunner,
  ) {
    super(locations, tx, 'Location');
  }

  async tree(): Promise<TreeNode<Location>[]> {
    return buildTree(await this.locations.findAll());
  }

  /** 422 TREE_CYCLE when the new parent is the location itself or one of its descendants. */
  @Transactional()
  async update(id: string, dto: UpdateLocationDto): Promise<Location> {
    return this.locations.update(await lockForMove(this.locations, this.label, id, dto.parentId), dto);
  }

  /** The names from the top-level location down to this one: `Germany/Berlin/HQ`. */
  async pathOf(id: string): Promise<string> {
    const chain = await this.locations.chain(id);
    if (!chain.length) throw new NotFoundError(this.label, id);
    return chain.map((node) => node.name).join(PATH_SEPARATOR);
  }

  /**
   * The location a path like `Germany/Berlin/HQ` names, level by level from the top,
   * comparing names without regard to case or surrounding blanks; null when none does.
   * Sibling names are not unique, so a path that fits several locations is a 409.
   */
  async findByPath(path: string): Promise<Location | null> {
    const [ids] = await this.idsByPaths([path]);
    if (ids.length > 1) {
      throw new ConflictError(
        CatalogErrorCode.AMBIGUOUS_PATH,
        `More than one location has the path "${path}".`,
        { path },
      );
    }
    return ids.length ? this.locations.findById(ids[0]) : null;
  }

  /**
   * {@link findByPath} for many paths in one query: for each path, in order, the ids
   * of the locations it names (none, one, or several when it is ambiguous).
   */
  async idsByPaths(paths: readonly string[]): Promise<string[][]> {
    const split = paths.map((path) => path.split(PATH_SEPARATOR).map((name) => name.trim()));
    // A blank level ('Germany//HQ', '') names nothing.
    const walkable = split.map((names, i) => ({ i, names })).filter(({ names }) => names.every(Boolean));
    const found: string[][] = paths.map(() => []);
    const walked = await this.locations.idsByNamePaths(walkable.map(({ names }) => names));
    walked.forEach((ids, w) => (found[walkable[w].i] = ids));
    return found;
  }
}
