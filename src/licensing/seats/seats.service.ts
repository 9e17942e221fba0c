import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { BusinessRuleError, ConflictError, DomainError } from '@libs/errors';
import { AuthUser } from '../../platform/access/auth-user';
import { Holder, HolderEnd, HolderLifecycle } from '../../inventory/holder-lifecycle';
import { TransactionRunner } from '../../platform/database/transaction';
import { LicensesService } from '../licenses/licenses.service';
import { LicenseKeysService } from '../licenses/license-keys.service';
import { License } from '../licenses/license.entity';
import { OrgUnitsService } from '../../catalog/org-units/org-units.service';
import { OrgScope } from '../../catalog/org-units/org-scope.service';
import { PersonsService } from '../../inventory/persons/persons.service';
import { AssetsService } from '../../inventory/assets/assets.service';
import { LicenseSeat } from './license-seat.entity';
import { SeatDevice } from './seat-device.entity';
import { SeatHistory } from './seat-history.service';
import { SeatEvent } from './seat-event.entity';
import { Page, PageRequest } from '@libs/pagination';
import { SeatRelease } from './seat-release';
import { assertMetric, assertSeatsAvailable, HolderKind } from './seat-rules';
import { HolderVisibility, restrictToHolders, scoped } from './holder-scope';
import { DeviceDto, HeldLicenseDto, ReleasedDto, SeatDto } from './dto/seat.dto';
import { explainRefusal } from './seat-refusals';

/** A person or asset as the assignment rules see it. */
interface HolderRow {
  id: string;
  orgUnitId: string | null;
  /** An active person, an asset not retired. */
  usable: boolean;
}

const holderColumn = (kind: HolderKind) => (kind === 'person' ? 'personId' : 'assetId');

/**
 * Hands out and takes back seats. Every write locks the license row (FOR UPDATE)
 * before it counts, in the transaction that writes; the holders are share-locked
 * first so none is deactivated or retired underneath. Lock order, everywhere:
 * holders, licenses, seats, devices (see SeatRelease). The database's counters and
 * CHECK constraints refuse anything that would slip past (migrations Seats… and
 * SeatCounterGuards…); such a refusal answers as the service's own, numbers included.
 * A department head acts only on licenses they see (else 404) and on holders in
 * their subtree (else 403), checked in that transaction once the holders are locked;
 * answers name no person or asset outside their subtree.
 */
@Injectable()
export class SeatsService implements OnModuleInit {
  constructor(
    @InjectRepository(LicenseSeat) private readonly seats: Repository<LicenseSeat>,
    private readonly tx: TransactionRunner,
    private readonly licenses: LicensesService,
    private readonly keys: LicenseKeysService,
    private readonly orgUnits: OrgUnitsService,
    private readonly persons: PersonsService,
    private readonly assets: AssetsService,
    private readonly events: SeatHistory,
    private readonly release: SeatRelease,
    private readonly lifecycle: HolderLifecycle,
    private readonly scope: OrgScope,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onEnd((manager, holder, reason, actorId) =>
      this.releaseHolder(manager, holder, reason, actorId),
    );
  }

  /** All or none: every id gets a seat, or the request is refused whole. */
  async assign(actor: AuthUser, licenseId: string, kind: HolderKind, ids: string[]): Promise<SeatDto[]> {
    try {
      const seats = await this.tx.run((manager) => this.assignIn(manager, actor, licenseId, kind, ids));
      return seats.map((s) => SeatDto.from(s));
    } catch (error) {
      throw await explainRefusal(this.seats.manager, error, { licenseId, seats: ids.length });
    }
  }

  /**
   * {@link assign} in the caller's transaction. Every rule is checked before the
   * first write, so a refusal leaves that transaction usable.
   */
  async assignIn(
    manager: EntityManager,
    actor: AuthUser,
    licenseId: string,
    kind: HolderKind,
    ids: string[],
  ): Promise<LicenseSeat[]> {
    const holders = await this.lockHolders(manager, kind, ids);
    const license = await this.licenses.lockVisible(manager, actor, licenseId);
    await this.scope.assertWithin(manager, actor, scoped(kind, holders));
    assertMetric(license, kind);
    await this.assertAssignable(manager, license, kind, holders);
    assertSeatsAvailable(license, ids.length);
    return this.createSeats(manager, license, kind, ids, actor.id, 'assign');
  }

