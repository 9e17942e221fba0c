import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { OrgScope, ScopedRecord } from '../org-units/org-scope.service';
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
