import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { BusinessRuleError, ConflictError, DomainError } from '@libs/errors';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { LicensesService } from '../licenses/licenses.service';
import { AssetsService } from '../../inventory/assets/assets.service';
import { PersonsService } from '../../inventory/persons/persons.service';
import { OrgScope } from '../../catalog/org-units/org-scope.service';
import { LicenseSeat } from './license-seat.entity';
import { SeatDevice } from './seat-device.entity';
import { SeatHistory } from './seat-history.service';
import { SeatRelease } from './seat-release';
import { assertActivationAllowed, assertMetric, assertResetsAllowed } from './seat-rules';
import { DeviceDto, ResetResultDto } from './dto/seat.dto';
import { HolderVisibility, scoped } from './holder-scope';
import { explainRefusal } from './seat-refusals';

/**
 * Devices of per_user seats: a seat holder activates the license on assets, within
 * maxActivationsPerUser and maxActivations; resets end activations and count
 * against maxDeviceResets (the device trigger counts them). Same lock order as every
 * seat write (SeatRelease): the asset and the person share-locked, then the license
 * row, then the seat; so an activation waits for a release of its person or asset
 * underway, and then finds no seat (404) instead of leaving a device on a released
 * seat. A database refusal answers with the numbers of the service's own check.
 * A department head activates for persons on assets of their subtree and resets
 * devices of persons there (403 otherwise); the license must be visible (404); the
 * answer of a reset names only devices of their subtree.
 */
@Injectable()
export class DevicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly licenses: LicensesService,
    private readonly assets: AssetsService,
    private readonly persons: PersonsService,
    private readonly history: SeatHistory,
    private readonly release: SeatRelease,
    private readonly scope: OrgScope,
  ) {}

  async activate(actor: AuthUser, licenseId: string, personId: string, assetId: string): Promise<DeviceDto> {
    try {
      return await this.activateOnce(actor, licenseId, personId, assetId);
    } catch (error) {
      throw await explainRefusal(this.dataSource.manager, error, { licenseId, personId });
    }
  }

  private activateOnce(actor: AuthUser, licenseId: string, personId: string, assetId: string) {
    return this.tx.run(async (manager) => {
      const [asset] = await this.assets.lockForAssignment(manager, [assetId]);
      const persons = await this.persons.lockForAssignment(manager, [personId]);
      const license = await this.licenses.lockVisible(manager, actor, licenseId);
      await this.scope.assertWithin(manager, actor, [
        ...scoped('person', persons),
        ...scoped('asset', [asset]),
      ]);
      assertMetric(license, 'person');
      const seat = await this.seatOf(manager, licenseId, personId);
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
  resetDevice(
    actor: AuthUser,
    licenseId: string,
    personId: string,
    assetId: string,
  ): Promise<ResetResultDto> {
    return this.reset(actor, licenseId, personId, assetId);
  }

  /** Resets every device of the person's seat, all or none against the limit. */
  resetPerson(actor: AuthUser, licenseId: string, personId: string): Promise<ResetResultDto> {
    return this.reset(actor, licenseId, personId);
  }

  private async reset(
    actor: AuthUser,
    licenseId: string,
    personId: string,
    assetId?: string,
  ): Promise<ResetResultDto> {
    const asked = { resets: assetId ? 1 : 0 };
    try {
      return await this.tx.run((manager) =>
        this.resetIn(manager, actor, asked, licenseId, personId, assetId),
      );
    } catch (error) {
      throw await explainRefusal(this.dataSource.manager, error, { licenseId, ...asked });
    }
  }

  private async resetIn(
    manager: EntityManager,
    actor: AuthUser,
    asked: { resets: number },
    licenseId: string,
    personId: string,
    assetId?: string,
  ): Promise<ResetResultDto> {
    // The seat's holder decides the scope: a reset ends their activations, wherever the devices are.
    const persons = await this.lockPersonIfScoped(manager, actor, personId);
    const license = await this.licenses.lockVisible(manager, actor, licenseId);
    await this.scope.assertWithin(manager, actor, scoped('person', persons));
    const seat = await this.seatOf(manager, licenseId, personId);
    const active = await manager.find(SeatDevice, {
      where: { seatId: seat.id, deactivatedAt: IsNull(), ...(assetId ? { assetId } : {}) },
    });
    if (assetId && !active.length) {
      throw new DomainError('not_found', 'NOT_ACTIVATED', 'This device is not activated for this person.', {
        assetId,
      });
    }
    asked.resets = active.length;
    assertResetsAllowed(license, active.length);
    // Ended with reason 'reset', each counts against maxDeviceResets (the device trigger).
    const ended = await this.release.endDevices(
      manager,
      { seatIds: [seat.id], ...(assetId ? { assetId } : {}) },
      'reset',
      actor.id,
    );
    const { deviceResets } = await this.licenses.lock(manager, licenseId);
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
    const visible = await HolderVisibility.of(this.scope, manager, actor, {
      assetIds: ended.map((d) => d.assetId),
    });
    return {
      licenseId,
      personId,
      reset: ended.map((d) => d.assetId).filter((id) => visible.asset(id)),
      deviceResets,
      maxDeviceResets: license.maxDeviceResets,
    };
  }

  /** A department head's person, share-locked for the scope check (404 when unknown). */
  private async lockPersonIfScoped(manager: EntityManager, actor: AuthUser, personId: string) {
    return this.scope.isScoped(actor) ? this.persons.lockForAssignment(manager, [personId]) : [];
  }

  /** The person's active seat on the license, row-locked: its device counter is about to change. */
  private async seatOf(manager: EntityManager, licenseId: string, personId: string): Promise<LicenseSeat> {
    const seat = await manager.findOne(LicenseSeat, {
      where: { licenseId, personId, releasedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
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
