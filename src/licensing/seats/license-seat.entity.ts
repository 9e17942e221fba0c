import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { License } from '../licenses/license.entity';
import { Person } from '../../inventory/persons/person.entity';
import { Asset } from '../../inventory/assets/asset.entity';
import { User } from '../../access/users/user.entity';
import { RELEASED_WITHOUT_DEVICES_CHECK, SEAT_DEVICES_CHECK } from '../seat-engine/seat-guards';

export const RELEASE_REASONS = [
  'unassigned',
  'transferred',
  'offboarded',
  'person_deactivated',
  'person_deleted',
  'asset_retired',
  'asset_deleted',
] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/**
 * One seat of a license held by a person (per_user) or an asset (per_device).
 * A seat is active until released; released seats stay as the record of who held it.
 * Counters and limits are kept by the seat engine's triggers (seat-engine/seat-guards.ts).
 */
@Entity('license_seats')
@Unique(['licenseId', 'id'])
@Check('ck_license_seats__one_holder', `num_nonnulls(person_id, asset_id) = 1`)
// The seat engine's guards (seat-engine/seat-guards.ts): the device counter, none left on a released seat.
@Check(SEAT_DEVICES_CHECK.name, SEAT_DEVICES_CHECK.condition)
@Check(RELEASED_WITHOUT_DEVICES_CHECK.name, RELEASED_WITHOUT_DEVICES_CHECK.condition)
export class LicenseSeat {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  // One active seat per (license, person) and per (license, asset): partial unique indexes.
  @Index('uq_license_seats__license_id__person_id', { synchronize: false })
  @Index('uq_license_seats__license_id__asset_id', { synchronize: false })
  @Column({ type: 'uuid' })
  licenseId: string;

  @ManyToOne(() => License, { onDelete: 'CASCADE' })
  @JoinColumn()
  license?: License;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn()
  person?: Person;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  assetId: string | null;

  @ManyToOne(() => Asset, { onDelete: 'CASCADE' })
  @JoinColumn()
  asset?: Asset;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  assignedAt: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  assignedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_by' })
  assignedByUser?: User;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  releasedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'released_by' })
  releasedByUser?: User;

  @Column({ type: 'varchar', length: 50, nullable: true })
  releaseReason: ReleaseReason | null;

  /** Maintained by a trigger; never written by the app. */
  @Column({ type: 'int', default: 0, insert: false, update: false })
  activeDevices: number;
}
