import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { LicenseKeysService } from '../licenses/license-keys.service';
import { License } from '../licenses/license.entity';
import { LicenseSeat, ReleaseReason } from './license-seat.entity';
import { SeatDevice } from './seat-device.entity';
import { SeatAction } from './seat-event.entity';
import { SeatHistory } from './seat-history.service';
import { ReleasedDto } from './dto/seat.dto';

/** A device activation an {@link SeatRelease.endDevices} call ended. */
export interface EndedDevice {
  id: string;
  seatId: string;
  licenseId: string;
  assetId: string;
}

/** Which active devices to end: of these seats, of this asset, or both conditions. */
export interface DeviceFilter {
  seatIds?: string[];
  assetId?: string;
}

/**
 * Ending seats and device activations, the one way every path does it (unassign,
 * transfer, offboarding, a person deactivated, an asset retired or deleted):
 * the licenses and then the seats locked (FOR UPDATE, each in id order), devices
 * ended, then the seats, then their key bindings, and a history event for each
 * row that this call changed (a row another transaction ended first is not
 * recorded twice).
 *
 * Lock order of every seat write: holders (persons, assets), then licenses, then
 * seats, then devices. A holder being released is locked by its caller; an
 * activation share-locks its asset and person first, so it waits for a release of
 * either, and then finds the seat gone.
 */
@Injectable()
export class SeatRelease {
  constructor(
    private readonly history: SeatHistory,
    private readonly keys: LicenseKeysService,
  ) {}

  async releaseSeats(
    manager: EntityManager,
    seats: LicenseSeat[],
    reason: ReleaseReason,
    actorId: string | null,
    action: SeatAction = reason === 'unassigned' ? 'unassign' : 'release',
  ): Promise<ReleasedDto[]> {
    if (!seats.length) return [];
    const locked = await this.lockSeats(manager, seats);
    const seatIds = locked.filter((s) => s.releasedAt === null).map((s) => s.id);
    if (!seatIds.length) return [];
    const devices = await this.endDevices(manager, { seatIds }, reason, actorId);
    const { raw } = await manager
      .createQueryBuilder()
      .update(LicenseSeat)
      .set({ releasedAt: () => 'now()', releasedBy: actorId, releaseReason: reason })
      .where({ id: In(seatIds), releasedAt: IsNull() })
      .returning(['id'])
      .execute();
    const releasedIds = new Set((raw as { id: string }[]).map((r) => r.id));
    // In the caller's order, the rows as locked: only those this update ended.
    const byId = new Map(locked.map((s) => [s.id, s]));
    const released = seats.filter((s) => releasedIds.has(s.id)).map((s) => byId.get(s.id)!);
    if (!released.length) return [];
    // A transfer moves the keys to the new seat itself.
    if (reason !== 'transferred')
      await this.keys.rebindSeats(
        manager,
        released.map((s) => s.id),
        null,
      );
    const devicesOf = (seatId: string) => devices.filter((d) => d.seatId === seatId).map((d) => d.assetId);
    await this.history.record(
      manager,
      released.map((seat) => ({
        licenseId: seat.licenseId,
        seatId: seat.id,
        action,
        personId: seat.personId,
        assetId: seat.assetId,
        actorId,
        details: { reason, devices: devicesOf(seat.id) },
      })),
    );
    return released.map((seat) => ({
      licenseId: seat.licenseId,
      seatId: seat.id,
      kind: 'seat' as const,
      devices: devicesOf(seat.id),
    }));
  }

  /** Ends the activations of one asset on other people's per_user seats (asset retired or deleted). */
  async releaseActivationsOn(
    manager: EntityManager,
    assetId: string,
    reason: ReleaseReason,
    actorId: string | null,
  ): Promise<ReleasedDto[]> {
    const active = await manager.find(SeatDevice, {
      select: { id: true, seatId: true, licenseId: true },
      where: { assetId, deactivatedAt: IsNull() },
    });
    if (!active.length) return [];
    const seats = await this.lockSeats(
      manager,
      active.map((d) => ({ id: d.seatId, licenseId: d.licenseId })),
    );
    const devices = await this.endDevices(manager, { assetId }, reason, actorId);
    const holderOf = new Map(seats.map((s) => [s.id, s.personId]));
    await this.history.record(
      manager,
      devices.map((d) => ({
        licenseId: d.licenseId,
        seatId: d.seatId,
        action: 'release' as const,
        personId: holderOf.get(d.seatId) ?? null,
        assetId,
        actorId,
        details: { reason, devices: [assetId] },
      })),
    );
    return devices.map((d) => ({
      licenseId: d.licenseId,
      seatId: d.seatId,
      kind: 'device' as const,
      devices: [assetId],
    }));
  }

  /**
   * Deactivates the matching active devices and answers those this statement ended
   * (in activation order); the count triggers keep the counters right. The caller
   * holds the lock of their seats' license.
   */
  async endDevices(
    manager: EntityManager,
    filter: DeviceFilter,
    reason: string,
    actorId: string | null,
  ): Promise<EndedDevice[]> {
    if (filter.seatIds && !filter.seatIds.length) return [];
    const { raw } = await manager
      .createQueryBuilder()
      .update(SeatDevice)
      .set({ deactivatedAt: () => 'now()', deactivatedBy: actorId, deactivationReason: reason })
      .where({
        deactivatedAt: IsNull(),
        ...(filter.seatIds ? { seatId: In(filter.seatIds) } : {}),
        ...(filter.assetId ? { assetId: filter.assetId } : {}),
      })
      .returning(['id', 'seatId', 'licenseId', 'assetId', 'activatedAt'])
      .execute();
    const rows = raw as {
      id: string;
      seat_id: string;
      license_id: string;
      asset_id: string;
      activated_at: Date | string;
    }[];
    const time = (d: Date | string) => new Date(d).getTime();
    return rows
      .sort((a, b) => time(a.activated_at) - time(b.activated_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => ({ id: r.id, seatId: r.seat_id, licenseId: r.license_id, assetId: r.asset_id }));
  }

  /**
   * Locks the licenses of `seats`, then the seats themselves, each FOR UPDATE in id
   * order, and answers the seats as they are now (released ones included).
   */
  private async lockSeats(
    manager: EntityManager,
    seats: readonly Pick<LicenseSeat, 'id' | 'licenseId'>[],
  ): Promise<LicenseSeat[]> {
    const licenseIds = [...new Set(seats.map((s) => s.licenseId))];
    await manager
      .createQueryBuilder(License, 'l')
      .select('l.id')
      .where({ id: In(licenseIds) })
      .orderBy('l.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    return manager.find(LicenseSeat, {
      where: { id: In([...new Set(seats.map((s) => s.id))]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }
}
