import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@libs/errors';
import { AuthUser } from '../../platform/access/auth-user';
import { CatalogErrorCode } from '../catalog.errors';
import { OrgUnitsService } from './org-units.service';
import { isScopedActor } from './scoped-actor';

/** Something placed on an org unit, as a scope check sees it. */
export interface ScopedRecord {
  /** 'person', 'asset': names the ids in the error details (`personIds`, `assetIds`). */
  kind: string;
  id: string;
  orgUnitId: string | null;
}

/**
 * A department head sees and changes only what lies in their org-unit subtree
 * (DOMAIN.md, "Who uses it"). Reads are scoped in the query (OrgUnitsRepository.restrict);
 * writes check the records they touch here, against the tree as it is now.
 */
@Injectable()
export class OrgScope {
  constructor(private readonly orgUnits: OrgUnitsService) {}

  isScoped(actor: AuthUser): boolean {
    return isScopedActor(actor);
  }

  /**
   * 403 OUT_OF_YOUR_SCOPE naming every record outside the actor's subtree (a record
   * without a unit is outside). Call it in the writing transaction, after the records
   * are locked: the shared tree lock keeps units from moving until it commits.
   */
  async assertWithin(actor: AuthUser, records: readonly ScopedRecord[]): Promise<void> {
    if (!this.isScoped(actor) || !records.length) return;
    await this.orgUnits.holdTree();
    const scope = new Set(actor.orgUnitId ? await this.orgUnits.subtreeIds(actor.orgUnitId) : []);
    const outside = records.filter((r) => !r.orgUnitId || !scope.has(r.orgUnitId));
    if (!outside.length) return;
    const details: Record<string, unknown> = { orgUnitId: actor.orgUnitId };
    for (const r of outside) ((details[`${r.kind}Ids`] ??= []) as string[]).push(r.id);
    throw new ForbiddenError(
      `Outside your org unit: ${outside.map((r) => `${r.kind} ${r.id}`).join(', ')}.`,
      details,
      CatalogErrorCode.OUT_OF_YOUR_SCOPE,
    );
  }
}
