import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { OrgUnitsRepository } from '../../catalog/org-units/org-units.repository';
import { Holder } from '../../inventory/holder-lifecycle';
import { HolderScopeRepository } from './holder-scope.repository';
import { HolderKind } from '../seat-engine/seat-rules';
import { LicenseSeat, ReleaseReason } from './license-seat.entity';

export const holderColumn = (kind: HolderKind) => (kind === 'person' ? 'personId' : 'assetId');

/** Seats' rows and locks (license_seats), in the open transaction when there is one. */
@Injectable()
export class SeatsRepository {
  constructor(
    private readonly db: TransactionRunner,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly holderScope: HolderScopeRepository,
  ) {}

  private get manager(): EntityManager {
    return this.db.manager;
  }

  /** The holder's active seat of the license. */
  findActive(licenseId: string, kind: HolderKind, holderId: string): Promise<LicenseSeat | null> {
    return this.manager.findOne(LicenseSeat, {
      where: { licenseId, [holderColumn(kind)]: holderId, releasedAt: IsNull() },
    });
  }

  /** The active seat with this id on the license. */
  findActiveById(licenseId: string, seatId: string): Promise<LicenseSeat | null> {
    return this.manager.findOne(LicenseSeat, { where: { id: seatId, licenseId, releasedAt: IsNull() } });
  }

  /** The person's active seat, locked FOR UPDATE until the transaction ends. */
  lockActiveOfPerson(licenseId: string, personId: string): Promise<LicenseSeat | null> {
    return this.manager.findOne(LicenseSeat, {
      where: { licenseId, personId, releasedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The active seats of the license held by any of these holders. */
  heldBy(licenseId: string, kind: HolderKind, holderIds: readonly string[]): Promise<LicenseSeat[]> {
    return this.manager.find(LicenseSeat, {
      where: { licenseId, [holderColumn(kind)]: In([...holderIds]), releasedAt: IsNull() },
    });
  }

  /** License and holder of the active seats of these licenses held by any of these persons or assets. */
  heldAmong(
    licenseIds: readonly string[],
    personIds: readonly string[],
    assetIds: readonly string[],
  ): Promise<Pick<LicenseSeat, 'licenseId' | 'personId' | 'assetId'>[]> {
    return this.manager
      .createQueryBuilder(LicenseSeat, 's')
      .select('s.licenseId', 'licenseId')
      .addSelect('s.personId', 'personId')
      .addSelect('s.assetId', 'assetId')
      .where('s.releasedAt IS NULL AND s.licenseId = ANY(:licenseIds)', { licenseIds })
      .andWhere('(s.personId = ANY(:personIds) OR s.assetId = ANY(:assetIds))', { personIds, assetIds })
      .getRawMany();
  }

  /** Everything a person or asset holds now, by license then id. */
  activeOf(holder: Holder): Promise<LicenseSeat[]> {
    const where = holder.personId ? { personId: holder.personId } : { assetId: holder.assetId };
    return this.manager.find(LicenseSeat, {
      where: { ...where, releasedAt: IsNull() },
      order: { licenseId: 'ASC', id: 'ASC' },
    });
  }

  /** One new seat per holder, in one INSERT. */
  create(licenseId: string, kind: HolderKind, holderIds: readonly string[], actorId: string) {
    const column = holderColumn(kind);
    const rows = holderIds.map((id) =>
      this.manager.create(LicenseSeat, { licenseId, [column]: id, assignedBy: actorId }),
    );
    return this.manager.save(LicenseSeat, rows);
  }

  /** These seats locked FOR UPDATE in id order, as they are now (released ones included). */
  lockInIdOrder(seatIds: readonly string[]): Promise<LicenseSeat[]> {
    return this.manager.find(LicenseSeat, {
      where: { id: In([...new Set(seatIds)]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Ends those of these seats still active; answers the ids this statement ended. */
  async release(
    seatIds: readonly string[],
    reason: ReleaseReason,
    actorId: string | null,
  ): Promise<Set<string>> {
    const { raw } = await this.manager
      .createQueryBuilder()
      .update(LicenseSeat)
      .set({ releasedAt: () => 'now()', releasedBy: actorId, releaseReason: reason })
      .where({ id: In([...seatIds]), releasedAt: IsNull() })
      .returning(['id'])
      .execute();
    return new Set((raw as { id: string }[]).map((r) => r.id));
  }

  /** The license's active seats, oldest first; a department head's holders only. */
  listActive(actor: AuthUser, licenseId: string): Promise<LicenseSeat[]> {
    const qb = this.manager
      .createQueryBuilder(LicenseSeat, 's')
      .where('s.licenseId = :licenseId', { licenseId })
      .andWhere('s.releasedAt IS NULL')
      .orderBy('s.assignedAt', 'ASC')
      .addOrderBy('s.id', 'ASC');
    return this.holderScope.restrictToHolders(qb, actor).getMany();
  }

  /** The holder's active seats with their licenses, oldest first; only licenses the actor sees. */
  heldWithLicenses(actor: AuthUser, holder: Holder): Promise<LicenseSeat[]> {
    const qb = this.manager
      .createQueryBuilder(LicenseSeat, 's')
      .innerJoinAndSelect('s.license', 'l')
      .where(holder.personId ? 's.personId = :holderId' : 's.assetId = :holderId', {
        holderId: holder.personId ?? holder.assetId,
      })
      .andWhere('s.releasedAt IS NULL')
      .orderBy('s.assignedAt', 'ASC');
    return this.orgUnits.restrictLicenses(qb, 'l', actor).getMany();
  }

  /** Those of these persons or assets that lie in the actor's subtree. */
  holdersInScope(actor: AuthUser, kind: HolderKind, ids: readonly string[]): Promise<string[]> {
    return this.holderScope.holdersInScope(actor, kind, ids);
  }
}