  async unassign(actor: AuthUser, licenseId: string, kind: HolderKind, holderId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      // Holders before the license, the lock order of every seat write.
      const holders = this.scope.isScoped(actor) ? await this.lockHolders(manager, kind, [holderId]) : [];
      await this.licenses.lockVisible(manager, actor, licenseId);
      await this.scope.assertWithin(manager, actor, scoped(kind, holders));
      const seat = await this.activeSeatOf(manager, licenseId, kind, holderId);
      await this.release.releaseSeats(manager, [seat], 'unassigned', actor.id);
    });
  }

  /** Moves a seat to another holder atomically, with the checks of an assign. */
  async transfer(actor: AuthUser, licenseId: string, seatId: string, to: Holder): Promise<SeatDto> {
    try {
      return SeatDto.from(await this.transferOnce(actor, licenseId, seatId, to));
    } catch (error) {
      throw await explainRefusal(this.seats.manager, error, { licenseId, seats: 1 });
    }
  }

  private transferOnce(actor: AuthUser, licenseId: string, seatId: string, to: Holder): Promise<LicenseSeat> {
    const kind: HolderKind = to.personId ? 'person' : 'asset';
    const targetId = (to.personId ?? to.assetId) as string;
    return this.tx.run(async (manager) => {
      const holders = await this.lockHolders(manager, kind, [targetId]);
      const sources = this.scope.isScoped(actor) ? await this.lockSeatHolder(manager, licenseId, seatId) : [];
      const license = await this.licenses.lockVisible(manager, actor, licenseId);
      await this.scope.assertWithin(manager, actor, [...sources, ...scoped(kind, holders)]);
      const from = await manager.findOne(LicenseSeat, {
        where: { id: seatId, licenseId, releasedAt: IsNull() },
      });
      if (!from)
        throw new DomainError('not_found', 'NOT_FOUND', `License ${licenseId} has no active seat ${seatId}.`);
      assertMetric(license, kind);
      await this.assertAssignable(manager, license, kind, holders);
      // Release first: the count never exceeds quantity, even inside the transaction.
      await this.release.releaseSeats(manager, [from], 'transferred', actor.id, 'transfer');
      const [created] = await this.createSeats(manager, license, kind, [targetId], actor.id, null);
      await this.keys.rebindSeats(manager, [from.id], created.id);
      await this.events.record(manager, [
        {
          licenseId,
          seatId: created.id,
          action: 'transfer',
          personId: created.personId,
          assetId: created.assetId,
          actorId: actor.id,
          details: { fromSeatId: from.id, from: { personId: from.personId, assetId: from.assetId } },
        },
      ]);
      return created;
    });
  }

  /** The license's current seats with their devices; a department head's holders only. */
  async listSeats(actor: AuthUser, licenseId: string): Promise<SeatDto[]> {
    await this.licenses.assertVisible(actor, licenseId);
    const qb = this.seats
      .createQueryBuilder('s')
      .where('s.licenseId = :licenseId', { licenseId })
      .andWhere('s.releasedAt IS NULL')
      .orderBy('s.assignedAt', 'ASC')
      .addOrderBy('s.id', 'ASC');
    const seats = await restrictToHolders(this.scope, qb, actor).getMany();
    const devices = await this.activeDevices(
      this.seats.manager,
      actor,
      seats.map((s) => s.id),
    );
    return seats.map((s) => SeatDto.from(s, devices.get(s.id)));
  }

  /**
   * What a person or asset holds now: seats, and for an asset also activations on
   * per_user seats. A department head: 404 for a holder outside their subtree, and
   * only the licenses they see.
   */
  async holdings(actor: AuthUser, holder: Holder): Promise<HeldLicenseDto[]> {
    if (holder.personId) await this.persons.get(actor, holder.personId);
    else await this.assets.get(actor, holder.assetId as string);
    const manager = this.seats.manager;
    const seatsQuery = manager
      .createQueryBuilder(LicenseSeat, 's')
      .innerJoinAndSelect('s.license', 'l')
      .where(holder.personId ? 's.personId = :holderId' : 's.assetId = :holderId', {
        holderId: holder.personId ?? holder.assetId,
      })
      .andWhere('s.releasedAt IS NULL')
      .orderBy('s.assignedAt', 'ASC');
    const seats = await this.scope.restrictLicenses(seatsQuery, 'l', actor).getMany();
    const devices = await this.activeDevices(
      manager,
      actor,
      seats.map((s) => s.id),
    );
    const held: HeldLicenseDto[] = seats.map((s) => ({
      licenseId: s.licenseId,
      licenseName: s.license!.name,
      metric: s.license!.metric,
      kind: 'seat',
      seatId: s.id,
      personId: s.personId,
      since: s.assignedAt,
      devices: (devices.get(s.id) ?? []).map(DeviceDto.from),
    }));
    if (holder.assetId) {
      const activationsQuery = manager
        .createQueryBuilder(SeatDevice, 'd')
        .innerJoinAndSelect('d.seat', 's')
        .innerJoinAndSelect('s.license', 'l')
        .where('d.assetId = :assetId', { assetId: holder.assetId })
        .andWhere('d.deactivatedAt IS NULL')
        .orderBy('d.activatedAt', 'ASC');
      const activations = await this.scope.restrictLicenses(activationsQuery, 'l', actor).getMany();
      // The activation is on the asset shown; its seat's holder may be outside a department head's subtree.
      const visible = await HolderVisibility.of(this.scope, manager, actor, {
        personIds: activations.map((d) => d.seat!.personId),
      });
      for (const d of activations) {
        held.push({
          licenseId: d.licenseId,
          licenseName: d.seat!.license!.name,
          metric: d.seat!.license!.metric,
          kind: 'device',
          seatId: d.seatId,
          personId: visible.person(d.seat!.personId) ? d.seat!.personId : null,
          since: d.activatedAt,
          devices: [DeviceDto.from(d)],
        });
      }
    }
    return held;
  }

  /** Every seat event of the license, newest first; a department head's holders only. */
  async history(actor: AuthUser, licenseId: string, request: PageRequest): Promise<Page<SeatEvent>> {
    await this.licenses.assertVisible(actor, licenseId);
    const page = await this.events.list(actor, licenseId, request);
    if (!this.scope.isScoped(actor)) return page;
    return { ...page, items: await this.events.withinScope(this.seats.manager, actor, page.items) };
  }

  /** Frees every seat and device of a person and deactivates them, on purpose. */
  async offboard(actor: AuthUser, personId: string): Promise<ReleasedDto[]> {
    return this.tx.run(async (manager) => {
      const person = await this.persons.lock(manager, personId);
      await this.scope.assertWithin(manager, actor, scoped('person', [person]));
      const released = await this.releaseHolder(manager, { personId }, 'offboarded', actor.id);
      await this.persons.markInactive(manager, personId);
      // A department head's answer leaves out the devices outside their subtree.
      const visible = await HolderVisibility.of(this.scope, manager, actor, {
        assetIds: released.flatMap((r) => r.devices),
      });
      return released.map((r) => ({ ...r, devices: r.devices.filter((id) => visible.asset(id)) }));
    });
  }

  /**
   * Releases all a holder has: its seats and, for an asset, its activations on other
   * seats. The caller has locked the holder (FOR UPDATE), so no seat or activation of
   * it can start meanwhile; SeatRelease locks the licenses and seats before it ends anything.
   */
  async releaseHolder(
    manager: EntityManager,
    holder: Holder,
    reason: HolderEnd | 'offboarded',
    actorId: string | null,
  ): Promise<ReleasedDto[]> {
    const where = holder.personId ? { personId: holder.personId } : { assetId: holder.assetId };
    const held = await manager.find(LicenseSeat, {
      where: { ...where, releasedAt: IsNull() },
      order: { licenseId: 'ASC', id: 'ASC' },
    });
    const released = await this.release.releaseSeats(manager, held, reason, actorId);
    if (holder.assetId)
      released.push(...(await this.release.releaseActivationsOn(manager, holder.assetId, reason, actorId)));
    return released;
  }

  /**
   * The holder of an active seat, share-locked like the holders of an assign (none
   * when there is no such seat: the caller's own lookup answers 404 then).
   */
  private async lockSeatHolder(manager: EntityManager, licenseId: string, seatId: string) {
    const seat = await manager.findOneBy(LicenseSeat, { id: seatId, licenseId, releasedAt: IsNull() });
    if (!seat) return [];
    const kind: HolderKind = seat.personId ? 'person' : 'asset';
    return scoped(kind, await this.lockHolders(manager, kind, [(seat.personId ?? seat.assetId) as string]));
  }

  private async lockHolders(manager: EntityManager, kind: HolderKind, ids: string[]): Promise<HolderRow[]> {
    if (kind === 'person') {
      const persons = await this.persons.lockForAssignment(manager, ids);
      return persons.map((p) => ({ id: p.id, orgUnitId: p.orgUnitId, usable: p.active }));
    }
    const assets = await this.assets.lockForAssignment(manager, ids);
    return assets.map((a) => ({ id: a.id, orgUnitId: a.orgUnitId, usable: a.status !== 'retired' }));
  }

  /** Inactive persons, retired assets, holders outside the license's org unit, seats already held. */
  private async assertAssignable(
    manager: EntityManager,
    license: License,
    kind: HolderKind,
    holders: HolderRow[],
  ): Promise<void> {
    const unusable = holders.filter((h) => !h.usable).map((h) => h.id);
    if (unusable.length) {
      throw kind === 'person'
        ? new BusinessRuleError('INACTIVE_PERSON', 'Deactivated persons take no new seat.', {
            personIds: unusable,
          })
        : new BusinessRuleError('RETIRED_ASSET', 'Retired assets take no new seat.', { assetIds: unusable });
    }
    if (license.orgUnitId) {
      const scope = new Set(await this.orgUnits.subtreeIds(license.orgUnitId, manager));
      const outside = holders.filter((h) => !h.orgUnitId || !scope.has(h.orgUnitId)).map((h) => h.id);
      if (outside.length) {
        throw new BusinessRuleError(
          'OUT_OF_SCOPE',
          `The license is placed on an org unit; these ${kind}s are not at or below it.`,
          { orgUnitId: license.orgUnitId, [`${kind}Ids`]: outside },
        );
      }
    }
    const column = holderColumn(kind);
    const held = await manager.find(LicenseSeat, {
      where: { licenseId: license.id, [column]: In(holders.map((h) => h.id)), releasedAt: IsNull() },
    });
    if (held.length) {
      throw new ConflictError(
        'ALREADY_ASSIGNED',
        `Already assigned to this license: ${held.length} of the ${kind}s.`,
        {
          [`${kind}Ids`]: held.map((s) => s[column]),
        },
      );
    }
  }

  private async createSeats(
    manager: EntityManager,
    license: License,
    kind: HolderKind,
    ids: string[],
    actorId: string,
    action: 'assign' | null,
  ): Promise<LicenseSeat[]> {
    const column = holderColumn(kind);
    const rows = ids.map((id) =>
      manager.create(LicenseSeat, { licenseId: license.id, [column]: id, assignedBy: actorId }),
    );
    const seats = await manager.save(LicenseSeat, rows);
    if (action) {
      await this.events.record(
        manager,
        seats.map((s) => ({
          licenseId: license.id,
          seatId: s.id,
          action,
          personId: s.personId,
          assetId: s.assetId,
          actorId,
        })),
      );
    }
    return seats;
  }

  private async activeSeatOf(manager: EntityManager, licenseId: string, kind: HolderKind, holderId: string) {
    const seat = await manager.findOne(LicenseSeat, {
      where: { licenseId, [holderColumn(kind)]: holderId, releasedAt: IsNull() },
    });
    if (!seat) {
      throw new DomainError(
        'not_found',
        'NOT_ASSIGNED',
        `This ${kind} holds no seat of license ${licenseId}.`,
        {
          licenseId,
          [`${kind}Id`]: holderId,
        },
      );
    }
    return seat;
  }

  /** Active devices by seat; for a department head, only those on assets of their subtree. */
  private async activeDevices(
    manager: EntityManager,
    actor: AuthUser,
    seatIds: string[],
  ): Promise<Map<string, SeatDevice[]>> {
    const devices = seatIds.length
      ? await manager.find(SeatDevice, {
          where: { seatId: In(seatIds), deactivatedAt: IsNull() },
          order: { activatedAt: 'ASC', id: 'ASC' },
        })
      : [];
    const visible = await HolderVisibility.of(this.scope, manager, actor, {
      assetIds: devices.map((d) => d.assetId),
    });
    const bySeat = new Map<string, SeatDevice[]>();
    for (const d of devices.filter((x) => visible.asset(x.assetId))) {
      bySeat.set(d.seatId, [...(bySeat.get(d.seatId) ?? []), d]);
    }
    return bySeat;
  }
}
