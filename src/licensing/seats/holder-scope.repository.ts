import { Injectable } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../platform/access/auth-user';
import { OrgUnitsRepository } from '../../catalog/org-units/org-units.repository';
import { AssetsRepository } from '../../inventory/assets/assets.repository';
import { PersonsRepository } from '../../inventory/persons/persons.repository';
import { HolderKind } from '../seat-engine/seat-rules';

/**
 * Keeps seats or seat events (the query's main alias, with `personId` and `assetId`)
 * whose holder lies in a department head's subtree. The holder is the person when
 * there is one (a device event names the person's seat and the asset activated),
 * else the asset. Unknown holders (deleted since) are outside. The holder's unit is
 * read in the same statement (the persons' and assets' repositories give the SQL).
 */
@Injectable()
export class HolderScopeRepository {
  constructor(
    private readonly orgUnits: OrgUnitsRepository,
    private readonly persons: PersonsRepository,
    private readonly assets: AssetsRepository,
  ) {}

  restrictToHolders<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    actor: AuthUser,
  ): SelectQueryBuilder<T> {
    const a = qb.alias;
    const holderUnit = `CASE WHEN ${a}.personId IS NOT NULL
      THEN ${this.persons.unitOfSql(`${a}.personId`)}
      ELSE ${this.assets.unitOfSql(`${a}.assetId`)} END`;
    return this.orgUnits.restrict(qb, holderUnit, actor);
  }

  /** Those of these persons or assets that lie in the actor's subtree. */
  holdersInScope(actor: AuthUser, kind: HolderKind, ids: readonly string[]): Promise<string[]> {
    return (kind === 'person' ? this.persons : this.assets).idsInScope(actor, ids);
  }
}
