import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { LicenseKeysService } from '../licenses/license-keys.service';
import { LicenseSeat, ReleaseReason } from './license-seat.entity';
import { SeatDevice } from './seat-device.entity';
import { SeatAction } from './seat-event.entity';
import { SeatHistory } from './seat-history.service';
import { ReleasedDto } from './dto/seat.dto';

/**
 * Ending seats and device activations, the one way every path does it (unassign,
 * transfer, offboarding, a person deactivated, an asset retired or deleted):
 * devices first, then the seat, then its key bindings, and a history event each.
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
    const seatIds = seats.map((s) => s.id);
    const devices = await this.endDevices(manager, { seatId: In(seatIds) }, reason, actorId);
    await manager.update(
      LicenseSeat,
      { id: In(seatIds), releasedAt: IsNull() },
      { releasedAt: () => 'now()', releasedBy: actorId, releaseReason: reason },
    );
    // A transfer moves the keys to the new seat itself.
    if (reason !== 'transferred') await this.keys.rebindSeats(manager, seatIds, null);
    const devicesOf = (seatId: string) => devices.filter((d) => d.seatId === seatId).map((d) => d.assetId);
    await this.history.record(
      manager,
      seats.map((seat) => ({
        licenseId: seat.licenseId,
        seatId: seat.id,
        action,
        personId: seat.personId,
        assetId: seat.assetId,
        actorId,
        details: { reason, devices: devicesOf(seat.id) },
      })),
    );
    return seats.map((seat) => ({
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
    const devices = await this.endDevices(manager, { assetId }, reason, actorId);
    if (!devices.length) return [];
    const seats = await manager.findBy(LicenseSeat, { id: In(devices.map((d) => d.seatId)) });
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

  /** Deactivates matching active devices; the count triggers keep the counters right. */
  async endDevices(
    manager: EntityManager,
    where: {
      seatId?: ReturnType<typeof In<string>> | string;
      assetId?: string;
      id?: ReturnType<typeof In<string>>;
    },
    reason: string,
    actorId: string | null,
  ): Promise<SeatDevice[]> {
    const devices = await manager.find(SeatDevice, {
      where: { ...where, deactivatedAt: IsNull() },
      order: { activatedAt: 'ASC', id: 'ASC' },
    });
    if (devices.length) {
      await manager.update(
        SeatDevice,
        { id: In(devices.map((d) => d.id)) },
        { deactivatedAt: () => 'now()', deactivatedBy: actorId, deactivationReason: reason },
      );
    }
    return devices;
  }
}
