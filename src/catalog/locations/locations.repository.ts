import { Injectable } from '@nestjs/common';
import { Page } from '@libs/pagination';
import { TransactionRunner } from '../../platform/database/transaction';
import { TreeRepository } from '../tree.repository';
import { Location } from './location.entity';
import { LocationListQueryDto } from './dto/location.dto';

const LIST_SPEC = {
  sortable: { name: 'l.name', createdAt: 'l.createdAt', updatedAt: 'l.updatedAt' },
  defaultSort: 'name',
  searchable: ['l.name'],
};

@Injectable()
export class LocationsRepository extends TreeRepository<Location, LocationListQueryDto> {
  constructor(db: TransactionRunner) {
    super(db, Location, 'locations', 'l', LIST_SPEC);
  }

  list(query: LocationListQueryDto): Promise<Page<Location>> {
    return this.page(this.selectChildren(query.parentId), query);
  }

  /**
   * For each path, in order, the ids of the locations it names level by level from
   * the top, comparing names without regard to case (none, one, or several when
   * sibling names repeat). One query for all paths; each path is its list of names.
   */
  async idsByNamePaths(paths: readonly string[][]): Promise<string[][]> {
    const found: string[][] = paths.map(() => []);
    if (!paths.length) return found;
    const rows: { i: number; id: string }[] = await this.manager.query(
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
      [JSON.stringify(paths)],
    );
    for (const { i, id } of rows) found[i].push(id);
    return found;
  }
}
