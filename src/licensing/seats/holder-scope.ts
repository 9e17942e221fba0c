import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../platform/access/auth-user';
import { Asset } from '../../inventory/assets/asset.entity';
import { Person } from '../../inventory/persons/person.entity';
import { OrgScope, ScopedRecord } from '../../catalog/org-units/org-scope.service';
import { HolderKind } from './seat-rules';

/**
 * Keeps seats or seat events (the query's main alias, with `personId` and `assetId`)
 * whose holder lies in a department head's subtree. The holder is the person when
 * there is one (a device event names the person's seat and the asset activated),
 * else the asset. Unknown holders (deleted since) are outside.
 */
export function restrictToHolders<T extends ObjectLiteral>(
  scope: OrgScope,
  qb: SelectQueryBuilder<T>,
  actor: AuthUser,
): SelectQueryBuilder<T> {
  const a = qb.alias;
  const holderUnit = `CASE WHEN ${a}.personId IS NOT NULL
      THEN (SELECT holder_p.org_unit_id FROM persons holder_p WHERE holder_p.id = ${a}.personId)
      ELSE (SELECT holder_a.org_unit_id FROM assets holder_a WHERE holder_a.id = ${a}.assetId) END`;
  return scope.restrict(qb, holderUnit, actor);
}

/** Locked holders as a scope check names them. */
export const scoped = (kind: HolderKind, rows: readonly { id: string; orgUnitId: string | null }[]) =>
  rows.map((r): ScopedRecord => ({ kind, id: r.id, orgUnitId: r.orgUnitId }));

type Ids = Iterable<string | null | undefined>;

/**
 * Which persons and assets an answer may name for `actor`: every one for an unscoped
 * actor; for a department head, those of their subtree as the tree is now. Answers
 * about a seat in their subtree leave out the rest (the assets a holder activated
 * elsewhere, the holder of an activation on their asset, a transfer's previous holder).
 */
export class HolderVisibility {
  private constructor(
    private readonly persons: Set<string> | null,
    private readonly assets: Set<string> | null,
  ) {}

  static async of(
    scope: OrgScope,
    manager: EntityManager,
    actor: AuthUser,
    ids: { personIds?: Ids; assetIds?: Ids },
  ): Promise<HolderVisibility> {
    if (!scope.isScoped(actor)) return new HolderVisibility(null, null);
    const inScope = async (entity: typeof Person | typeof Asset, wanted: Ids = []) => {
      const list = [...new Set([...wanted].filter((id): id is string => !!id))];
      if (!list.length) return new Set<string>();
      const qb = manager
        .createQueryBuilder(entity, 'h')
        .select('h.id', 'id')
        .where('h.id IN (:...holderIds)', { holderIds: list });
      const rows = await scope.restrict(qb, 'h.orgUnitId', actor).getRawMany<{ id: string }>();
      return new Set(rows.map((r) => r.id));
    };
    return new HolderVisibility(await inScope(Person, ids.personIds), await inScope(Asset, ids.assetIds));
  }

  person(id: string | null | undefined): boolean {
    return !id || !this.persons || this.persons.has(id);
  }

  asset(id: string | null | undefined): boolean {
    return !id || !this.assets || this.assets.has(id);
  }
}
