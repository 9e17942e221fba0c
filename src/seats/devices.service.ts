import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { BusinessRuleError, ConflictError, DomainError } from '@libs/errors';
import { AuthUser } from '../auth/auth-user';
import { TransactionRunner } from '../database/transaction';
import { LicensesService } from '../licenses/licenses.service';
import { AssetsService } from '../assets/assets.service';
import { PersonsService } from '../persons/persons.service';
import { OrgScope } from '../org-units/org-scope.service';
import { LicenseSeat } from './license-seat.entity';
import { SeatDevice } from './seat-device.entity';
import { SeatHistory } from './seat-history.service';
import { SeatRelease } from './seat-release';
import { assertActivationAllowed, assertMetric, assertResetsAllowed } from './seat-rules';
import { DeviceDto } from './dto/seat.dto';
import { scoped } from './holder-scope';

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
 * against maxDeviceResets. Same locking as seats: the holders, then the license row.
 * A department head activates for persons on assets of their subtree and resets
 * devices of persons there (403 otherwise); the license must be visible (404).
 */
@Injectable()
export class DevicesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly licenses: LicensesService,
    private readonly assets: AssetsService,
    private readonly persons: PersonsService,
    private readonly history: SeatHistory,
    private readonly release: SeatRelease,
    private readonly scope: OrgScope,
  ) {}

  async activate(actor: AuthUser, licenseId: string, personId: string, assetId: string): Promise<DeviceDto> {
    return this.tx.run(async (manager) => {
      const [asset] = await this.assets.lockForAssignment(manager, [assetId]);
      const persons = await this.lockPersonIfScoped(manager, actor, personId);
      const license = await this.licenses.lockVisible(manager, actor, licenseId);
      await this.scope.assertWithin(manager, actor, [
        ...scoped('person', persons),
        ...scoped('asset', [asset]),
      ]);
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
      // The seat's holder decides the scope: a reset ends their activations, wherever the devices are.
      const persons = await this.lockPersonIfScoped(manager, actor, personId);
      const license = await this.licenses.lockVisible(manager, actor, licenseId);
      await this.scope.assertWithin(manager, actor, scoped('person', persons));
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

  /** A department head's person, share-locked for the scope check (404 when unknown). */
  private async lockPersonIfScoped(manager: EntityManager, actor: AuthUser, personId: string) {
    return this.scope.isScoped(actor) ? this.persons.lockForAssignment(manager, [personId]) : [];
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
