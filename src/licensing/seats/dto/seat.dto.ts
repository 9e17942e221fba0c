import { ApiProperty } from '@nestjs/swagger';
import { LicenseSeat } from '../license-seat.entity';
import { SeatDevice } from '../seat-device.entity';
import { SeatEvent } from '../seat-event.entity';

export class DeviceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assetId: string;
  @ApiProperty() activatedAt: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) activatedBy: string | null;

  static from({ id, assetId, activatedAt, activatedBy }: SeatDevice): DeviceDto {
    return { id, assetId, activatedAt, activatedBy };
  }
}

export class SeatDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) licenseId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) personId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assetId: string | null;
  @ApiProperty() assignedAt: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedBy: string | null;
  @ApiProperty({ type: [DeviceDto] }) devices: DeviceDto[];

  static from(seat: LicenseSeat, devices: SeatDevice[] = []): SeatDto {
    const { id, licenseId, personId, assetId, assignedAt, assignedBy } = seat;
    return { id, licenseId, personId, assetId, assignedAt, assignedBy, devices: devices.map(DeviceDto.from) };
  }
}

export class SeatEventDto {
  @ApiProperty() at: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ enum: ['assign', 'unassign', 'transfer', 'activate', 'reset', 'release'] }) action: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) seatId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) personId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assetId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'what the action did: reason and devices (release, unassign), fromSeatId and from (transfer); for a department head, holders and assets outside their subtree are left out',
  })
  details: Record<string, unknown>;

  static from({ at, actorId, action, seatId, personId, assetId, details }: SeatEvent): SeatEventDto {
    return { at, actorId, action, seatId, personId, assetId, details };
  }
}

/** A seat or device activation as seen from its holder (a person's or an asset's licenses). */
export class HeldLicenseDto {
  @ApiProperty({ format: 'uuid' }) licenseId: string;
  @ApiProperty() licenseName: string;
  @ApiProperty({ enum: ['per_user', 'per_device'] }) metric: string;
  @ApiProperty({
    enum: ['seat', 'device'],
    description: 'a seat held, or a device activation of a per_user seat',
  })
  kind: 'seat' | 'device';
  @ApiProperty({ format: 'uuid' }) seatId: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the seat holder (device activations)',
  })
  personId: string | null;
  @ApiProperty() since: Date;
  @ApiProperty({ type: [DeviceDto] }) devices: DeviceDto[];
}

export class ReleasedDto {
  @ApiProperty({ format: 'uuid' }) licenseId: string;
  @ApiProperty({ format: 'uuid' }) seatId: string;
  @ApiProperty({ enum: ['seat', 'device'] }) kind: 'seat' | 'device';
  @ApiProperty({ type: [String], format: 'uuid', description: 'assets whose activation ended' })
  devices: string[];
}

export class OffboardResultDto {
  @ApiProperty({ type: [ReleasedDto], description: 'the seats and device activations released' })
  released: ReleasedDto[];
}

export class ResetResultDto {
  @ApiProperty({ format: 'uuid' }) licenseId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'assets whose activation was reset' })
  reset: string[];
  @ApiProperty({ description: 'resets done on the license so far, this one included' })
  deviceResets: number;
  @ApiProperty({ type: Number, nullable: true, description: 'the limit; null = none' })
  maxDeviceResets: number | null;
}
