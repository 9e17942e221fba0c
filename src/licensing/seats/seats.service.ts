import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommonErrorCode, DomainError } from '@libs/errors';
import { Page, PageRequest } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { Transactional, TransactionRunner } from '../../platform/database/transaction';
import { Holder, HolderEnd, HolderLifecycle } from '../../inventory/holder-lifecycle';
import { PersonsService } from '../../inventory/persons/persons.service';
import { AssetsService } from '../../inventory/assets/assets.service';
import { OrgUnitsService } from '../../catalog/org-units/org-units.service';
import { OrgScope } from '../../catalog/org-units/org-scope.service';
import { LicensesService } from '../licenses/licenses.service';
import { LicenseKeysService } from '../licenses/license-keys.service';
import { License } from '../licenses/license.entity';
import * as rules from '../seat-engine/seat-rules';
import { HolderKind, SeatCandidate } from '../seat-engine/seat-rules';
import { SeatRefusals } from '../seat-engine/seat-refusals';
import { LicenseSeat } from './license-seat.entity';
import { SeatDevice } from './seat-device.entity';
import { SeatEvent } from './seat-event.entity';
import { SeatHistory } from './seat-history.service';
import { SeatRelease } from './seat-release';
import { holderColumn, SeatsRepository } from './seats.repository';
import { SeatDevicesRepository } from './seat-devices.repository';
import { HolderVisibility, scoped } from './holder-scope';
import { DeviceDto, HeldLicenseDto, ReleasedDto, SeatDto } from './dto/seat.dto';

/**
 * Hands out and takes back seats. Every write locks the license row (FOR UPDATE)
 * before it counts, in the transaction that writes; the holders are share-locked
 * first so none is deactivated or retired underneath. Lock order, everywhere:
 * holders, licenses, seats, devices (see SeatRelease). The rules are the seat
 * engine's (seat-engine/); its database guards refuse anything that would slip past,
 * and such a refusal answers as the service's own, numbers included (SeatRefusals).
 * A department head acts only on licenses they see (else 404) and on holders in
 * their subtree (else 403), checked in that transaction once the holders are locked;
 * answers name no person or asset outside their subtree. Each use case joins the
 * caller's transaction when one is open (imports, the seed).
 */
