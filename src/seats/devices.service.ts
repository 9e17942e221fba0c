import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { BusinessRuleError, ConflictError, DomainError } from '@libs/errors';
import { AuthUser } from '../auth/auth-user';
import { TransactionRunner } from '../database/transaction';
import { LicensesService } from '../licenses/licenses.service';
import { AssetsService } from '../assets/assets.service';
import { LicenseSeat } from './license-seat.entity';
import { SeatDevice } from './seat-device.entity';
import { SeatHistory } from './seat-history.service';
import { SeatRelease } from './seat-release';
import { assertActivationAllowed, assertMetric, assertResetsAllowed } from './seat-rules';
import { DeviceDto } from './dto/seat.dto';

export interface ResetResult {
  licenseId: string;
  personId: string;
  reset: string[];
  deviceResets: number;
  maxDeviceResets: number | null;
}

/**
 * Devices of per_user seats: a seat holder activates the license on assets, within
 * maxActivationsPerUser and maxActivations; resets end activations and count
 * against maxDeviceResets. Same locking as seats: the license row first.
 */
@Injectable()
export class DevicesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly licenses: LicensesService,
    private readonly assets: AssetsService,
    private readonly history: SeatHistory,
    private readonly release: SeatRelease,
  ) {}

  async activate(actor: AuthUser, licenseId: string, personId: string, assetId: string): Promise<DeviceDto> {
    return this.tx.run(async (manager) => {
      const [asset] = await this.assets.lockForAssignment(manager, [assetId]);
      const license = await this.licenses.lock(manager, licenseId);
      assertMetric(license, 'person');
      const seat = await this.seatOf(manager, licenseId, personId, true);
      if (asset.status === 'retired') {
        throw new BusinessRuleError('RETIRED_ASSET', 'A retired asset cannot be activated.', {
          assetIds: [assetId],
        });
      }
      if (await manager.existsBy(SeatDevice, { seatId: seat.id, assetId, deactivatedAt: IsNull() })) {
        throw new ConflictError('ALREADY_ACTIVATED', 'This device is already activated for this person.', {
          assetId,
        });
      }
      assertActivationAllowed(license, seat.activeDevices);
      const device = await manager.save(
        manager.create(SeatDevice, { seatId: seat.id, licenseId, assetId, activatedBy: actor.id }),
      );
      await this.history.record(manager, [
        { licenseId, seatId: seat.id, action: 'activate', personId, assetId, actorId: actor.id },
      ]);
      return DeviceDto.from(device);
    });
  }

  /** Resets one device: it is deactivated, and the reset counts against maxDeviceResets. */
  resetDevice(actor: AuthUser, licenseId: string, personId: string, assetId: string): Promise<ResetResult> {
    return this.reset(actor, licenseId, personId, assetId);
  }

  /** Resets every device of the person's seat, all or none against the limit. */
  resetPerson(actor: AuthUser, licenseId: string, personId: string): Promise<ResetResult> {
    return this.reset(actor, licenseId, personId);
  }

  private reset(
    actor: AuthUser,
    licenseId: string,
    personId: string,
    assetId?: string,
  ): Promise<ResetResult> {
    return this.tx.run(async (manager) => {
      const license = await this.licenses.lock(manager, licenseId);
      const seat = await this.seatOf(manager, licenseId, personId, false);
      const active = await manager.find(SeatDevice, {
        where: { seatId: seat.id, deactivatedAt: IsNull(), ...(assetId ? { assetId } : {}) },
      });
      if (assetId && !active.length) {
        throw new DomainError('not_found', 'NOT_ACTIVATED', 'This device is not activated for this person.', {
          assetId,
        });
      }
      assertResetsAllowed(license, active.length);
      const ended = await this.release.endDevices(
        manager,
        { seatId: seat.id, ...(assetId ? { assetId } : {}) },
        'reset',
        actor.id,
      );
      const deviceResets = await this.licenses.countDeviceResets(manager, licenseId, ended.length);
      await this.history.record(
        manager,
        ended.map((d) => ({
          licenseId,
          seatId: seat.id,
          action: 'reset' as const,
          personId,
          assetId: d.assetId,
          actorId: actor.id,
        })),
      );
      return {
        licenseId,
        personId,
        reset: ended.map((d) => d.assetId),
        deviceResets,
        maxDeviceResets: license.maxDeviceResets,
      };
    });
  }

  /** The person's active seat on the license (row-locked when its counter is about to change). */
  private async seatOf(
    manager: EntityManager,
    licenseId: string,
    personId: string,
    lock: boolean,
  ): Promise<LicenseSeat> {
    const seat = await manager.findOne(LicenseSeat, {
      where: { licenseId, personId, releasedAt: IsNull() },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!seat) {
      throw new DomainError(
        'not_found',
        'NOT_ASSIGNED',
        `This person holds no seat of license ${licenseId}.`,
        {
          licenseId,
          personId,
        },
      );
    }
    return seat;
  }
}
