import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { OrgUnitsRepository } from '../../catalog/org-units/org-units.repository';
import { SeatDevice } from './seat-device.entity';

/** A device activation an {@link SeatDevicesRepository.end} call ended. */
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

/** Device activations' rows (seat_devices), in the open transaction when there is one. */
@Injectable()
export class SeatDevicesRepository {
  constructor(
    private readonly db: TransactionRunner,
    private readonly orgUnits: OrgUnitsRepository,
  ) {}

  private get manager(): EntityManager {
    return this.db.manager;
  }

  isActive(seatId: string, assetId: string): Promise<boolean> {
    return this.manager.existsBy(SeatDevice, { seatId, assetId, deactivatedAt: IsNull() });
  }

  activate(
    fields: Pick<SeatDevice, 'seatId' | 'licenseId' | 'assetId' | 'activatedBy'>,
  ): Promise<SeatDevice> {
    return this.manager.save(this.manager.create(SeatDevice, fields));
  }

  /** Many activations in one INSERT (the demo data). */
  async activateMany(
    rows: readonly Pick<SeatDevice, 'seatId' | 'licenseId' | 'assetId' | 'activatedBy'>[],
  ): Promise<void> {
    await this.manager.insert(SeatDevice, [...rows]);
  }

  /** The active devices of these seats, in activation order. */
  async activeOfSeats(seatIds: readonly string[]): Promise<SeatDevice[]> {
    if (!seatIds.length) return [];
    return this.manager.find(SeatDevice, {
      where: { seatId: In([...seatIds]), deactivatedAt: IsNull() },
      order: { activatedAt: 'ASC', id: 'ASC' },
    });
  }

  /** The seat's active devices, or its activation on `assetId`. */
  activeOfSeat(seatId: string, assetId?: string): Promise<SeatDevice[]> {
    return this.manager.find(SeatDevice, {
      where: { seatId, deactivatedAt: IsNull(), ...(assetId ? { assetId } : {}) },
    });
  }

  /** The active activations on an asset: id, seat and license only. */
  activeOnAsset(assetId: string): Promise<Pick<SeatDevice, 'id' | 'seatId' | 'licenseId'>[]> {
    return this.manager.find(SeatDevice, {
      select: { id: true, seatId: true, licenseId: true },
      where: { assetId, deactivatedAt: IsNull() },
    });
  }

  /** The active activations on an asset with their seats and licenses, oldest first; only licenses the actor sees. */
  activationsWithLicenses(actor: AuthUser, assetId: string): Promise<SeatDevice[]> {
    const qb = this.manager
      .createQueryBuilder(SeatDevice, 'd')
      .innerJoinAndSelect('d.seat', 's')
      .innerJoinAndSelect('s.license', 'l')
      .where('d.assetId = :assetId', { assetId })
      .andWhere('d.deactivatedAt IS NULL')
      .orderBy('d.activatedAt', 'ASC');
    return this.orgUnits.restrictLicenses(qb, 'l', actor).getMany();
  }

  /**
   * Deactivates the matching active devices and answers those this statement ended,
   * in activation order; the count triggers keep the counters right.
   */
  async end(filter: DeviceFilter, reason: string, actorId: string | null): Promise<EndedDevice[]> {
    if (filter.seatIds && !filter.seatIds.length) return [];
    const { raw } = await this.manager
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
}
