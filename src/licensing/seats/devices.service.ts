import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { AssetsService } from '../../inventory/assets/assets.service';
import { PersonsService } from '../../inventory/persons/persons.service';
import { OrgScope } from '../../catalog/org-units/org-scope.service';
import { LicensesService } from '../licenses/licenses.service';
import * as rules from '../seat-engine/seat-rules';
import { RefusedRequest, SeatRefusals } from '../seat-engine/seat-refusals';
import { LicenseSeat } from './license-seat.entity';
import { SeatHistory } from './seat-history.service';
import { SeatRelease } from './seat-release';
import { SeatsRepository } from './seats.repository';
import { SeatDevicesRepository } from './seat-devices.repository';
import { DeviceDto, ResetResultDto } from './dto/seat.dto';
import { HolderVisibility, scoped } from './holder-scope';

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
    private readonly tx: TransactionRunner,
    private readonly seats: SeatsRepository,
    private readonly devices: SeatDevicesRepository,
    private readonly licenses: LicensesService,
    private readonly assets: AssetsService,
    private readonly persons: PersonsService,
    private readonly history: SeatHistory,
    private readonly release: SeatRelease,
    private readonly refusals: SeatRefusals,
    private readonly scope: OrgScope,
  ) {}

  activate(actor: AuthUser, licenseId: string, personId: string, assetId: string): Promise<DeviceDto> {
    return this.refusals.explained({ licenseId, personId }, () =>
      this.tx.run(async () => {
        const [asset] = await this.assets.lockForAssignment([assetId]);
        const persons = await this.persons.lockForAssignment([personId]);
        const license = await this.licenses.lockVisible(actor, licenseId);
        await this.scope.assertWithin(actor, [...scoped('person', persons), ...scoped('asset', [asset])]);
        rules.assertMetric(license, 'person');
        const seat = await this.seatOf(licenseId, personId);
        rules.assertActivatable(asset);
        if (await this.devices.isActive(seat.id, assetId)) throw rules.alreadyActivated(assetId);
        rules.assertActivationAllowed(license, seat.activeDevices);
        const device = await this.devices.activate({
          seatId: seat.id,
          licenseId,
          assetId,
          activatedBy: actor.id,
        });
        await this.history.record([
          { licenseId, seatId: seat.id, action: 'activate', personId, assetId, actorId: actor.id },
        ]);
        return DeviceDto.from(device);
      }),
    );
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

  private reset(actor: AuthUser, licenseId: string, personId: string, assetId?: string) {
    // The resets asked for, known once the seat's devices are read.
    const asked: RefusedRequest = { licenseId, resets: assetId ? 1 : 0 };
    return this.refusals.explained(asked, () =>
      this.tx.run(async (): Promise<ResetResultDto> => {
        // The seat's holder decides the scope: a reset ends their activations, wherever the devices are.
        const persons = this.scope.isScoped(actor) ? await this.persons.lockForAssignment([personId]) : [];
        const license = await this.licenses.lockVisible(actor, licenseId);
        await this.scope.assertWithin(actor, scoped('person', persons));
        const seat = await this.seatOf(licenseId, personId);
        const active = await this.devices.activeOfSeat(seat.id, assetId);
        if (assetId && !active.length) throw rules.notActivated(assetId);
        asked.resets = active.length;
        rules.assertResetsAllowed(license, active.length);
        // Ended with reason 'reset', each counts against maxDeviceResets (the device trigger).
        const ended = await this.release.endDevices(
          { seatIds: [seat.id], ...(assetId ? { assetId } : {}) },
          'reset',
          actor.id,
        );
        const { deviceResets } = await this.licenses.lock(licenseId);
        await this.history.record(
          ended.map((d) => ({
            licenseId,
            seatId: seat.id,
            action: 'reset' as const,
            personId,
            assetId: d.assetId,
            actorId: actor.id,
          })),
        );
        const visible = await HolderVisibility.of(this.scope, this.seats, actor, {
          assetIds: ended.map((d) => d.assetId),
        });
        return {
          licenseId,
          personId,
          reset: ended.map((d) => d.assetId).filter((id) => visible.asset(id)),
          deviceResets,
          maxDeviceResets: license.maxDeviceResets,
        };
      }),
    );
  }

  /** The person's active seat on the license, row-locked: its device counter is about to change. */
  private async seatOf(licenseId: string, personId: string): Promise<LicenseSeat> {
    const seat = await this.seats.lockActiveOfPerson(licenseId, personId);
    if (!seat) throw rules.notAssigned(licenseId, 'person', personId);
    return seat;
  }
}
