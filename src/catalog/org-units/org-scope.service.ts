import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError } from '@libs/errors';
import { can } from '../../platform/access/permissions';
import { AuthUser } from '../../platform/access/auth-user';
import { OrgUnitsService } from './org-units.service';

/** The query parameter every scope condition binds the actor's unit to. */
const SCOPE_PARAM = 'scopeUnitId';

/** Rows whose `column` is the unit bound to `:param` or one of its ancestors. */
const ancestorsSql = (column: string, param: string) =>
  `${column} IN (WITH RECURSIVE scope_up AS (
     SELECT id, parent_id FROM org_units WHERE id = :${param}
     UNION
     SELECT scope_parent.id, scope_parent.parent_id FROM org_units scope_parent
       JOIN scope_up ON scope_parent.id = scope_up.parent_id
   ) SELECT id FROM scope_up)`;

/** Something placed on an org unit, as a scope check sees it. */
export interface ScopedRecord {
  /** 'person', 'asset': names the ids in the error details (`personIds`, `assetIds`). */
  kind: string;
  id: string;
  orgUnitId: string | null;
}

/**
 * A department head sees and changes only what lies in their org-unit subtree
 * (DOMAIN.md, "Who uses it"). Scope is always a condition of the query, evaluated
 * against the tree as it is now, so moving a unit changes it at once.
 */
@Injectable()
export class OrgScope {
  constructor(private readonly orgUnits: OrgUnitsService) {}

  // The one place that decides who is scoped; every other role sees everything.
  isScoped(actor: AuthUser): boolean {
    return !can(actor.role, 'units:all');
  }

  /**
   * Keeps rows whose org unit (`column`, an SQL expression over the query's aliases)
   * lies in the actor's subtree; rows without a unit are outside. No-op when unscoped.
   */
  restrict<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    column: string,
    actor: AuthUser,
  ): SelectQueryBuilder<T> {
    if (!this.isScoped(actor)) return qb;
    return qb.andWhere(this.orgUnits.subtreeSql(column, SCOPE_PARAM), { [SCOPE_PARAM]: actor.orgUnitId });
  }

  /**
   * Keeps licenses (alias `alias`) usable in the actor's subtree: unplaced, placed in
   * the subtree, or placed on an ancestor of the actor's unit (usable below it).
   */
  restrictLicenses<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    actor: AuthUser,
  ): SelectQueryBuilder<T> {
    if (!this.isScoped(actor)) return qb;
    const column = `${alias}.orgUnitId`;
    return qb.andWhere(
      `(${column} IS NULL OR ${this.orgUnits.subtreeSql(column, SCOPE_PARAM)} OR ${ancestorsSql(column, SCOPE_PARAM)})`,
      { [SCOPE_PARAM]: actor.orgUnitId },
    );
  }

  /**
   * 403 OUT_OF_YOUR_SCOPE naming every record outside the actor's subtree (a record
   * without a unit is outside). Call it in the writing transaction, after the records
   * are locked: the shared tree lock keeps units from moving until it commits.
   */
  async assertWithin(
    manager: EntityManager,
    actor: AuthUser,
    records: readonly ScopedRecord[],
  ): Promise<void> {
    if (!this.isScoped(actor) || !records.length) return;
    await this.orgUnits.holdTree(manager);
    const scope = new Set(actor.orgUnitId ? await this.orgUnits.subtreeIds(actor.orgUnitId, manager) : []);
    const outside = records.filter((r) => !r.orgUnitId || !scope.has(r.orgUnitId));
    if (!outside.length) return;
    const details: Record<string, unknown> = { orgUnitId: actor.orgUnitId };
    for (const r of outside) ((details[`${r.kind}Ids`] ??= []) as string[]).push(r.id);
    throw new ForbiddenError(
      `Outside your org unit: ${outside.map((r) => `${r.kind} ${r.id}`).join(', ')}.`,
      details,
      'OUT_OF_YOUR_SCOPE',
    );
  }
}