@Injectable()
export class SeatsService implements OnModuleInit {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly devices: SeatDevicesRepository,
    protected readonly tx: TransactionRunner, // for @Transactional()
    private readonly licenses: LicensesService,
    private readonly keys: LicenseKeysService,
    private readonly orgUnits: OrgUnitsService,
    private readonly persons: PersonsService,
    private readonly assets: AssetsService,
    private readonly events: SeatHistory,
    private readonly release: SeatRelease,
    private readonly refusals: SeatRefusals,
    private readonly lifecycle: HolderLifecycle,
    private readonly scope: OrgScope,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onEnd((holder, reason, actorId) => this.releaseHolder(holder, reason, actorId));
  }

  /**
   * All or none: every id gets a seat, or the request is refused whole. Every rule is
   * checked before the first write, so a refusal leaves a caller's transaction usable.
   */
  async assign(actor: AuthUser, licenseId: string, kind: HolderKind, ids: string[]): Promise<SeatDto[]> {
    const seats = await this.refusals.explained({ licenseId, seats: ids.length }, () =>
      this.tx.run(async () => {
        const holders = await this.lockHolders(kind, ids);
        const license = await this.licenses.lockVisible(actor, licenseId);
        await this.scope.assertWithin(actor, scoped(kind, holders));
        rules.assertMetric(license, kind);
        await this.assertAssignable(license, kind, holders);
        rules.assertSeatsAvailable(license, ids.length);
        return this.createSeats(license, kind, ids, actor.id, 'assign');
      }),
    );
    return seats.map((s) => SeatDto.from(s));
  }

  @Transactional()
  async unassign(actor: AuthUser, licenseId: string, kind: HolderKind, holderId: string): Promise<void> {
    // Holders before the license, the lock order of every seat write.
    const holders = this.scope.isScoped(actor) ? await this.lockHolders(kind, [holderId]) : [];
    await this.licenses.lockVisible(actor, licenseId);
    await this.scope.assertWithin(actor, scoped(kind, holders));
    const seat = await this.seats.findActive(licenseId, kind, holderId);
    if (!seat) throw rules.notAssigned(licenseId, kind, holderId);
    await this.release.releaseSeats([seat], 'unassigned', actor.id);
  }

  /** Moves a seat to another holder atomically, with the checks of an assign. */
  async transfer(actor: AuthUser, licenseId: string, seatId: string, to: Holder): Promise<SeatDto> {
    const kind: HolderKind = to.personId ? 'person' : 'asset';
    const targetId = (to.personId ?? to.assetId) as string;
    const created = await this.refusals.explained({ licenseId, seats: 1 }, () =>
      this.tx.run(async () => {
        const holders = await this.lockHolders(kind, [targetId]);
        const sources = this.scope.isScoped(actor) ? await this.lockSeatHolder(licenseId, seatId) : [];
        const license = await this.licenses.lockVisible(actor, licenseId);
        await this.scope.assertWithin(actor, [...sources, ...scoped(kind, holders)]);
        const from = await this.seats.findActiveById(licenseId, seatId);
        if (!from) {
          throw new DomainError(
            'not_found',
            CommonErrorCode.NOT_FOUND,
            `License ${licenseId} has no active seat ${seatId}.`,
          );
        }
        rules.assertMetric(license, kind);
        await this.assertAssignable(license, kind, holders);
        // Release first: the count never exceeds quantity, even inside the transaction.
        await this.release.releaseSeats([from], 'transferred', actor.id, 'transfer');
        const [seat] = await this.createSeats(license, kind, [targetId], actor.id, null);
        await this.keys.rebindSeats([from.id], seat.id);
        await this.events.record([
          {
            licenseId,
            seatId: seat.id,
            action: 'transfer',
            personId: seat.personId,
            assetId: seat.assetId,
            actorId: actor.id,
            details: { fromSeatId: from.id, from: { personId: from.personId, assetId: from.assetId } },
          },
        ]);
        return seat;
      }),
    );
    return SeatDto.from(created);
  }

  /** The license's current seats with their devices; a department head's holders only. */
  async listSeats(actor: AuthUser, licenseId: string): Promise<SeatDto[]> {
    await this.licenses.assertVisible(actor, licenseId);
    const seats = await this.seats.listActive(actor, licenseId);
    const devices = await this.activeDevices(
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
    const seats = await this.seats.heldWithLicenses(actor, holder);
    const devices = await this.activeDevices(
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
      const activations = await this.devices.activationsWithLicenses(actor, holder.assetId);
      // The activation is on the asset shown; its seat's holder may be outside a department head's subtree.
      const visible = await HolderVisibility.of(this.scope, this.seats, actor, {
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
    return { ...page, items: await this.events.withinScope(actor, page.items) };
  }

  /** Frees every seat and device of a person and deactivates them, on purpose. */
  @Transactional()
  async offboard(actor: AuthUser, personId: string): Promise<ReleasedDto[]> {
    const person = await this.persons.lock(personId);
    await this.scope.assertWithin(actor, scoped('person', [person]));
    const released = await this.releaseHolder({ personId }, 'offboarded', actor.id);
    await this.persons.markInactive(personId);
    // A department head's answer leaves out the devices outside their subtree.
    const visible = await HolderVisibility.of(this.scope, this.seats, actor, {
      assetIds: released.flatMap((r) => r.devices),
    });
    return released.map((r) => ({ ...r, devices: r.devices.filter((id) => visible.asset(id)) }));
  }

  /**
   * Releases all a holder has: its seats and, for an asset, its activations on other
   * seats. The caller has locked the holder (FOR UPDATE), so no seat or activation of
   * it can start meanwhile; SeatRelease locks the licenses and seats before it ends anything.
   */
  @Transactional()
  async releaseHolder(
    holder: Holder,
    reason: HolderEnd | 'offboarded',
    actorId: string | null,
  ): Promise<ReleasedDto[]> {
    const held = await this.seats.activeOf(holder);
    const released = await this.release.releaseSeats(held, reason, actorId);
    if (holder.assetId)
      released.push(...(await this.release.releaseActivationsOn(holder.assetId, reason, actorId)));
    return released;
  }

  /**
   * The holder of an active seat, share-locked like the holders of an assign (none
   * when there is no such seat: the caller's own lookup answers 404 then).
   */
  private async lockSeatHolder(licenseId: string, seatId: string) {
    const seat = await this.seats.findActiveById(licenseId, seatId);
    if (!seat) return [];
    const kind: HolderKind = seat.personId ? 'person' : 'asset';
    return scoped(kind, await this.lockHolders(kind, [(seat.personId ?? seat.assetId) as string]));
  }

  private async lockHolders(kind: HolderKind, ids: string[]): Promise<SeatCandidate[]> {
    if (kind === 'person') {
      const persons = await this.persons.lockForAssignment(ids);
      return persons.map((p) => ({ id: p.id, orgUnitId: p.orgUnitId, usable: p.active }));
    }
    const assets = await this.assets.lockForAssignment(ids);
    return assets.map((a) => ({ id: a.id, orgUnitId: a.orgUnitId, usable: a.status !== 'retired' }));
  }

  /** Inactive persons, retired assets, holders outside the license's org unit, seats already held. */
  private async assertAssignable(
    license: License,
    kind: HolderKind,
    holders: SeatCandidate[],
  ): Promise<void> {
    rules.assertUsable(kind, holders);
    if (license.orgUnitId) {
      const subtree = new Set(await this.orgUnits.subtreeIds(license.orgUnitId));
      rules.assertWithinLicenseUnit(license, kind, holders, subtree);
    }
    const held = await this.seats.heldBy(
      license.id,
      kind,
      holders.map((h) => h.id),
    );
    rules.assertNotHeld(
      kind,
      held.map((s) => s[holderColumn(kind)]),
    );
  }

  private async createSeats(
    license: License,
    kind: HolderKind,
    ids: string[],
    actorId: string,
    action: 'assign' | null,
  ): Promise<LicenseSeat[]> {
    const seats = await this.seats.create(license.id, kind, ids, actorId);
    if (action) {
      await this.events.record(
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

  /** Active devices by seat; for a department head, only those on assets of their subtree. */
  private async activeDevices(actor: AuthUser, seatIds: string[]): Promise<Map<string, SeatDevice[]>> {
    const devices = await this.devices.activeOfSeats(seatIds);
    const visible = await HolderVisibility.of(this.scope, this.seats, actor, {
      assetIds: devices.map((d) => d.assetId),
    });
    const bySeat = new Map<string, SeatDevice[]>();
    for (const d of devices.filter((x) => visible.asset(x.assetId))) {
      bySeat.set(d.seatId, [...(bySeat.get(d.seatId) ?? []), d]);
    }
    return bySeat;
  }
}
