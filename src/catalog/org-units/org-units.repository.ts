import { Injectable } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Page } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { TreeRepository } from '../tree.repository';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitListQueryDto } from './dto/org-unit.dto';
import { isScopedActor } from './scoped-actor';

const LIST_SPEC = {
  sortable: { name: 'u.name', code: 'u.code', createdAt: 'u.createdAt', updatedAt: 'u.updatedAt' },
  defaultSort: 'name',
  searchable: ['u.name', 'u.code'],
};

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

/**
 * The org-unit tree, and the scope conditions other modules' repositories put in
 * their queries: a department head sees only what lies in their subtree, evaluated
 * against the tree as it is now, so moving a unit changes it at once.
 */
@Injectable()
export class OrgUnitsRepository extends TreeRepository<OrgUnit, OrgUnitListQueryDto> {
  constructor(db: TransactionRunner) {
    super(db, OrgUnit, 'org_units', 'u', LIST_SPEC);
  }

  list(query: OrgUnitListQueryDto): Promise<Page<OrgUnit>> {
    const qb = this.selectChildren(query.parentId);
    if (query.organizationId)
      qb.andWhere('u.organizationId = :organizationId', { organizationId: query.organizationId });
    return this.page(qb, query);
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
    if (!isScopedActor(actor)) return qb;
    return qb.andWhere(this.subtreeSql(column, SCOPE_PARAM), { [SCOPE_PARAM]: actor.orgUnitId });
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
    if (!isScopedActor(actor)) return qb;
    const column = `${alias}.orgUnitId`;
    return qb.andWhere(
      `(${column} IS NULL OR ${this.subtreeSql(column, SCOPE_PARAM)} OR ${ancestorsSql(column, SCOPE_PARAM)})`,
      { [SCOPE_PARAM]: actor.orgUnitId },
    );
  }
}
